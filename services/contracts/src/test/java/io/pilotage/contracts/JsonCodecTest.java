package io.pilotage.contracts;

import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonCodecTest {

    @Test
    void canonicalEventRoundTripsWithIsoInstants() {
        CanonicalEvent event = new CanonicalEvent("odoo-prod:account.move:4711:posted:2026-11-02T09:14:03Z",
                "odoo-prod", "erp", "document.validated", Instant.parse("2026-11-02T09:14:03Z"),
                Instant.parse("2026-11-02T09:14:03.412Z"), "account.move/4711", "u_3f9c2a", 125000.0,
                Map.of("currency", "XOF", "automated", true));

        String json = JsonCodec.encodeToString(event);

        assertThat(json).contains("\"occurredAt\":\"2026-11-02T09:14:03Z\"")
                .contains("\"receivedAt\":\"2026-11-02T09:14:03.412Z\"");
        assertThat(JsonCodec.decode(json, CanonicalEvent.class)).isEqualTo(event);
    }

    @Test
    void canonicalEventsAreWrittenExactlyAsTheDataBindingSerializerWritesThem() throws Exception {
        java.util.Random random = new java.util.Random(7);
        String[] texts = {"XOF", "", "quote \" and backslash \\", "tab\tnew\nline", "é à ü 中文 😀", "\u0001\u001f",
                "</script>", "x".repeat(900), "long text with é beyond ASCII", "long text with a DEL \u007f in it",
                "long text with a \"quote\" in it", "long text ending in a control \u0007", "an ordinary long attribute value 42"};
        int plain = 0;
        for (int n = 0; n < 2000; n++) {
            Map<String, Object> attributes = new java.util.LinkedHashMap<>();
            for (int a = random.nextInt(6); a > 0; a--) {
                String name = texts[random.nextInt(texts.length)] + a;
                attributes.put(name, switch (random.nextInt(6)) {
                    case 0 -> texts[random.nextInt(texts.length)];
                    case 1 -> random.nextLong();
                    case 2 -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
                    case 3 -> random.nextBoolean();
                    case 4 -> random.nextInt();
                    default -> java.util.List.of("nested", 1);
                });
            }
            CanonicalEvent event = new CanonicalEvent(random.nextBoolean() ? "id-" + n : texts[random.nextInt(texts.length)],
                    "src", random.nextBoolean() ? "erp" : null, "t.x",
                    random.nextBoolean() ? Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(3) * 1_000_000L) : null,
                    random.nextBoolean() ? Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(999_999_999)) : null,
                    random.nextBoolean() ? "entity/" + n : null, random.nextBoolean() ? "u_" + n : null,
                    random.nextBoolean() ? (Double) (random.nextDouble() * 1e6) : null, attributes);

            assertThat(new String(JsonCodec.encode(event), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(new String(JsonCodec.mapper().writeValueAsBytes(event), java.nio.charset.StandardCharsets.UTF_8));
            plain += PlainEventWriter.write(event) != null ? 1 : 0;
        }
        assertThat(plain).as("both ways of writing were compared").isBetween(200, 1800);
    }

    @Test
    void eventsKnownToBePlainTextAreWrittenAsTheDataBindingSerializerWritesThem() throws Exception {
        java.util.Random random = new java.util.Random(11);
        String[] texts = {"XOF", "", "u_0123456789abcdef0123456789abcdef", "x".repeat(900), "a ' single quote, <tags> & ~",
                "an ordinary long attribute value 42 with spaces and punctuation !#$%&()*+,-./:;<=>?@[]^_`{|}~"};
        for (int n = 0; n < 2000; n++) {
            Map<String, Object> attributes = new java.util.LinkedHashMap<>();
            for (int a = random.nextInt(6); a > 0; a--) {
                attributes.put(texts[random.nextInt(texts.length)] + a, switch (random.nextInt(5)) {
                    case 0, 1 -> texts[random.nextInt(texts.length)];
                    case 2 -> random.nextLong();
                    case 3 -> random.nextBoolean();
                    default -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
                });
            }
            CanonicalEvent event = new CanonicalEvent("id-" + n, "src", random.nextBoolean() ? "erp" : null, "t.x",
                    Instant.ofEpochSecond(random.nextInt(2_000_000_000)), random.nextBoolean() ? Instant.ofEpochSecond(
                    random.nextInt(2_000_000_000), random.nextInt(999_999_999)) : null,
                    random.nextBoolean() ? texts[random.nextInt(texts.length)] + n : null, random.nextBoolean() ? "u_" + n : null,
                    random.nextBoolean() ? (Double) (random.nextDouble() * 1e6) : null, attributes);

            assertThat(new String(JsonCodec.encodeKnownPlain(event), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(new String(JsonCodec.mapper().writeValueAsBytes(event), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void aStringTakenForPlainTextThatIsNotIsCaughtWhenAssertionsAreOn() {
        for (String text : new String[] {"quote \" in it", "back\\slash", "tab\t", "é", "\u0142 reads as B in its low byte"}) {
            CanonicalEvent event = new CanonicalEvent("id-1", "src", "erp", "t.x", null, null, null, null, null,
                    Map.of("note", text));
            assertThatThrownBy(() -> JsonCodec.encodeKnownPlain(event)).as(text).isInstanceOf(AssertionError.class);
            assertThat(JsonCodec.decode(JsonCodec.encode(event), CanonicalEvent.class)).isEqualTo(event);
        }
    }

    @Test
    void everyCharacterAtEveryPositionOfAStringIsWrittenAsTheDataBindingSerializerWritesIt() throws Exception {
        // the first 0x300 characters, whose low byte covers every byte value, and characters whose
        // low byte alone would look plain (U+0142 "ł" is 0x42 "B"), a line separator, a surrogate, U+FFFF
        int[] extra = {0x0142, 0x2028, 0x4E2D, 0xD83D, 0xFF22, 0xFFFF};
        int[] chars = new int[0x300 + extra.length];
        for (int c = 0; c < 0x300; c++) {
            chars[c] = c;
        }
        System.arraycopy(extra, 0, chars, 0x300, extra.length);
        int plain = 0;
        // lengths below and from PlainEventWriter.LONG_STRING, written by its two paths
        int[] lengths = {1, 5, 17, 40, PlainEventWriter.LONG_STRING, 100};
        for (int length : lengths) {
            for (int at : new int[] {0, length / 2, length - 1}) {
                for (int c : chars) {
                    // the same event all plain first, so the writer's buffer holds plain bytes where this one's go
                    JsonCodec.encode(new CanonicalEvent("id-1", "src", "erp", "t.x", null, null, "p".repeat(length), null,
                            null, Map.of("note", "p".repeat(length))));
                    StringBuilder text = new StringBuilder("p".repeat(length));
                    text.setCharAt(at, (char) c);
                    CanonicalEvent event = new CanonicalEvent("id-1", "src", "erp", "t.x", null, null, text.toString(), null,
                            null, Map.of("note", text.toString()));
                    assertThat(new String(JsonCodec.encode(event), java.nio.charset.StandardCharsets.UTF_8))
                            .as("U+%04X at %d of %d", c, at, length)
                            .isEqualTo(new String(JsonCodec.mapper().writeValueAsBytes(event), java.nio.charset.StandardCharsets.UTF_8));
                    plain += PlainEventWriter.write(event) != null ? 1 : 0;
                }
            }
        }
        // written without Jackson exactly for printable ASCII other than the quote and the backslash
        assertThat(plain).isEqualTo(lengths.length * 3 * (0x7F - 0x20 - 2));
    }

    @Test
    void instantsRepeatedFromEventToEventAreWrittenAsTheDataBindingSerializerWritesThem() throws Exception {
        java.util.Random random = new java.util.Random(3);
        Instant[] pool = {Instant.parse("2026-11-02T09:14:03Z"), Instant.parse("2026-11-02T09:14:03.412Z"),
                Instant.parse("1999-12-31T23:59:59.999999999Z"), null};
        for (int n = 0; n < 400; n++) {
            CanonicalEvent event = new CanonicalEvent("id-" + n, "src", "erp", "t.x", pool[random.nextInt(pool.length)],
                    pool[random.nextInt(pool.length)], null, null, null, Map.of("k", "v"));
            byte[] written = random.nextBoolean() ? JsonCodec.encode(event) : JsonCodec.encodeKnownPlain(event);
            assertThat(new String(written, java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(new String(JsonCodec.mapper().writeValueAsBytes(event), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void valuesAreWrittenAsTheDataBindingSerializerWritesThem() throws Exception {
        java.util.Random random = new java.util.Random(17);
        double[] edges = {0.0, -0.0, 1.0, -1.0, 1500.0, 9_999_999.0, -9_999_999.0, 10_000_000.0, -10_000_000.0, 1e7 + 1,
                0.5, -0.001, 1e-3, 1e-4, 123456.789, 1e15, 1e16, 9.007199254740993e15, Long.MAX_VALUE, Long.MIN_VALUE, 1e300,
                Double.MIN_VALUE, Double.MAX_VALUE, 4_294_967_296.0};
        for (int n = 0; n < 20_000; n++) {
            double v = switch (n < edges.length ? -1 : random.nextInt(4)) {
                case -1 -> edges[n];
                case 0 -> random.nextInt(20_000_001) - 10_000_000;     // integral, both sides of 10^7
                case 1 -> Math.round(random.nextGaussian() * 1e4) / 100.0;   // amounts with cents
                case 2 -> Double.longBitsToDouble(random.nextLong());   // any bit pattern
                default -> (double) random.nextLong() / (1L << random.nextInt(64));
            };
            if (!Double.isFinite(v)) {
                continue;
            }
            CanonicalEvent event = new CanonicalEvent("id-" + n, "src", "erp", "t.x", Instant.parse("2026-11-02T09:14:03Z"),
                    null, null, null, v, Map.of("k", v));
            byte[] written = random.nextBoolean() ? JsonCodec.encode(event) : JsonCodec.encodeKnownPlain(event);
            assertThat(new String(written, java.nio.charset.StandardCharsets.UTF_8)).as("value %s", v)
                    .isEqualTo(new String(JsonCodec.mapper().writeValueAsBytes(event), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void instantsAreWrittenAsInstantToStringWritesThem() {
        java.util.Random random = new java.util.Random(11);
        for (int n = 0; n < 20_000; n++) {
            long seconds = n % 10 == 0 ? random.nextLong(-60_000_000_000L, 300_000_000_000L)   // years 68 to 11476
                    : random.nextLong(0, 4_102_444_800L);                                    // 1970 to 2100
            int nanos = switch (n % 4) {   // none, milliseconds, microseconds, nanoseconds
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            assertThat(JsonCodec.isoInstant(instant)).isEqualTo(instant.toString());
        }
        for (String edge : new String[] {"1000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "0999-12-31T23:59:59Z",
                "+10000-01-01T00:00:00Z", "2024-02-29T12:00:00.100Z", "1969-12-31T23:59:59.000001Z"}) {
            assertThat(JsonCodec.isoInstant(Instant.parse(edge))).isEqualTo(Instant.parse(edge).toString());
        }
    }

    @Test
    void absentOptionalFieldsAreOmittedAndAttributesNeverNull() {
        CanonicalEvent event = new CanonicalEvent("e1", "s", "erp", "audit.error",
                Instant.parse("2026-11-02T09:14:03Z"), null, null, null, null, null);

        String json = JsonCodec.encodeToString(event);

        assertThat(json).doesNotContain("entity").doesNotContain("subject").doesNotContain("value");
        assertThat(JsonCodec.decode(json, CanonicalEvent.class).attributes()).isEmpty();
    }

    @Test
    void kpiValueUsesLowerCaseGranularityAndIsoDates() {
        KpiValue value = new KpiValue("mobile.mau", "mobile-app",
                new KpiValue.Period(Granularity.MONTH, LocalDate.parse("2026-10-01"), LocalDate.parse("2026-10-31")),
                231877.0, "users", 250000.0, KpiStatus.AMBER, 4183220, false, 0.01, 3,
                Instant.parse("2026-11-01T00:00:04Z"));

        String json = JsonCodec.encodeToString(value);

        assertThat(json).contains("\"granularity\":\"month\"").contains("\"start\":\"2026-10-01\"")
                .contains("\"status\":\"AMBER\"");
        assertThat(JsonCodec.decode(json, KpiValue.class)).isEqualTo(value);
    }

    @Test
    void unknownGranularityIsRejectedWithItsName() {
        assertThatThrownBy(() -> JsonCodec.decode(
                "{\"kpi\":\"k\",\"period\":{\"granularity\":\"fortnight\"}}", KpiValue.class))
                .isInstanceOf(UncheckedIOException.class)
                .hasStackTraceContaining("fortnight");
    }

    @Test
    void periodEndBeforeStartIsRefused() {
        assertThatThrownBy(() -> new KpiValue.Period(Granularity.DAY, LocalDate.parse("2026-10-02"),
                LocalDate.parse("2026-10-01"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eventKeyIsEntityElseSubjectElseIdWithinTheProject() {
        CanonicalEvent withEntity = new CanonicalEvent("1", "s", "erp", "t", Instant.EPOCH, null,
                "account.move/4711", "u_1", null, null);
        CanonicalEvent withSubject = new CanonicalEvent("2", "s", "erp", "t", Instant.EPOCH, null,
                null, "u_1", null, null);
        CanonicalEvent bare = new CanonicalEvent("3", "s", "erp", "t", Instant.EPOCH, null,
                " ", null, null, null);

        assertThat(Topics.eventKey(withEntity)).isEqualTo("erp/account.move/4711");
        assertThat(Topics.eventKey(withSubject)).isEqualTo("erp/u_1");
        assertThat(Topics.eventKey(bare)).isEqualTo("erp/3");
    }
}
