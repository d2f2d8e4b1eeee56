package io.pilotage.ingestion.dedupe;

/** The idempotency key of an event: its {@code id}, unique per {@code source} (DESIGN §2.1). */
public record EventRef(String source, String id) {
}
