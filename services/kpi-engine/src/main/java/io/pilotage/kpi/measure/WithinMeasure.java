package io.pilotage.kpi.measure;

import io.pilotage.contracts.definition.Measure;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * {@code within}: the share (in %) of a population of entities that ended within their limit. The
 * population is the entities whose first end (after their first start) falls in the window, plus
 * those still open at the window's end whose limit expired inside the window: overdue items count
 * as missed, so not closing late items cannot raise the KPI. The limit is {@code limit.days}, or
 * {@code limit.byValue} of the start event's attribute {@code limit.attribute} (e.g. severity:
 * critical 7, high 30, medium 90, low 120 days), {@code limit.days} for other values. An item
 * ending exactly at its limit is within it. NO_DATA when the population is empty.
 */
public final class WithinMeasure extends IntervalMeasure {

    private final Double defaultDays;
    private final Map<String, Double> byValue;

    public WithinMeasure(List<String> start, List<String> end, Measure.Limit limit, int lookbackDays) {
        super(start, end, limit == null ? null : limit.attribute(), lookbackDays);
        if (limit == null || (limit.days() == null && limit.byValue().isEmpty())) {
            throw new IllegalArgumentException("a within measure needs 'limit' with 'days' or 'byValue'");
        }
        this.defaultDays = limit.days();
        this.byValue = limit.byValue();
    }

    /** The limit of an entity whose limit attribute has this value, or null when none applies. */
    Duration limitFor(String key) {
        Double days = key != null && byValue.containsKey(key) ? byValue.get(key) : defaultDays;
        return days == null ? null : Duration.ofMillis(Math.round(days * 86_400_000L));
    }

    @Override
    public MeasureValue evaluate(Window window, NavigableMap<LocalDate, EntityIntervals> days) {
        long population = 0;
        long within = 0;
        long open = 0;
        Instant end = window.effectiveEnd();
        for (EntityIntervals.Times t : history(window, days).entities().values()) {
            if (t.start() == null || !t.start().isBefore(end)) {
                continue;
            }
            Duration limit = limitFor(t.limitKey());
            if (limit == null) {
                continue;
            }
            Instant deadline = t.start().plus(limit);
            Instant first = t.firstEnd();
            if (first != null && window.contains(first)) {
                population++;
                if (!first.isAfter(deadline)) {
                    within++;
                }
            } else if (first == null || !first.isBefore(end)) {
                open++;
                if (!deadline.isBefore(window.start()) && deadline.isBefore(end)) {
                    population++; // overdue inside the window: missed
                }
            }
        }
        if (population == 0) {
            return new MeasureValue(null, 0, true, null, open);
        }
        return new MeasureValue(100.0 * within / population, population, true, null, open);
    }
}
