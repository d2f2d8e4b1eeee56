package io.pilotage.ingestion.source;

import io.pilotage.contracts.definition.SourceDefinition;
import io.pilotage.contracts.definition.SourceDefinition.SecretHash;
import io.pilotage.ingestion.adapter.Fixtures;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SourceAuthenticatorTest {

    private static final Instant NOW = Instant.parse("2026-11-02T10:00:00Z");

    @Test
    void onlyTheRightSecretIsAcceptedAndARotatedOutOneUntilItsEnd() {
        SourceDefinition s = new SourceDefinition("s", "erp", "ga4", List.of(
                new SecretHash("sha256", SourceAuthenticator.hash("new-secret"), null),
                new SecretHash("sha256", SourceAuthenticator.hash("old-secret"), NOW.plusSeconds(60))),
                Map.of(), List.of(), List.of(), null, null);

        assertThat(SourceAuthenticator.accepts(s, "new-secret", NOW)).isTrue();
        assertThat(SourceAuthenticator.accepts(s, "old-secret", NOW)).isTrue();
        assertThat(SourceAuthenticator.accepts(s, "old-secret", NOW.plusSeconds(61))).isFalse();
        assertThat(SourceAuthenticator.accepts(s, "new-secreT", NOW)).isFalse();
        assertThat(SourceAuthenticator.accepts(s, "", NOW)).isFalse();
        assertThat(SourceAuthenticator.accepts(s, null, NOW)).isFalse();
    }

    @Test
    void theBundledSourcesLoadAndTheirDemoSecretsMatch() {
        assertThat(SourceAuthenticator.accepts(Fixtures.source("odoo-prod"), "odoo-prod-demo-secret", NOW)).isTrue();
        assertThat(SourceAuthenticator.accepts(Fixtures.source("ga4-mobile"), "ga4-mobile-demo-token", NOW)).isTrue();
        assertThat(SourceAuthenticator.accepts(Fixtures.source("qradar-soc"), "qradar-soc-demo-token", NOW)).isTrue();
        assertThat(SourceAuthenticator.whoseSecret(List.of(Fixtures.source("qradar-soc"), Fixtures.source("splunk-soc")),
                "splunk-soc-demo-token", NOW)).map(SourceDefinition::id).contains("splunk-soc");
        assertThat(Fixtures.source("ga4-mobile").acceptedLateness()).hasHours(72);
    }
}
