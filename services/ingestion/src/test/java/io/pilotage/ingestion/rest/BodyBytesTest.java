package io.pilotage.ingestion.rest;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class BodyBytesTest {

    private static BodyBytes gather(String contentLength, String... chunks) {
        BodyBytes body = new BodyBytes(contentLength);
        for (String c : chunks) {
            body.append(Buffer.buffer(c));
        }
        return body;
    }

    private static String text(BodyBytes body) {
        return new String(body.bytes(), StandardCharsets.UTF_8);
    }

    @Test
    void aBodyOfItsAnnouncedLengthIsGatheredInOneArrayOfThatLength() {
        BodyBytes body = gather("11", "hello", " ", "world");
        assertThat(text(body)).isEqualTo("hello world");
        assertThat(body.bytes()).isSameAs(body.bytes());   // no copy: the array is exactly the body
    }

    @Test
    void aBodyLongerThanAnnouncedOrWithoutALengthGrows() {
        assertThat(text(gather("3", "abcdef", "ghij"))).isEqualTo("abcdefghij");
        assertThat(text(gather(null, "x".repeat(9000), "y"))).isEqualTo("x".repeat(9000) + "y");
        assertThat(text(gather("not a number", "{}"))).isEqualTo("{}");
    }

    @Test
    void aBodyCutShortIsWhatArrived() {
        BodyBytes body = gather("100", "[{\"id\":");
        assertThat(body.length()).isEqualTo(7);
        assertThat(text(body)).isEqualTo("[{\"id\":");
    }

    @Test
    void aHugeAnnouncedLengthReservesAtMostOneMebibyteUpFront() {
        assertThat(new BodyBytes(Long.toString(10L << 30)).capacity()).isEqualTo(1 << 20);
        assertThat(new BodyBytes("2000").capacity()).isEqualTo(2000);
        assertThat(new BodyBytes("-5").capacity()).isZero();
        assertThat(text(gather(Long.toString(10L << 30), "{}"))).isEqualTo("{}");
    }

    @Test
    void takingTheBodyLeavesNothingBehind() {
        BodyBytes body = gather("5", "ab", "cde");
        assertThat(new String(body.take(), StandardCharsets.UTF_8)).isEqualTo("abcde");
        assertThat(body.length()).isZero();
        assertThat(body.capacity()).isZero();
        body.append(Buffer.buffer("more"));   // a late chunk (none comes after the end) still fits
        assertThat(text(body)).isEqualTo("more");
    }
}
