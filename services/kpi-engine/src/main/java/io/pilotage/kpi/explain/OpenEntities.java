package io.pilotage.kpi.explain;

import io.pilotage.contracts.definition.Measure;
import io.pilotage.kpi.measure.EntityIntervals;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The entities of a {@code duration} or {@code within} measure that started and had not ended at a
 * window's end (or now, for a window not over yet): the same rule the measures use to count
 * {@code open}. For {@code within}, an entity without an applicable limit is not counted (as in
 * the measure). Plain Java.
 */
public final class OpenEntities {

    public static final int MAX = 50;

    /** An open entity and when it started. */
    public record Open(String entity, Instant since) {
    }

    /** The open entities, oldest first (ties: by entity), at most {@code max}, and how many there are in all. */
    public record Result(List<Open> entities, long count) {
    }

    private OpenEntities() {
    }

    /**
     * @param history every entity state from the lookback to the window's last day, merged
     * @param end     the window's effective end
     * @param limit   the {@code within} limit, or null for {@code duration}
     */
    public static Result of(EntityIntervals history, Instant end, Measure.Limit limit, int max) {
        List<Open> all = history.entities().entrySet().stream()
                .filter(en -> {
                    EntityIntervals.Times t = en.getValue();
                    if (t.start() == null || !t.start().isBefore(end)) {
                        return false;
                    }
                    if (limit != null && limitDays(limit, t.limitKey()) == null) {
                        return false;
                    }
                    Instant first = t.firstEnd();
                    return first == null || !first.isBefore(end);
                })
                .map(en -> new Open(en.getKey(), en.getValue().start()))
                .sorted(Comparator.comparing(Open::since).thenComparing(Open::entity))
                .toList();
        return new Result(all.subList(0, Math.min(max, all.size())), all.size());
    }

    private static Double limitDays(Measure.Limit limit, String key) {
        return key != null && limit.byValue().containsKey(key) ? limit.byValue().get(key) : limit.days();
    }
}
