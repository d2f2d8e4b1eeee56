package io.pilotage.kpi.measure;

import io.pilotage.contracts.CanonicalEvent;

import java.time.LocalDate;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * {@code ratio}: numerator / denominator, two measures over the same window ({@code percent}: ×100).
 * NO_DATA when either side has no value or the denominator is zero. Exact when both sides are;
 * the error bound is the sum of both sides' relative bounds.
 */
public final class RatioMeasure implements MeasureKind<RatioMeasure.State> {

    /** The numerator's and the denominator's states. */
    public record State(Object numerator, Object denominator) {
    }

    @SuppressWarnings("rawtypes")
    private final MeasureKind numerator;
    @SuppressWarnings("rawtypes")
    private final MeasureKind denominator;
    private final boolean percent;

    public RatioMeasure(MeasureKind<?> numerator, MeasureKind<?> denominator, boolean percent) {
        this.numerator = numerator;
        this.denominator = denominator;
        this.percent = percent;
    }

    @Override
    public State empty() {
        return new State(numerator.empty(), denominator.empty());
    }

    @Override
    public boolean accepts(CanonicalEvent event) {
        return numerator.accepts(event) || denominator.accepts(event);
    }

    @Override
    @SuppressWarnings("unchecked")
    public State add(State s, CanonicalEvent e) {
        Object n = numerator.accepts(e) ? numerator.add(s.numerator(), e) : s.numerator();
        Object d = denominator.accepts(e) ? denominator.add(s.denominator(), e) : s.denominator();
        return new State(n, d);
    }

    @Override
    @SuppressWarnings("unchecked")
    public State merge(State a, State b) {
        return new State(numerator.merge(a.numerator(), b.numerator()), denominator.merge(a.denominator(), b.denominator()));
    }

    @Override
    public boolean dependsOnTime() {
        return numerator.dependsOnTime() || denominator.dependsOnTime();
    }

    @Override
    public int lookbackDays() {
        return Math.max(numerator.lookbackDays(), denominator.lookbackDays());
    }

    @Override
    @SuppressWarnings("unchecked")
    public MeasureValue evaluate(Window window, NavigableMap<LocalDate, State> days) {
        NavigableMap<LocalDate, Object> nums = new TreeMap<>();
        NavigableMap<LocalDate, Object> dens = new TreeMap<>();
        days.forEach((d, s) -> {
            nums.put(d, s.numerator());
            dens.put(d, s.denominator());
        });
        MeasureValue n = numerator.evaluate(window, nums);
        MeasureValue d = denominator.evaluate(window, dens);
        if (!d.hasValue() || d.value() == 0) {
            return MeasureValue.noData(d.sampleSize());
        }
        double num = n.hasValue() ? n.value() : 0.0; // no numerator event over a non-empty denominator is 0
        double v = num / d.value() * (percent ? 100 : 1);
        boolean exact = n.exact() && d.exact();
        Double bound = exact ? null : (n.errorBound() == null ? 0 : n.errorBound()) + (d.errorBound() == null ? 0 : d.errorBound());
        return new MeasureValue(v, d.sampleSize(), exact, bound, null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public byte[] encode(State s) {
        return Codec.write(out -> {
            Codec.writeBytes(out, numerator.encode(s.numerator()));
            Codec.writeBytes(out, denominator.encode(s.denominator()));
        });
    }

    @Override
    public State decode(byte[] bytes) {
        return Codec.read(bytes, in -> new State(numerator.decode(Codec.readBytes(in)), denominator.decode(Codec.readBytes(in))));
    }
}
