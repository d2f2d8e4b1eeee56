package io.pilotage.ingestion.event;

import io.pilotage.ingestion.event.BoundedJsonReader.LimitExceededException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedJsonReaderTest {

    private final EventBodyReader reader = new EventBodyReader(new BoundedJsonReader(new BoundedJsonReader.Limits(10_000, 4, 50, 5)));

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The body that once took the service down: ~10 MB of empty objects, refused at item 10 001. */
    @Test
    void tenMegabytesOfEmptyObjectsStopAtTheItemLimitWithoutReadingTheRest() {
        StringBuilder sb = new StringBuilder(10_000_000).append('[');
        for (int i = 0; i < 3_300_000; i++) {
            sb.append(i == 0 ? "{}" : ",{}");
        }
        byte[] body = bytes(sb.append(']').toString());

        assertThatThrownBy(() -> reader.readJson(body)).isInstanceOfSatisfying(LimitExceededException.class, e -> {
            assertThat(e.status()).isEqualTo(413);
            assertThat(e.limit()).isEqualTo("maxItems");
        });
        byte[] ndjson = bytes("{}\n".repeat(3_300_000));
        assertThatThrownBy(() -> reader.readNdjson(ndjson)).isInstanceOfSatisfying(LimitExceededException.class,
                e -> assertThat(e.status()).isEqualTo(413));
    }

    @Test
    void depthStringLengthAndMemberCountAreCheckedNamingTheField() {
        assertThatThrownBy(() -> reader.readJson(bytes("{\"attributes\":{\"a\":{\"b\":{\"c\":{}}}}}")))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                    assertThat(e.limit()).isEqualTo("maxDepth");
                    assertThat(e.field()).isEqualTo("attributes.a.b.c");
                    assertThat(e.status()).isEqualTo(400);
                });
        assertThatThrownBy(() -> reader.readJson(bytes("[{\"id\":\"" + "x".repeat(51) + "\"}]")))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                    assertThat(e.limit()).isEqualTo("maxStringLength");
                    assertThat(e.field()).isEqualTo("[0].id");
                });
        assertThatThrownBy(() -> reader.readJson(bytes("{\"attributes\":{\"a\":1,\"b\":1,\"c\":1,\"d\":1,\"e\":1,\"f\":1}}")))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                    assertThat(e.limit()).isEqualTo("maxMembers");
                    assertThat(e.field()).isEqualTo("attributes");
                });
        assertThatThrownBy(() -> reader.readNdjson(bytes("{}\n{\"x\":[[[[[1]]]]]}")))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> assertThat(e.field()).startsWith("[1].x"));
    }

    @Test
    void duplicateKeysTrailingContentAndInvalidUtf8AreMalformed() {
        assertThatThrownBy(() -> reader.readJson(bytes("{\"id\":\"a\",\"id\":\"b\"}")))
                .isInstanceOf(BoundedJsonReader.MalformedBodyException.class).hasMessageContaining("id appears twice");
        assertThatThrownBy(() -> reader.readJson(bytes("{} {}")))
                .isInstanceOf(BoundedJsonReader.MalformedBodyException.class).hasMessageStartingWith("malformed JSON");
        assertThatThrownBy(() -> reader.readJson(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}))
                .isInstanceOf(BoundedJsonReader.MalformedBodyException.class).hasMessageStartingWith("malformed JSON");
    }

    @Test
    void anArrayIsABatchAndAnObjectIsOneEvent() {
        assertThat(reader.readJson(bytes("[{\"a\":1},{\"b\":[1,2]}]")).items()).hasSize(2);
        assertThat(reader.readJson(bytes("{\"a\":1}")).batch()).isFalse();
        assertThat(reader.readNdjson(bytes("{\"a\":1}\r\n\r\n{\"b\":2}\n")).items()).hasSize(2);
    }

    @Test
    void onlyPrintableAsciiWithoutABackslashIsPlain() {
        assertThat(plain("{\"a\": \"b c\"}\t\r\n")).isTrue();
        assertThat(plain("{\"a\":\"\\u0000\"}")).as("an escape").isFalse();
        assertThat(plain("{\"a\":\"\u0085\"}")).as("beyond ASCII").isFalse();
        assertThat(plain("{\"a\":\"\u007f\"}")).as("DEL").isFalse();
        assertThat(plain("{\"a\":\"\u0001\"}")).as("a raw control character").isFalse();
    }

    private static boolean plain(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return BoundedJsonReader.plain(b, 0, b.length);
    }

    @Test
    void ndjsonReadWithOneParserGivesWhatReadingLineByLineGives() {
        java.util.Random random = new java.util.Random(9);
        String[] lines = {"{\"a\":1}", "{\"a\":\"x y\",\"b\":[1,2]}", "", "   ", "\t", "{\"a\":1} {\"b\":2}", "{\"a\":",
                "[1,2,3]", "42", "{\"deep\":{\"a\":{\"b\":{\"c\":{}}}}}", "{\"long\":\"" + "z".repeat(60) + "\"}",
                "{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6}", "{\"esc\":\"\\u0000\"}", "{\"é\":\"ü\"}", "nul", "}",
                "{\"a\":1,\"a\":2}"};
        int fast = 0;
        for (int n = 0; n < 3_000; n++) {
            StringBuilder body = new StringBuilder();
            for (int i = random.nextInt(8); i >= 0; i--) {
                body.append(lines[random.nextInt(lines.length)]).append(random.nextInt(4) == 0 ? "\r\n" : "\n");
            }
            if (random.nextInt(5) == 0) {
                body.append("{\"multi\":\n1}\n");
            }
            byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
            Object byLine;
            try {
                byLine = reader.readNdjsonByLine(bytes);
            } catch (RuntimeException e) {
                byLine = e.getClass() + ": " + e.getMessage();
            }
            Object either;
            try {
                either = reader.readNdjson(bytes);
            } catch (RuntimeException e) {
                either = e.getClass() + ": " + e.getMessage();
            }
            assertThat(either).as(body.toString()).isEqualTo(byLine);
            fast += reader.json().readLines(bytes, (i, node, start, end) -> { }) ? 1 : 0;
        }
        assertThat(fast).as("both ways of reading were compared").isBetween(100, 2_900);
    }
}
