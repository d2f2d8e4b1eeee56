package io.pilotage.contracts;

import java.time.Instant;

/**
 * One ingestion instance's view of one source, published on the compacted
 * {@link Topics#SOURCE_STATUS} (key {@link #key()}: {@code <source>/<instance>}). The counters are
 * cumulative since that instance started, so a consumer sums them across instances (latest record
 * per key) or takes deltas between two records of the same key (a drop means a restart).
 *
 * @param source       the source id
 * @param project      the source's project (null when the source has none)
 * @param instance     the publishing ingestion instance (unique per process start)
 * @param lastEventAt  when this instance last accepted an event of the source (null: none since start)
 * @param received     events received
 * @param accepted     events accepted and published
 * @param duplicate    events dropped as duplicates
 * @param rejected     events rejected (published on {@link Topics#EVENTS_REJECTED})
 * @param flagged      events accepted with quality flags
 * @param authFailures requests refused for a bad source secret
 * @param at           when the record was built
 */
public record SourceStatus(String source, String project, String instance, Instant lastEventAt, long received,
                           long accepted, long duplicate, long rejected, long flagged, long authFailures, Instant at) {

    /** The record key: {@code <source>/<instance>}. */
    public String key() {
        return source + "/" + instance;
    }
}
