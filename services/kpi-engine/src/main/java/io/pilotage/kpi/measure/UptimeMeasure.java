package io.pilotage.kpi.measure;

import io.pilotage.contracts.CanonicalEvent;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code uptime}: the time-weighted share (in %) of the window spent in state {@code up}, from
 * state-change or probe events ({@code up}: event types meaning up, {@code down}: meaning down). The
 * state at the window's start is the last state seen before it (carried forward, within the
 * lookback); time before the first state ever seen is excluded, as is time after {@code asOf} for a
 * current window. No state seen at all is NO_DATA. Two events at the same instant: down wins.
 */
public final class UptimeMeasure implements MeasureKind<UptimeMeasure.Transitions> {

    /** State changes by instant (true = up). Immutable. */
    public record Transitions(TreeMap<Instant, Boolean> changes) {
        static final Transitions EMPTY = new Transitions(new TreeMap<>());
    }

    private final Set<String> up;
    private final Set<String> down;
    private final int lookback;

    public UptimeMeasure(List<String> up, List<String> down, int lookbackDays) {
        if (up.isEmpty() || down.isEmpty()) {
            throw new IllegalArgumentException("an uptime measure needs 'up' and 'down' event types");
        }
        this.up = Set.copyOf(up);
        this.down = Set.copyOf(down);
        this.lookback = lookbackDays;
    }

    @Override
    public Transitions empty() {
        return Transitions.EMPTY;
    }

    @Override
    public boolean accepts(CanonicalEvent e) {
        return up.contains(e.type()) || down.contains(e.type());
    }

    @Override
    public Transitions add(Transitions s, CanonicalEvent e) {
        TreeMap<Instant, Boolean> m = new TreeMap<>(s.changes());
        m.merge(e.occurredAt(), up.contains(e.type()) && !down.contains(e.type()), Boolean::logicalAnd);
        return new Transitions(m);
    }

    @Override
    public Transitions merge(Transitions a, Transitions b) {
        if (b.changes().isEmpty()) {
            return a;
        }
        if (a.changes().isEmpty()) {
            return b;
        }
        TreeMap<Instant, Boolean> m = new TreeMap<>(a.changes());
        b.changes().forEach((k, v) -> m.merge(k, v, Boolean::logicalAnd));
        return new Transitions(m);
    }

    @Override
    public boolean dependsOnTime() {
        return true;
    }

    @Override
    public int lookbackDays() {
        return lookback;
    }

    @Override
    public MeasureValue evaluate(Window window, NavigableMap<LocalDate, Transitions> days) {
        TreeMap<Instant, Boolean> all = mergeDays(days, window.firstDay().minusDays(lookback), window.lastDay()).changes();
        Instant start = window.start();
        Instant end = window.effectiveEnd();
        Map.Entry<Instant, Boolean> before = all.lowerEntry(start);
        Instant cursor = before != null ? start : null;
        Boolean state = before != null ? before.getValue() : null;
        long upMillis = 0;
        long totalMillis = 0;
        long samples = before != null ? 1 : 0;
        for (Map.Entry<Instant, Boolean> change : all.subMap(start, true, end, false).entrySet()) {
            if (cursor != null) {
                long span = Duration.between(cursor, change.getKey()).toMillis();
                totalMillis += span;
                upMillis += state ? span : 0;
            }
            cursor = change.getKey();
            state = change.getValue();
            samples++;
        }
        if (cursor == null) {
            return MeasureValue.noData(0);
        }
        long span = Math.max(0, Duration.between(cursor, end).toMillis());
        totalMillis += span;
        upMillis += state ? span : 0;
        if (totalMillis == 0) {
            return new MeasureValue(state ? 100.0 : 0.0, samples, true, null, null);
        }
        return new MeasureValue(100.0 * upMillis / totalMillis, samples, true, null, null);
    }

    @Override
    public byte[] encode(Transitions s) {
        return Codec.write(out -> {
            out.writeInt(s.changes().size());
            for (Map.Entry<Instant, Boolean> e : s.changes().entrySet()) {
                out.writeLong(e.getKey().toEpochMilli());
                out.writeBoolean(e.getValue());
            }
        });
    }

    @Override
    public Transitions decode(byte[] bytes) {
        return Codec.read(bytes, in -> {
            int n = in.readInt();
            TreeMap<Instant, Boolean> m = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                m.put(Instant.ofEpochMilli(in.readLong()), in.readBoolean());
            }
            return new Transitions(m);
        });
    }
}
