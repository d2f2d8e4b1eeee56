package io.pilotage.ingestion.event;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class IsoTimestampsTest {

    /** What OffsetDateTime.parse makes of it: the instant, or null when it refuses. */
    private static Instant reference(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Instant ours(String text) {
        try {
            return IsoTimestamps.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Test
    void theUsualShapesTakeTheFastPathAndMeanWhatTheFormatterSays() {
        for (String s : List.of("2026-11-02T09:14:03Z", "2026-11-02T09:14:03+01:00", "2026-11-02T09:14:03.250-05:30",
                "2024-02-29T23:59:59.999999999Z", "1970-01-01T00:00:00+18:00", "0001-01-01T00:00:00.1-18:00")) {
            assertThat(IsoTimestamps.fast(s)).as(s).isNotNull().isEqualTo(reference(s));
        }
    }

    @Test
    void onRandomAndMalformedTextItAgreesWithOffsetDateTimeParse() {
        Random random = new Random(42);
        List<String> samples = new ArrayList<>(List.of("2026-02-30T10:00:00Z", "2026-13-01T00:00:00Z", "2026-11-02T24:00:00Z",
                "2026-11-02T09:14:60Z", "2026-11-02T09:14:03", "2026-11-02T09:14:03.Z", "2026-11-02T09:14:03.1234567890Z",
                "2026-11-02T09:14:03+19:00", "2026-11-02T09:14:03+18:01", "2026-11-02T09:14:03+0100", "2026-11-02 09:14:03Z",
                "2026-11-02t09:14:03z", "+12026-11-02T09:14:03Z", "2026-11-02T09:14Z", "2026-11-02T09:14:03+01:00:30",
                "2026-11-02T09:14:03-00:00", "2026-1l-02T09:14:03Z", "", "2026-11-02T09:14:03ZZ", "2026-11-02T09:14:03.5+01:0"));
        String digits = "0123456789";
        for (int k = 0; k < 3000; k++) {
            StringBuilder b = new StringBuilder(String.format("%04d-%02d-%02dT%02d:%02d:%02d", random.nextInt(10000),
                    random.nextInt(14), random.nextInt(33), random.nextInt(25), random.nextInt(61), random.nextInt(61)));
            if (random.nextBoolean()) {
                b.append('.');
                int fraction = random.nextInt(11);
                for (int f = 0; f < fraction; f++) {
                    b.append(digits.charAt(random.nextInt(10)));
                }
            }
            b.append(switch (random.nextInt(4)) {
                case 0 -> "Z";
                case 1 -> String.format("%s%02d:%02d", random.nextBoolean() ? "+" : "-", random.nextInt(20), random.nextInt(61));
                case 2 -> "";
                default -> "+01:00";
            });
            if (random.nextInt(10) == 0) {   // a character replaced anywhere
                b.setCharAt(random.nextInt(b.length()), "x:-T.+9 ".charAt(random.nextInt(8)));
            }
            samples.add(b.toString());
        }
        for (String s : samples) {
            assertThat(ours(s)).as(s).isEqualTo(reference(s));
            Instant fast = IsoTimestamps.fast(s);
            if (fast != null) {
                assertThat(fast).as(s).isEqualTo(reference(s));
            }
        }
        assertThat(samples.stream().filter(s -> IsoTimestamps.fast(s) != null).count())
                .as("most valid samples take the fast path").isGreaterThan(300);
    }
}
