package io.pilotage.ingestion.event;

import io.pilotage.contracts.CanonicalEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubjectPseudonymizerTest {

    private final SubjectPseudonymizer pseudonymizer = new SubjectPseudonymizer("a-test-secret-of-32-bytes-000000");

    @Test
    void sameSubjectSameKeyGivesTheSamePseudonym() {
        assertThat(pseudonymizer.pseudonym("+22370000000")).isEqualTo(pseudonymizer.pseudonym("+22370000000"))
                .startsWith("u_").hasSize(2 + 32);
    }

    @Test
    void differentKeysGiveUnrelatedPseudonyms() {
        SubjectPseudonymizer other = new SubjectPseudonymizer("another-secret-of-32-bytes-11111");

        assertThat(other.pseudonym("awa@example.ml")).isNotEqualTo(pseudonymizer.pseudonym("awa@example.ml"));
    }

    @Test
    void theRawSubjectNeverAppearsInTheEvent() {
        CanonicalEvent event = new CanonicalEvent("1", "s", "mobile-app", "session_start", Instant.EPOCH, null,
                null, "awa@example.ml", null, null);

        CanonicalEvent out = pseudonymizer.apply(event);

        assertThat(out.subject()).doesNotContain("awa").doesNotContain("example");
        assertThat(out.withSubject(null)).isEqualTo(event.withSubject(null));
    }

    @Test
    void eventsWithoutSubjectAreUnchanged() {
        CanonicalEvent event = new CanonicalEvent("1", "s", "erp", "audit.error", Instant.EPOCH, null,
                null, null, null, null);

        assertThat(pseudonymizer.apply(event)).isSameAs(event);
    }

    @Test
    void refusesAShortSecret() {
        assertThatThrownBy(() -> new SubjectPseudonymizer("short")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PILOTAGE_PSEUDONYM_SECRET");
    }
}
