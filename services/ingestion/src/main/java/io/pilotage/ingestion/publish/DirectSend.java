package io.pilotage.ingestion.publish;

/**
 * When a publication may be handed to the Kafka producer on the caller's thread (an event loop)
 * instead of the producer's own sending thread. {@code send} blocks only while the topic's metadata
 * is unknown or the producer's buffer is full (up to {@code max.block.ms}), which an event loop must
 * never wait for: it goes direct only when the broker acknowledged a record recently (the metadata is
 * cached; the producer drops it after {@code metadata.max.idle.ms}, 5 minutes by default) and the
 * publication takes at most a quarter of the buffer still free. The hop to the sending thread and
 * back cost a thread wake-up per request, about a tenth of ingestion's CPU for single events.
 */
final class DirectSend {

    /** How recent the last acknowledgement must be, well within {@code metadata.max.idle.ms}. */
    static final long RECENT_ACK_NANOS = 60_000_000_000L;

    private volatile long lastAckNanos;
    private volatile boolean acknowledged;

    /** The broker acknowledged a record at {@code nanos} ({@link System#nanoTime()}). */
    void acked(long nanos) {
        lastAckNanos = nanos;
        acknowledged = true;
    }

    /**
     * The first test, and the cheaper one (the caller measures the publication and the producer's
     * free buffer only when it passes): whether the broker acknowledged a record recently enough
     * that the topic's metadata is cached.
     */
    boolean recentlyAcked(long nowNanos) {
        return acknowledged && nowNanos - lastAckNanos < RECENT_ACK_NANOS;
    }

    /** The second test: whether {@code bytes} take at most a quarter of the {@code freeBuffer} bytes free. */
    boolean fits(long bytes, double freeBuffer) {
        return bytes <= freeBuffer / 4;
    }
}
