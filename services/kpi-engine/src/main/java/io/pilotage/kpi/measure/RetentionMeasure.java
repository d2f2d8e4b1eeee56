package io.pilotage.kpi.measure;

import io.pilotage.contracts.CanonicalEvent;

import java.time.LocalDate;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;

/**
 * {@code retention} (day N): the cohort is the subjects whose <em>first</em> cohort event (within
 * the lookback) falls on a day d such that d + N lies in the window. Mode {@code on}: the share (in
 * %) of the cohort active (any accepted activity event, {@code events} empty: any event) on day
 * d + N; mode {@code on_or_after}: active on any day from d + N to the window's last day. NO_DATA
 * when the cohort is empty. Sets are {@link SubjectSet}s (exact below ~65 536 subjects).
 */
public final class RetentionMeasure implements MeasureKind<RetentionMeasure.State> {

    /** The subjects with a cohort event that day, and the subjects active that day. */
    public record State(SubjectSet cohort, SubjectSet active) {
    }

    private final Set<String> cohortTypes;
    private final EventFilter activity;
    private final int day;
    private final boolean onOrAfter;
    private final int cohortLookback;

    public RetentionMeasure(List<String> cohort, EventFilter activity, Integer day, String mode, int cohortLookbackDays) {
        if (cohort.isEmpty() || day == null || day < 1) {
            throw new IllegalArgumentException("a retention measure needs 'cohort' event types and 'day' ≥ 1");
        }
        this.cohortTypes = Set.copyOf(cohort);
        this.activity = activity;
        this.day = day;
        this.onOrAfter = switch (mode == null ? "on" : mode) {
            case "on" -> false;
            case "on_or_after" -> true;
            default -> throw new IllegalArgumentException("unknown retention mode '" + mode + "', expected on or on_or_after");
        };
        this.cohortLookback = cohortLookbackDays;
    }

    @Override
    public State empty() {
        return new State(SubjectSet.empty(), SubjectSet.empty());
    }

    @Override
    public boolean accepts(CanonicalEvent e) {
        return e.subject() != null && (cohortTypes.contains(e.type()) || activity.accepts(e));
    }

    @Override
    public State add(State s, CanonicalEvent e) {
        if (cohortTypes.contains(e.type())) {
            s.cohort().add(e.subject());
        }
        if (activity.accepts(e)) {
            s.active().add(e.subject());
        }
        return s;
    }

    @Override
    public State merge(State a, State b) {
        return new State(a.cohort().union(b.cohort()), a.active().union(b.active()));
    }

    @Override
    public State mergeAll(java.util.Collection<State> states) {
        return new State(SubjectSet.unionAll(states.stream().map(State::cohort).toList()),
                SubjectSet.unionAll(states.stream().map(State::active).toList()));
    }

    @Override
    public int lookbackDays() {
        return day + cohortLookback;
    }

    @Override
    public MeasureValue evaluate(Window window, NavigableMap<LocalDate, State> days) {
        LocalDate firstCohortDay = window.firstDay().minusDays(day);
        LocalDate lastCohortDay = window.lastDay().minusDays(day);
        SubjectSet seenBefore = mergeDays(days, firstCohortDay.minusDays(cohortLookback), firstCohortDay.minusDays(1)).cohort();
        double cohortSize = 0;
        double retained = 0;
        boolean exact = true;
        double bound = 0;
        for (LocalDate d = firstCohortDay; !d.isAfter(lastCohortDay); d = d.plusDays(1)) {
            State s = days.get(d);
            if (s == null) {
                continue;
            }
            SubjectSet cohort = s.cohort().minus(seenBefore);
            seenBefore = seenBefore.union(s.cohort());
            if (cohort.estimate() == 0) {
                continue;
            }
            LocalDate target = d.plusDays(day);
            SubjectSet active = onOrAfter
                    ? mergeDays(days, target, window.lastDay()).active()
                    : (days.containsKey(target) ? days.get(target).active() : SubjectSet.empty());
            SubjectSet kept = cohort.intersect(active);
            cohortSize += cohort.estimate();
            retained += kept.estimate();
            exact &= cohort.exact() && kept.exact();
            bound = Math.max(bound, Math.max(cohort.errorBound(), kept.errorBound()));
        }
        if (cohortSize == 0) {
            return MeasureValue.noData(0);
        }
        return new MeasureValue(100.0 * retained / cohortSize, Math.round(cohortSize), exact, exact ? null : 2 * bound, null);
    }

    @Override
    public byte[] encode(State s) {
        return Codec.write(out -> {
            Codec.writeBytes(out, s.cohort().toBytes());
            Codec.writeBytes(out, s.active().toBytes());
        });
    }

    @Override
    public State decode(byte[] bytes) {
        return Codec.read(bytes, in -> new State(SubjectSet.fromBytes(Codec.readBytes(in)), SubjectSet.fromBytes(Codec.readBytes(in))));
    }
}
