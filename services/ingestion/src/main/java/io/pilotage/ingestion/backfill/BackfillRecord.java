package io.pilotage.ingestion.backfill;

import java.time.Instant;

/**
 * One history import as audited: who ran it (the token's {@code preferred_username}), when, the
 * source (or the sources its events named, comma-separated), the route, the items accepted,
 * duplicate and rejected, and the earliest and latest {@code occurredAt} of the accepted events
 * (null when none was accepted).
 */
public record BackfillRecord(long id, String actor, Instant at, String source, String route, int accepted,
                             int duplicates, int rejected, Instant earliestOccurredAt, Instant latestOccurredAt) {
}
