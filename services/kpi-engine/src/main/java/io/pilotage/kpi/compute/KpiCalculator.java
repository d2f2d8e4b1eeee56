package io.pilotage.kpi.compute;

import io.pilotage.contracts.KpiStatus;
import io.pilotage.contracts.KpiValue;
import io.pilotage.contracts.KpiValue.Period;
import io.pilotage.contracts.definition.KpiDefinition;
import io.pilotage.kpi.definition.CompiledKpi;
import io.pilotage.kpi.measure.MeasureKind;
import io.pilotage.kpi.measure.MeasureValue;
import io.pilotage.kpi.measure.Window;
import io.pilotage.kpi.status.StatusEvaluator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A KPI's value for periods, from its encoded day states: the window of a period is the period
 * itself, or for a rolling window of N days the N days ending on the period's last day. Plain Java.
 */
public final class KpiCalculator {

    /** A value, with the number of entities still open for {@code duration}/{@code within} (else null). */
    public record Computed(KpiValue value, Long open) {
    }

    private final ZoneId zone;

    public KpiCalculator(ZoneId zone) {
        this.zone = zone;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The days of a period's window. */
    public static LocalDate[] window(CompiledKpi k, Period p) {
        int rolling = k.rollingDays();
        return rolling > 0 ? new LocalDate[] {p.end().minusDays(rolling - 1), p.end()} : new LocalDate[] {p.start(), p.end()};
    }

    /** The day states a list of periods needs: from the earliest window start minus the lookback, to the last period's end. */
    public static LocalDate[] statesNeeded(CompiledKpi k, List<Period> periods) {
        LocalDate first = periods.stream().map(p -> window(k, p)[0]).min(LocalDate::compareTo).orElseThrow();
        LocalDate last = periods.stream().map(Period::end).max(LocalDate::compareTo).orElseThrow();
        return new LocalDate[] {first.minusDays(k.measure().lookbackDays()), last};
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public List<Computed> values(CompiledKpi k, List<Period> periods, NavigableMap<LocalDate, byte[]> encoded, Instant asOf) {
        MeasureKind kind = k.measure();
        NavigableMap<LocalDate, Object> days = new TreeMap<>();
        encoded.forEach((d, bytes) -> days.put(d, kind.decode(bytes)));
        KpiDefinition def = k.definition();
        return periods.stream().map(p -> {
            LocalDate[] w = window(k, p);
            MeasureValue v = kind.evaluate(new Window(w[0], w[1], zone, asOf), days);
            return new Computed(toValue(def, p, v, asOf), v.open());
        }).toList();
    }

    public static KpiValue toValue(KpiDefinition def, Period p, MeasureValue v, Instant computedAt) {
        Double critical = def.thresholds() == null ? null : def.thresholds().critical();
        KpiStatus status = StatusEvaluator.evaluate(v.value(), def.direction(), def.target(), critical);
        return new KpiValue(def.key(), def.project(), p, v.value(), def.unit(), def.target(), status, v.sampleSize(),
                v.exact(), v.errorBound(), def.version(), computedAt);
    }

    /**
     * A cached value for a period (the same window may serve periods of several granularities),
     * with its status evaluated again against the definition in force (target or thresholds changed).
     */
    public static KpiValue reevaluate(KpiDefinition def, KpiValue v, Period p) {
        Double critical = def.thresholds() == null ? null : def.thresholds().critical();
        return new KpiValue(v.kpi(), v.project(), p, v.value(), def.unit(), def.target(),
                StatusEvaluator.evaluate(v.value(), def.direction(), def.target(), critical), v.sampleSize(), v.exact(),
                v.errorBound(), def.version(), v.computedAt());
    }
}
