package io.pilotage.ingestion.rest;

import io.vertx.core.buffer.Buffer;

import java.util.Arrays;

/**
 * A request body gathered into one array as its chunks arrive: sized from the request's
 * {@code Content-Length} (at most 1 MiB up front, so a client that announces a large body and
 * sends nothing holds no more), grown when the body is longer or has no announced length. Each
 * chunk is copied once; when the announced length was right, {@link #bytes} is that array itself.
 * Before, the chunks went into a Vert.x buffer that was then copied whole into an array: two
 * body-sized allocations per request, a tenth of the batch path's allocation.
 */
final class BodyBytes {

    static final int MAX_UP_FRONT = 1 << 20;
    private static final int DEFAULT = 8192;
    private static final byte[] EMPTY = new byte[0];

    private byte[] bytes;
    private int length;

    /** @param contentLength the request's {@code Content-Length} header, or null */
    BodyBytes(String contentLength) {
        int expected = DEFAULT;
        if (contentLength != null) {
            try {
                expected = (int) Math.max(0, Math.min(Long.parseLong(contentLength.trim()), MAX_UP_FRONT));
            } catch (NumberFormatException e) {
                // the HTTP codec refuses a malformed length before any chunk arrives
            }
        }
        bytes = new byte[expected];
    }

    void append(Buffer chunk) {
        int n = chunk.length();
        if (length + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + n));
        }
        chunk.getBytes(0, n, bytes, length);
        length += n;
    }

    int length() {
        return length;
    }

    /** The array's size now (what is held for the body). */
    int capacity() {
        return bytes.length;
    }

    /** The body read so far, exactly as long as it is. */
    byte[] bytes() {
        return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
    }

    /**
     * The body, handed over: this holder keeps nothing of it afterwards (the request's handlers,
     * which hold the holder, live until the answer, long after the body is parsed).
     */
    byte[] take() {
        byte[] body = bytes();
        bytes = EMPTY;
        length = 0;
        return body;
    }
}
