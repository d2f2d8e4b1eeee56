package io.pilotage.kpi.measure;

import io.pilotage.contracts.definition.Measure;

import java.util.Locale;

/** Builds the {@link MeasureKind} of a measure definition: the one place that knows every type. */
public final class Measures {

    /** Default history a value may look back on (cohorts, open intervals, carried-forward states). */
    public static final int DEFAULT_LOOKBACK_DAYS = 400;

    private Measures() {
    }

    public static MeasureKind<?> of(Measure m, String unit) {
        return of(m, unit, DEFAULT_LOOKBACK_DAYS);
    }

    /**
     * @throws IllegalArgumentException naming what is wrong when the definition is incomplete
     */
    public static MeasureKind<?> of(Measure m, String unit, int lookbackDays) {
        if (m == null || m.type() == null) {
            throw new IllegalArgumentException("a measure needs a 'type'");
        }
        EventFilter filter = new EventFilter(m.events(), m.where());
        return switch (m.type().toLowerCase(Locale.ROOT)) {
            case "count" -> new CountMeasure(filter);
            case "sum" -> new StatsMeasure(filter, m.field(), StatsMeasure.Stat.SUM);
            case "avg" -> new StatsMeasure(filter, m.field(), StatsMeasure.Stat.AVG);
            case "min" -> new StatsMeasure(filter, m.field(), StatsMeasure.Stat.MIN);
            case "max" -> new StatsMeasure(filter, m.field(), StatsMeasure.Stat.MAX);
            case "percentile" -> new PercentileMeasure(filter, m.field(), m.percentile());
            case "latest" -> new LatestMeasure(filter, m.field());
            case "distinct" -> new DistinctMeasure(filter, m.field(), m.cohort(), lookbackDays);
            case "ratio" -> {
                if (m.numerator() == null || m.denominator() == null) {
                    throw new IllegalArgumentException("a ratio measure needs 'numerator' and 'denominator'");
                }
                yield new RatioMeasure(of(m.numerator(), unit, lookbackDays), of(m.denominator(), unit, lookbackDays),
                        m.percentOrFalse());
            }
            case "duration" -> new DurationMeasure(m.start(), m.end(), m.stat(), unit, lookbackDays);
            case "within" -> new WithinMeasure(m.start(), m.end(), m.limit(), lookbackDays);
            case "retention" -> new RetentionMeasure(m.cohort(), filter, m.day(), m.mode(), lookbackDays);
            case "uptime" -> new UptimeMeasure(m.up(), m.down(), lookbackDays);
            default -> throw new IllegalArgumentException("unknown measure type '" + m.type()
                    + "', expected count, sum, avg, min, max, percentile, ratio, distinct, duration, within, retention, uptime or latest");
        };
    }
}
