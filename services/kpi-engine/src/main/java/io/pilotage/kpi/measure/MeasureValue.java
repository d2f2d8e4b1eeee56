package io.pilotage.kpi.measure;

/**
 * A measure's value over a window.
 *
 * @param value      null when there is nothing to measure (NO_DATA)
 * @param sampleSize how many events (or entities, subjects) the value is computed from
 * @param exact      false when a sketch gave the value
 * @param errorBound relative error bound (95 % confidence) when not exact
 * @param open       entities still open at the window's end ({@code duration}, {@code within}); otherwise null
 */
public record MeasureValue(Double value, long sampleSize, boolean exact, Double errorBound, Long open) {

    public static MeasureValue noData(long sampleSize) {
        return new MeasureValue(null, sampleSize, true, null, null);
    }

    public static MeasureValue exact(double value, long sampleSize) {
        return new MeasureValue(value, sampleSize, true, null, null);
    }

    public boolean hasValue() {
        return value != null;
    }
}
