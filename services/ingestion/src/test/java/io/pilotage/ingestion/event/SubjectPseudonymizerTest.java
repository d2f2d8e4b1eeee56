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

    @Test
    void theDigitRunGuardNeverHidesAPhoneNumberOrAnMsisdn() {
        java.util.Random random = new java.util.Random(5);
        String alphabet = "0123456789 .-+x@/:0";
        int found = 0;
        for (int n = 0; n < 50_000; n++) {
            StringBuilder sb = new StringBuilder();
            for (int i = random.nextInt(30); i > 0; i--) {
                sb.append(random.nextInt(3) == 0 ? alphabet.charAt(random.nextInt(alphabet.length()))
                        : (char) ('0' + random.nextInt(10)));
            }
            String s = sb.toString();
            boolean phone = PersonalDataScrubber.INTERNATIONAL_PHONE.matcher(s).find()
                    || PersonalDataScrubber.BARE_MSISDN.matcher(s).find();
            if (phone) {
                found++;
                assertThat(PersonalDataScrubber.digitRun(s, 8)).as(s).isTrue();
            }
        }
        assertThat(found).as("the generator makes phone numbers").isGreaterThan(1_000);
    }

    /** Random text of digits and of every character the two phone expressions look at around them. */
    private static String phoneLike(java.util.Random random) {
        String[] pieces = {"+", "00", " ", ".", "-", "x", "Z", "_", "/", ":", "@", "0", "1", "23", "456", "7890", "12345"};
        StringBuilder sb = new StringBuilder();
        for (int i = random.nextInt(14); i > 0; i--) {
            sb.append(pieces[random.nextInt(pieces.length)]);
        }
        return sb.toString();
    }

    @Test
    void theMsisdnGuardIsExactlyWhereTheExpressionFindsOne() {
        java.util.Random random = new java.util.Random(17);
        int found = 0;
        for (int n = 0; n < 200_000; n++) {
            String s = phoneLike(random);
            boolean expected = PersonalDataScrubber.BARE_MSISDN.matcher(s).find();
            found += expected ? 1 : 0;
            assertThat(PersonalDataScrubber.bareMsisdn(s)).as(s).isEqualTo(expected);
        }
        assertThat(found).as("the generator makes MSISDNs and text without").isBetween(2_000, 195_000);
    }

    @Test
    void theInternationalPhoneGuardNeverHidesAMatch() {
        java.util.Random random = new java.util.Random(19);
        int found = 0;
        int spared = 0;
        for (int n = 0; n < 200_000; n++) {
            String s = phoneLike(random);
            if (PersonalDataScrubber.INTERNATIONAL_PHONE.matcher(s).find()) {
                found++;
                assertThat(PersonalDataScrubber.maybeInternationalPhone(s)).as(s).isTrue();
            } else if (!PersonalDataScrubber.maybeInternationalPhone(s)) {
                spared++;
            }
        }
        assertThat(found).as("the generator makes international numbers").isGreaterThan(2_000);
        assertThat(spared).as("and text the guard spares the expression").isGreaterThan(50_000);
    }

    @Test
    void identifiersWithDatesTimesAndCountersAreNotTakenForPhoneNumbers() {
        for (String id : new String[] {"odoo-prod:account.move:4711:posted:2026-11-02T09:14:03Z",
                "bench-3x9k2-12345678", "2026-11-02T00:00:00.123456789Z", "123e4567-e89b-12d3-a456-426614174000",
                "invoice/INV-2026-11-000042", "ga4:1730539200123456:page_view"}) {
            assertThat(PersonalDataScrubber.personalKind(id)).as(id).isNull();
            assertThat(PersonalDataScrubber.bareMsisdn(id) || PersonalDataScrubber.maybeInternationalPhone(id))
                    .as("%s: neither expression runs", id).isFalse();
        }
        assertThat(PersonalDataScrubber.personalKind("call 0022507123456 back")).isEqualTo("a phone number");
        assertThat(PersonalDataScrubber.personalKind("msisdn 225071234567")).isEqualTo("a phone number");
        assertThat(PersonalDataScrubber.personalKind("+225 07 12 34 56 78")).isEqualTo("a phone number");
    }

    /** The plain scan the probing {@link PersonalDataScrubber#digitRun} must agree with. */
    private static boolean digitRunByScan(String text, int n) {
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++run >= n) {
                    return true;
                }
            } else if (run > 0 && !((c == ' ' || c == '.' || c == '-') && i + 1 < text.length()
                    && text.charAt(i + 1) >= '0' && text.charAt(i + 1) <= '9')) {
                run = 0;
            }
        }
        return false;
    }

    @Test
    void theDigitRunGuardAgreesWithAPlainScanOnLongMixedText() {
        java.util.Random random = new java.util.Random(11);
        String[] pieces = {"x", "ab", "0", "7", "12", "345", "6789", " ", ".", "-", "--", "  ", "é", "\u0661", "+", "@", "\u4e2d"};
        int runs = 0;
        for (int t = 0; t < 30_000; t++) {
            StringBuilder sb = new StringBuilder();
            for (int i = random.nextInt(random.nextBoolean() ? 12 : 400); i > 0; i--) {
                sb.append(pieces[random.nextInt(pieces.length)]);
            }
            String s = sb.toString();
            for (int n : new int[] {1, 3, 8, 9}) {
                boolean expected = digitRunByScan(s, n);
                runs += expected && n == 8 ? 1 : 0;
                assertThat(PersonalDataScrubber.digitRun(s, n)).as("n=%d in %s", n, s).isEqualTo(expected);
            }
        }
        assertThat(runs).as("the generator makes runs of 8 and texts without").isBetween(1_000, 29_000);
    }
}
