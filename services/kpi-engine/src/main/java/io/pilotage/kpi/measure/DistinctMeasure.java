package io.pilotage.kpi.measure;

import io.pilotage.contracts.CanonicalEvent;

import java.io.DataInputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;

/**
 * {@code distinct}: the number of distinct values of a field (default {@code subject}) among the
 * window's accepted events ({@code events} empty: every event of the project). With a
 * {@code cohort}, only subjects whose <em>first</em> cohort event (within the lookback) falls inside
 * the window count: "of the subjects first seen in the period, those who ...". Sets are
 * {@link SubjectSet}s: exact below ~65 536 values, a Theta sketch beyond.
 */
public final class DistinctMeasure implements MeasureKind<DistinctMeasure.State> {

    /** The day's distinct values, and (with a cohort) the subjects that had a cohort event that day. */
    public record State(SubjectSet values, SubjectSet cohort) {
    }

    private final EventFilter filter;
    private final String field;
    private final Set<String> cohortTypes;
    private final int lookback;

    public DistinctMeasure(EventFilter filter, String field, List<String> cohort, int lookbackDays) {
        this.filter = filter;
        this.field = field == null ? "subject" : field;
        this.cohortTypes = Set.copyOf(cohort);
        this.lookback = cohortTypes.isEmpty() ? 0 : lookbackDays;
    }

    @Override
    public State empty() {
        return new State(SubjectSet.empty(), SubjectSet.empty());
    }

    @Override
    public boolean accepts(CanonicalEvent e) {
        return (filter.accepts(e) && EventFilter.field(e, field) != null)
                || (cohortTypes.contains(e.type()) && e.subject() != null);
    }

    @Override
    public State add(State s, CanonicalEvent e) {
        Object v = EventFilter.field(e, field);
        if (filter.accepts(e) && v != null) {
            s.values().add(String.valueOf(v));
        }
        if (cohortTypes.contains(e.type()) && e.subject() != null) {
            s.cohort().add(e.subject());
        }
        return s;
    }

    @Override
    public State merge(State a, State b) {
        return new State(a.values().union(b.values()), a.cohort().union(b.cohort()));
    }

    @Override
    public State mergeAll(java.util.Collection<State> states) {
        return new State(SubjectSet.unionAll(states.stream().map(State::values).toList()),
                SubjectSet.unionAll(states.stream().map(State::cohort).toList()));
    }

    @Override
    public int lookbackDays() {
        return lookback;
    }

    @Override
    public MeasureValue evaluate(Window window, NavigableMap<LocalDate, State> days) {
        State in = mergeDays(days, window.firstDay(), window.lastDay());
        SubjectSet result = in.values();
        if (!cohortTypes.isEmpty()) {
            State before = mergeDays(days, window.firstDay().minusDays(lookback), window.firstDay().minusDays(1));
            result = result.intersect(in.cohort().minus(before.cohort()));
        }
        long n = result.count();
        if (n == 0) {
            return MeasureValue.noData(0);
        }
        return new MeasureValue((double) n, n, result.exact(), result.exact() ? null : result.errorBound(), null);
    }

    @Override
    public byte[] encode(State s) {
        return Codec.write(out -> {
            Codec.writeBytes(out, s.values().toBytes());
            Codec.writeBytes(out, s.cohort().toBytes());
        });
    }

    @Override
    public State decode(byte[] bytes) {
        return Codec.read(bytes, (DataInputStream in) -> new State(SubjectSet.fromBytes(Codec.readBytes(in)),
                SubjectSet.fromBytes(Codec.readBytes(in))));
    }
}
