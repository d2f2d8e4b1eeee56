package io.pilotage.kpi.measure;

import io.pilotage.contracts.CanonicalEvent;

import java.time.LocalDate;
import java.util.NavigableMap;

/**
 * {@code sum}, {@code avg}, {@code min}, {@code max} of a numeric field (default {@code value})
 * over the accepted events of the window that carry it. Events without the field are not counted.
 * NO_DATA when no event carries it.
 */
public final class StatsMeasure implements MeasureKind<StatsMeasure.Stats> {

    public enum Stat { SUM, AVG, MIN, MAX }

    /** Count, sum (Kahan-compensated is not needed at these magnitudes), min and max. */
    public record Stats(long count, double sum, double min, double max) {
        static final Stats EMPTY = new Stats(0, 0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
    }

    private final EventFilter filter;
    private final String field;
    private final Stat stat;

    public StatsMeasure(EventFilter filter, String field, Stat stat) {
        this.filter = filter;
        this.field = field == null ? "value" : field;
        this.stat = stat;
    }

    @Override
    public Stats empty() {
        return Stats.EMPTY;
    }

    @Override
    public boolean accepts(CanonicalEvent event) {
        return filter.accepts(event) && EventFilter.number(event, field) != null;
    }

    @Override
    public Stats add(Stats s, CanonicalEvent event) {
        double v = EventFilter.number(event, field);
        return new Stats(s.count + 1, s.sum + v, Math.min(s.min, v), Math.max(s.max, v));
    }

    @Override
    public Stats merge(Stats a, Stats b) {
        return new Stats(a.count + b.count, a.sum + b.sum, Math.min(a.min, b.min), Math.max(a.max, b.max));
    }

    @Override
    public MeasureValue evaluate(Window window, NavigableMap<LocalDate, Stats> days) {
        Stats s = mergeDays(days, window.firstDay(), window.lastDay());
        if (s.count == 0) {
            return MeasureValue.noData(0);
        }
        double v = switch (stat) {
            case SUM -> s.sum;
            case AVG -> s.sum / s.count;
            case MIN -> s.min;
            case MAX -> s.max;
        };
        return MeasureValue.exact(v, s.count);
    }

    @Override
    public byte[] encode(Stats s) {
        return Codec.write(out -> {
            out.writeLong(s.count);
            out.writeDouble(s.sum);
            out.writeDouble(s.min);
            out.writeDouble(s.max);
        });
    }

    @Override
    public Stats decode(byte[] bytes) {
        return Codec.read(bytes, in -> new Stats(in.readLong(), in.readDouble(), in.readDouble(), in.readDouble()));
    }
}
