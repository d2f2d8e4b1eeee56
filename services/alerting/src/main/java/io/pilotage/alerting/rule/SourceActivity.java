package io.pilotage.alerting.rule;

import io.pilotage.contracts.SourceStatus;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What alerting knows of each source from {@code pilotage.source-status.v1}: the latest
 * {@link SourceStatus} of every ingestion instance, and so the source's last accepted event across
 * instances. Plain Java, thread-safe.
 */
public final class SourceActivity {

    /** What is known of one source. */
    public record Seen(Instant lastEventAt) {
    }

    private final Map<String, Map<String, SourceStatus>> bySource = new ConcurrentHashMap<>();

    /** Keeps a status (the latest per instance wins, by {@code at}). */
    public void apply(SourceStatus status) {
        bySource.computeIfAbsent(status.source(), s -> new ConcurrentHashMap<>())
                .merge(status.instance(), status, (old, neu) -> old.at() != null && neu.at() != null
                        && old.at().isAfter(neu.at()) ? old : neu);
    }

    /**
     * The source as seen across instances: empty when no status of it ever arrived; else its last
     * accepted event (null when no instance accepted one since it started).
     */
    public Optional<Seen> of(String source) {
        Map<String, SourceStatus> instances = bySource.get(source);
        if (instances == null || instances.isEmpty()) {
            return Optional.empty();
        }
        Instant last = null;
        for (SourceStatus s : instances.values()) {
            if (s.lastEventAt() != null && (last == null || s.lastEventAt().isAfter(last))) {
                last = s.lastEventAt();
            }
        }
        return Optional.of(new Seen(last));
    }

    /** Why a status can never be applied, or empty when it is valid. */
    public static Optional<String> invalid(SourceStatus s) {
        if (s == null) {
            return Optional.of("empty source status");
        }
        if (s.source() == null || s.source().isBlank()) {
            return Optional.of("source is required");
        }
        if (s.instance() == null || s.instance().isBlank()) {
            return Optional.of("instance is required");
        }
        return Optional.empty();
    }
}
