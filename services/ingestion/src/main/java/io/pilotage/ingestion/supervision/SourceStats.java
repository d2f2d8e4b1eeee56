package io.pilotage.ingestion.supervision;

import io.pilotage.contracts.SourceStatus;
import io.pilotage.contracts.definition.SourceDefinition;
import io.pilotage.ingestion.event.IntakeListener;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Per-source counters since start-up (received, accepted, duplicate, rejected, flagged, auth
 * failures, rate-limited), the time of the last accepted event, and which registered sources are
 * silent past their expected interval. Plain Java; Micrometer reads the same numbers.
 */
public class SourceStats implements IntakeListener {

    /** Counters of one source. */
    public static final class Counters {
        final LongAdder received = new LongAdder();
        final LongAdder accepted = new LongAdder();
        final LongAdder duplicate = new LongAdder();
        final LongAdder rejected = new LongAdder();
        final LongAdder flagged = new LongAdder();
        final LongAdder authFailures = new LongAdder();
        final LongAdder rateLimited = new LongAdder();
        final AtomicReference<Instant> lastEventAt = new AtomicReference<>();
        final AtomicReference<Instant> lastReceivedAt = new AtomicReference<>();

        public long received() {
            return received.sum();
        }

        public long accepted() {
            return accepted.sum();
        }

        public long duplicate() {
            return duplicate.sum();
        }

        public long rejected() {
            return rejected.sum();
        }

        public long flagged() {
            return flagged.sum();
        }

        public Instant lastEventAt() {
            return lastEventAt.get();
        }

        public long authFailures() {
            return authFailures.sum();
        }

        public long rateLimited() {
            return rateLimited.sum();
        }
    }

    /** One row of {@code GET /ingestion/sources/stats}. */
    public record SourceSnapshot(String source, long received, long accepted, long duplicate, long rejected, long flagged,
                                 long authFailures, long rateLimited, Instant lastReceivedAt, Instant lastEventAt,
                                 Duration expectedInterval, boolean silent) {
    }

    private final Map<String, Counters> counters = new ConcurrentHashMap<>();
    private final Function<String, String> sourceLabel;
    private final Clock clock;
    private final Instant startedAt;
    private final BiConsumer<String, Counters> onNewSource;
    private volatile long publishNanos;

    /**
     * @param sourceLabel maps a source id as sent to the label counted under (unregistered ids are
     *                    all counted as one, so a client cannot grow the metrics without bound)
     */
    public SourceStats(Function<String, String> sourceLabel, Clock clock, BiConsumer<String, Counters> onNewSource) {
        this.sourceLabel = sourceLabel;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.onNewSource = onNewSource;
    }

    public Counters of(String source) {
        String label = sourceLabel.apply(source);
        Counters c = counters.get(label);
        if (c != null) {
            return c;
        }
        return counters.computeIfAbsent(label, s -> {
            Counters created = new Counters();
            onNewSource.accept(s, created);
            return created;
        });
    }

    @Override
    public void received(String source, int count) {
        Counters c = of(source);
        c.received.add(count);
        c.lastReceivedAt.set(clock.instant());
    }

    @Override
    public void accepted(String source, Instant occurredAt) {
        Counters c = of(source);
        c.accepted.increment();
        c.lastEventAt.set(clock.instant());
    }

    @Override
    public void duplicate(String source) {
        of(source).duplicate.increment();
    }

    @Override
    public void rejected(String source) {
        of(source).rejected.increment();
    }

    @Override
    public void flagged(String source) {
        of(source).flagged.increment();
    }

    @Override
    public void publishLatency(long nanos) {
        publishNanos = nanos;
    }

    public long lastPublishNanos() {
        return publishNanos;
    }

    public void authFailure(String source) {
        of(source).authFailures.increment();
    }

    public void rateLimited(String source) {
        of(source).rateLimited.increment();
    }

    /**
     * Whether a registered source has been silent past its expected interval: no accepted event
     * since then (counting from start-up when none arrived yet).
     */
    public boolean silent(SourceDefinition source) {
        if (source.expectedInterval() == null) {
            return false;
        }
        Instant last = of(source.id()).lastEventAt.get();
        Instant since = last == null ? startedAt : last;
        return since.plus(source.expectedInterval()).isBefore(clock.instant());
    }

    /**
     * The {@link SourceStatus} of each registered source as this instance sees it (counters since
     * start-up), for {@link io.pilotage.contracts.Topics#SOURCE_STATUS}.
     */
    public List<SourceStatus> statuses(Collection<SourceDefinition> registered, String instance) {
        Instant at = clock.instant();
        return registered.stream().map(def -> {
            Counters c = of(def.id());
            return new SourceStatus(def.id(), def.project(), instance, c.lastEventAt.get(), c.received.sum(),
                    c.accepted.sum(), c.duplicate.sum(), c.rejected.sum(), c.flagged.sum(), c.authFailures.sum(), at);
        }).toList();
    }

    /** Every source seen or registered, registered ones with their silence. */
    public List<SourceSnapshot> snapshot(List<SourceDefinition> registered) {
        Map<String, SourceDefinition> byId = new ConcurrentHashMap<>();
        registered.forEach(s -> byId.put(s.id(), s));
        byId.keySet().forEach(this::of);
        List<SourceSnapshot> out = new ArrayList<>();
        counters.forEach((id, c) -> {
            SourceDefinition def = byId.get(id);
            out.add(new SourceSnapshot(id, c.received.sum(), c.accepted.sum(), c.duplicate.sum(), c.rejected.sum(),
                    c.flagged.sum(), c.authFailures.sum(), c.rateLimited.sum(), c.lastReceivedAt.get(),
                    c.lastEventAt.get(), def == null ? null : def.expectedInterval(), def != null && silent(def)));
        });
        out.sort(Comparator.comparing(SourceSnapshot::source));
        return out;
    }
}
