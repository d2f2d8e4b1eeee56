package io.pilotage.contracts;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class AsciiScanTest {

    /** The rule of {@link AsciiScan#plainJson}, one byte at a time. */
    private static boolean plainJsonByte(int c) {
        return c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c < 0x7F && c != '\\');
    }

    /** The rule of {@link AsciiScan#plainText}, one byte at a time. */
    private static boolean plainTextByte(int c) {
        return c >= 0x20 && c < 0x7F && c != '"' && c != '\\';
    }

    private static boolean plainJsonSlow(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!plainJsonByte(b[i] & 0xFF)) {
                return false;
            }
        }
        return true;
    }

    @Test
    void plainTextPasses() {
        byte[] text = "{\"id\":\"evt-1\",\"attributes\":{\"note\":\"a plain sentence, 100% ASCII: ok!\"}}\r\n\t"
                .getBytes(StandardCharsets.US_ASCII);
        assertThat(AsciiScan.plainJson(text, 0, text.length)).isTrue();
    }

    @Test
    void everyByteValueAtEveryPositionOfAWordIsJudgedAsByteByByte() {
        // 8-byte words, a tail, and offsets that are not multiples of 8
        for (int length : new int[] {1, 7, 8, 9, 16, 23}) {
            for (int offset : new int[] {0, 3}) {
                for (int at = 0; at < length; at++) {
                    for (int v = 0; v < 256; v++) {
                        byte[] b = new byte[offset + length];
                        Arrays.fill(b, (byte) 'a');
                        b[offset + at] = (byte) v;
                        assertThat(AsciiScan.plainJson(b, offset, offset + length))
                                .as("plainJson, byte 0x%02x at %d of %d", v, at, length).isEqualTo(plainJsonByte(v));
                        assertThat(AsciiScan.plainText(b, offset, offset + length))
                                .as("plainText, byte 0x%02x at %d of %d", v, at, length).isEqualTo(plainTextByte(v));
                        assertThat(AsciiScan.plainTextEnd(b, offset, offset + length))
                                .as("plainTextEnd, byte 0x%02x at %d of %d", v, at, length)
                                .isEqualTo(plainTextByte(v) ? offset + length : offset + at);
                    }
                }
            }
        }
    }

    @Test
    void bytesOutsideTheRangeAreNotLookedAt() {
        byte[] b = "\\\u0001 plain in the middle \"\u0000".getBytes(StandardCharsets.UTF_8);
        assertThat(AsciiScan.plainJson(b, 2, b.length - 2)).isTrue();
        assertThat(AsciiScan.plainJson(b, 0, b.length)).isFalse();
    }

    @Test
    void randomWordsMixingSeveralSpecialBytesAgreeWithTheByteByByteRule() {
        // borrows between bytes are where word arithmetic goes wrong: mix bytes just below and
        // above each boundary (0x1F/0x20, 0x7E/0x7F/0x80, the backslash, 0x00, 0xFF)
        int[] edges = {0x00, 0x01, 0x09, 0x0A, 0x0D, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7E, 0x7F, 0x80,
                0x81, 0xA0, 0xDC, 0xFE, 0xFF, 'a', 'z', '0'};
        SplittableRandom random = new SplittableRandom(20261127);
        for (int run = 0; run < 200_000; run++) {
            byte[] b = new byte[random.nextInt(1, 40)];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) (random.nextInt(16) == 0 ? edges[random.nextInt(edges.length)] : 'a' + random.nextInt(26));
            }
            int from = random.nextInt(b.length);
            assertThat(AsciiScan.plainJson(b, from, b.length)).isEqualTo(plainJsonSlow(b, from, b.length));
            boolean plainText = true;
            for (int i = from; i < b.length; i++) {
                plainText &= plainTextByte(b[i] & 0xFF);
            }
            assertThat(AsciiScan.plainText(b, from, b.length)).isEqualTo(plainText);
            int end = from;
            while (end < b.length && plainTextByte(b[end] & 0xFF)) {
                end++;
            }
            assertThat(AsciiScan.plainTextEnd(b, from, b.length)).as("plainTextEnd of %s from %d", Arrays.toString(b), from)
                    .isEqualTo(end);
        }
    }
}
