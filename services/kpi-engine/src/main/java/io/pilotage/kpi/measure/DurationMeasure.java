package io.pilotage.kpi.measure;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NavigableMap;

/**
 * {@code duration}: per entity, the time from its first start event to the first end event at or
 * after it; the pair belongs to the window that contains its end. {@code stat}: {@code avg}
 * (default), {@code p50}, {@code p90}, {@code p99}, {@code min}, {@code max}, in the KPI's unit
 * ({@code ms}, {@code s}, {@code min}, {@code h} (default), {@code d}). Entities still open at the
 * window's end are not averaged; their number is {@code open}. An end without a start is ignored.
 * Exact (the per-entity state is exact).
 */
public final class DurationMeasure extends IntervalMeasure {

    private final String stat;
    private final double secondsPerUnit;

    public DurationMeasure(List<String> start, List<String> end, String stat, String unit, int lookbackDays) {
        super(start, end, null, lookbackDays);
        this.stat = stat == null ? "avg" : stat.toLowerCase(Locale.ROOT);
        if (!List.of("avg", "p50", "p90", "p99", "min", "max").contains(this.stat)) {
            throw new IllegalArgumentException("unknown duration stat '" + stat + "', expected avg, p50, p90, p99, min or max");
        }
        this.secondsPerUnit = secondsPer(unit);
    }

    static double secondsPer(String unit) {
        return switch (unit == null ? "h" : unit) {
            case "ms" -> 0.001;
            case "s" -> 1;
            case "min" -> 60;
            case "d" -> 86_400;
            default -> 3_600;
        };
    }

    @Override
    public MeasureValue evaluate(Window window, NavigableMap<LocalDate, EntityIntervals> days) {
        List<Double> durations = new ArrayList<>();
        long open = 0;
        Instant end = window.effectiveEnd();
        for (EntityIntervals.Times t : history(window, days).entities().values()) {
            if (t.start() == null || !t.start().isBefore(end)) {
                continue;
            }
            Instant first = t.firstEnd();
            if (first != null && window.contains(first)) {
                durations.add(Duration.between(t.start(), first).toMillis() / 1000.0 / secondsPerUnit);
            } else if (first == null || !first.isBefore(end)) {
                open++;
            }
        }
        if (durations.isEmpty()) {
            return new MeasureValue(null, 0, true, null, open);
        }
        double v = switch (stat) {
            case "avg" -> durations.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            case "min" -> durations.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            case "max" -> durations.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            default -> Quantiles.of(durations.stream().mapToDouble(Double::doubleValue).toArray())
                    .percentile(Double.parseDouble(stat.substring(1)));
        };
        return new MeasureValue(v, durations.size(), true, null, open);
    }
}
