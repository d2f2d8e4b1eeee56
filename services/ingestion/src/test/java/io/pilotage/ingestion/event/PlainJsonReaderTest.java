package io.pilotage.ingestion.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class PlainJsonReaderTest {

    private static final BoundedJsonReader.Limits LIMITS = new BoundedJsonReader.Limits(10_000, 4, 50, 5);
    private final BoundedJsonReader json = new BoundedJsonReader(LIMITS);
    private final EventBodyReader reader = new EventBodyReader(json);
    private final PlainJsonReader plain = new PlainJsonReader(LIMITS);

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** What the plain reader makes of the line, or null when it gives up. */
    private JsonNode plainRead(String line) {
        return plain.readLine(bytes(line), 0, new PlainJsonReader.Cursor());
    }

    /** What the general parser makes of the same line. */
    private JsonNode generalRead(String line) throws Exception {
        byte[] b = bytes(line);
        return json.readItem(b, 0, b.length, 0);
    }

    @Test
    void aPlainEventIsReadAsTheGeneralParserReadsItAndTheCursorIsOnTheNextLine() throws Exception {
        String event = "{\"id\":\"evt-1\",\"source\":\"odoo\",\"value\":1500.25,\"count\":-3,\"big\":4000000000,"
                + "\"attributes\":{\"ok\":true,\"no\":false,\"none\":null,\"list\":[1,\"two\",[],{}]}}";
        byte[] b = bytes(event + "  \r\n{}");
        PlainJsonReader.Cursor cursor = new PlainJsonReader.Cursor();

        ObjectNode node = plain.readLine(b, 0, cursor);

        assertThat(node).isNull();   // 6 members: over this reader's limit of 5, so left to the general parser
        PlainJsonReader wide = new PlainJsonReader(new BoundedJsonReader.Limits(10, 4, 50, 10));
        node = wide.readLine(b, 0, cursor);
        assertThat(node).isEqualTo(new BoundedJsonReader(new BoundedJsonReader.Limits(10, 4, 50, 10))
                .readItem(bytes(event), 0, event.length(), 0));
        assertThat(node.get("big").isLong()).isTrue();
        assertThat(node.get("count").isInt()).isTrue();
        assertThat(cursor.at).isEqualTo(event.length() + 4);
    }

    @Test
    void whatItCannotBeSureOfIsLeftToTheGeneralParser() {
        String[] refused = {
                "{\"a\":\"caf\u00e9\"}",            // beyond ASCII
                "{\"a\":\"tab\there\"}",            // a raw control character in a string
                "{\"a\":\"\\u0041\"}",              // an escape
                "{\"a\":\"\u007f\"}",               // DEL
                "{\"a\":1e3}", "{\"a\":1.5E3}",     // exponents
                "{\"a\":1234567890123456789}",      // 19 digits
                "{\"a\":1.2345678901234567}",       // 17 significant digits
                "{\"a\":01}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":-}", "{\"a\":+1}",   // malformed numbers
                "{\"a\":tru}", "{\"a\":truex}", "{\"a\":nul}",
                "{\"a\":1,\"a\":2}",                // a name twice
                "{\"a\":1} {\"b\":2}", "{\"a\":1}x", "{\"a\":1", "{\"a\" 1}", "{\"a\":1,}", "{,}", "{\"a\":[1,]}",
                "[1,2]", "42", "\"text\"",          // not an object
                "{\"a\":1}\r{\"b\":2}",             // a carriage return that does not end the line
                "{\"x\":{\"y\":{\"z\":{\"w\":{}}}}}", // deeper than 4
                "{\"a\":\"" + "z".repeat(51) + "\"}", "{\"" + "n".repeat(51) + "\":1}",   // longer than 50
                "{\"a\":[1,2,3,4,5,6]}",            // more than 5 elements
        };
        for (String line : refused) {
            assertThat(plainRead(line)).as(line).isNull();
        }
    }

    @Test
    void atItsLimitsItStillReads() throws Exception {
        for (String line : new String[] {"{\"x\":{\"y\":{\"z\":{}}}}", "{\"a\":\"" + "z".repeat(50) + "\"}",
                "{\"" + "n".repeat(50) + "\":1}", "{\"a\":[1,2,3,4,5]}", "{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5}",
                "{\"a\":123456789012345678}", "{\"a\":-2147483648}", "{\"a\":2147483648}", "{\"a\":-0}",
                "{\"a\":-0.0}", "{\"a\":0.1}", "{\"a\":999999999999999}", "{\"a\":12345678901234.5}", "{ \"a\" :\t1 }"}) {
            assertThat(plainRead(line)).as(line).isNotNull().isEqualTo(generalRead(line));
        }
    }

    /**
     * Random objects with every kind of value, numbers of every shape, some lines not plain and some
     * malformed: reading NDJSON gives exactly what reading it line by line with the general parser
     * gives, errors included, and the plain reader read most lines.
     */
    @Test
    void randomBodiesReadAsTheGeneralParserReadsThem() throws Exception {
        SplittableRandom random = new SplittableRandom(20261128);
        int readPlain = 0;
        int lines = 0;
        for (int n = 0; n < 4_000; n++) {
            StringBuilder body = new StringBuilder();
            for (int i = random.nextInt(6); i >= 0; i--) {
                String line = object(random, 1);
                if (random.nextInt(12) == 0) {
                    line = spoil(random, line);
                }
                lines++;
                if (plainRead(line) != null) {
                    readPlain++;
                    assertThat(plainRead(line)).as(line).isEqualTo(generalRead(line));
                }
                body.append(random.nextInt(8) == 0 ? " \t" : "").append(line).append(random.nextInt(8) == 0 ? " " : "")
                        .append(random.nextInt(4) == 0 ? "\r\n" : "\n").append(random.nextInt(10) == 0 ? "\n" : "");
            }
            byte[] b = bytes(body.toString());
            assertThat(outcome(() -> reader.readNdjson(b))).as(body.toString()).isEqualTo(outcome(() -> reader.readNdjsonByLine(b)));
        }
        assertThat(readPlain).as("lines the plain reader read, of %d", lines).isBetween(lines / 3, lines - lines / 20);
    }

    /**
     * Random bodies that are one object or an array of them, compact or spread over lines, some
     * spoiled: reading them gives exactly what the general parser gives, errors included.
     */
    @Test
    void randomDocumentsReadAsTheGeneralParserReadsThem() {
        SplittableRandom random = new SplittableRandom(20261129);
        int readPlain = 0;
        int documents = 4_000;
        for (int n = 0; n < documents; n++) {
            String ws = random.nextInt(3) == 0 ? "\r\n  " : random.nextInt(2) == 0 ? " " : "";
            StringBuilder body = new StringBuilder(ws);
            boolean array = random.nextInt(3) > 0;
            if (array) {
                body.append('[').append(ws);
                for (int i = random.nextInt(4); i >= 0; i--) {
                    body.append(object(random, 1)).append(i > 0 ? "," + ws : ws);
                }
                body.append(']');
            } else {
                body.append(object(random, 1));
            }
            String text = body.append(ws).toString();
            if (random.nextInt(10) == 0) {
                text = spoil(random, text);
            }
            byte[] b = bytes(text);
            readPlain += plain.readDocument(b, node -> { }) != PlainJsonReader.Shape.NOT_READ ? 1 : 0;
            assertThat(outcome(() -> reader.readJson(b))).as(text).isEqualTo(outcome(() -> reader.readJsonByParser(b)));
        }
        for (String edge : new String[] {"[]", " [ ] ", "[{}", "[{},]", "[{}]]", "[{}] {}", "{}}", "[1]", "[{},1]", "\uFEFF{}", "",
                "{}\n", "\n[{}\n,\n{}]\n"}) {
            byte[] b = bytes(edge);
            assertThat(outcome(() -> reader.readJson(b))).as(edge).isEqualTo(outcome(() -> reader.readJsonByParser(b)));
        }
        assertThat(readPlain).as("documents the plain reader read, of %d", documents).isBetween(documents / 5, documents - documents / 20);
    }

    @Test
    void aDocumentWithMoreItemsThanTheLimitIsLeftToTheGeneralParser() {
        String body = "[" + "{},".repeat(10_000) + "{}]";
        assertThat(plain.readDocument(bytes(body), node -> { })).isEqualTo(PlainJsonReader.Shape.NOT_READ);
        assertThat(plain.readDocument(bytes("[" + "{},".repeat(9_999) + "{}]"), node -> { })).isEqualTo(PlainJsonReader.Shape.ARRAY);
    }

    private static Object outcome(java.util.function.Supplier<Object> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            return e.getClass() + ": " + e.getMessage();
        }
    }

    private static String object(SplittableRandom random, int depth) {
        StringBuilder sb = new StringBuilder("{");
        int members = random.nextInt(depth == 1 ? 6 : 4);
        for (int i = 0; i < members; i++) {
            sb.append(i == 0 ? "" : ",").append('"').append("k").append(random.nextInt(6)).append("\":")
                    .append(value(random, depth + 1));
        }
        return sb.append('}').toString();
    }

    private static String value(SplittableRandom random, int depth) {
        return switch (random.nextInt(depth > 4 ? 6 : 8)) {
            case 0, 1 -> '"' + "abc xyz-09:/.".substring(random.nextInt(8)) + '"';
            case 2, 3 -> number(random);
            case 4 -> random.nextBoolean() ? "true" : "false";
            case 5 -> "null";
            case 6 -> object(random, depth);
            default -> {
                StringBuilder sb = new StringBuilder("[");
                for (int i = random.nextInt(4); i > 0; i--) {
                    sb.append(value(random, depth + 1)).append(i > 1 ? "," : "");
                }
                yield sb.append(']').toString();
            }
        };
    }

    private static String number(SplittableRandom random) {
        StringBuilder sb = new StringBuilder(random.nextInt(3) == 0 ? "-" : "");
        int digits = random.nextInt(1, 21);
        sb.append(random.nextInt(6) == 0 ? '0' : (char) ('1' + random.nextInt(9)));
        for (int i = 1; i < digits; i++) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
        if (random.nextBoolean()) {
            sb.append('.');
            for (int i = random.nextInt(1, 19); i > 0; i--) {
                sb.append((char) ('0' + random.nextInt(10)));
            }
        }
        if (random.nextInt(8) == 0) {
            sb.append(random.nextBoolean() ? 'e' : 'E').append(random.nextBoolean() ? "-" : "").append(random.nextInt(1, 300));
        }
        return sb.toString();
    }

    /** The line with one byte changed, inserted or removed: often malformed, sometimes not plain. */
    private static String spoil(SplittableRandom random, String line) {
        String[] insert = {"\u00e9", "\\n", "\u0001", "\t", "\r", ",", "}", "\"", " ", "0", "\u007f"};
        int at = random.nextInt(line.length());
        return switch (random.nextInt(3)) {
            case 0 -> line.substring(0, at) + insert[random.nextInt(insert.length)] + line.substring(at);
            case 1 -> line.substring(0, at) + line.substring(at + 1);
            default -> line.substring(0, at) + insert[random.nextInt(insert.length)] + line.substring(at + 1);
        };
    }
}
