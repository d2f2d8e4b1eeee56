package io.pilotage.ingestion.event;

/** Hears what the intake does, per source (supervision counters). Every method may be called concurrently. */
public interface IntakeListener {

    IntakeListener NONE = new IntakeListener() {
    };

    default void received(String source, int count) {
    }

    default void accepted(String source, java.time.Instant occurredAt) {
    }

    default void duplicate(String source) {
    }

    default void rejected(String source) {
    }

    default void flagged(String source) {
    }

    /** How long the broker took to acknowledge a request's events. */
    default void publishLatency(long nanos) {
    }
}
