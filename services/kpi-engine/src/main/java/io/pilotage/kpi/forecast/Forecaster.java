package io.pilotage.kpi.forecast;

import io.pilotage.contracts.KpiStatus;
import io.pilotage.contracts.KpiValue;
import io.pilotage.contracts.KpiValue.Period;
import io.pilotage.contracts.definition.Direction;
import io.pilotage.contracts.definition.KpiDefinition;
import io.pilotage.kpi.compute.KpiCalculator;
import io.pilotage.kpi.definition.CompiledKpi;
import io.pilotage.kpi.measure.MeasureKind;
import io.pilotage.kpi.measure.MeasureValue;
import io.pilotage.kpi.measure.Window;
import io.pilotage.kpi.status.StatusEvaluator;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The forecast of a KPI for a period, from its encoded day states: picks the method of the
 * measure type ({@link Method}), reads the day values it needs and projects the window's value at
 * the period's end. Plain Java.
 */
public final class Forecaster {

    /** The longest union-growth curve read from day states; beyond, Heaps' law extends it. */
    static final int MAX_CURVE_DAYS = 62;

    private final ZoneId zone;

    public Forecaster(ZoneId zone) {
        this.zone = zone;
    }

    /** Whether the period is over (its last day is before today). */
    public static boolean closed(Period p, LocalDate today) {
        return p.end().isBefore(today);
    }

    /** The day states an open period's forecast reads: {@code [from, today]}. */
    public static LocalDate[] statesNeeded(CompiledKpi k, Period p, LocalDate today) {
        LocalDate[] w = KpiCalculator.window(k, p);
        Method method = Method.of(k.definition().measure());
        LocalDate from;
        if (method == Method.UNION_GROWTH) {
            from = min(w[0], today.minusDays(Math.min(windowDays(w), MAX_CURVE_DAYS) - 1));
        } else {
            int history = k.measure().lookbackDays() > 0 ? Math.min(method.historyDays, Method.LEVEL.historyDays) : method.historyDays;
            from = min(w[0], today.minusDays(history)).minusDays(k.measure().lookbackDays());
        }
        return new LocalDate[] {from, today};
    }

    /** A closed period's forecast: its final value, interval zero. */
    public static Forecast ofClosed(KpiDefinition def, KpiValue v, Instant now) {
        Period p = v.period();
        int days = (int) ChronoUnit.DAYS.between(p.start(), p.end()) + 1;
        return new Forecast(def.key(), p, def.unit(), true, v.value(), v.status(), v.value(), v.value(), v.value(),
                Forecast.CONFIDENCE, v.status(), days, 0, v.value() == null ? "none" : "final", critical(def), null, now);
    }

    /**
     * The forecast of an open period (it contains today).
     *
     * @param encoded the day states of {@link #statesNeeded} (days without events absent)
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Forecast forecast(CompiledKpi k, Period p, NavigableMap<LocalDate, byte[]> encoded, Instant asOf) {
        LocalDate today = asOf.atZone(zone).toLocalDate();
        if (closed(p, today) || p.start().isAfter(today)) {
            throw new IllegalArgumentException("period " + p.start() + " – " + p.end() + " is not open on " + today);
        }
        KpiDefinition def = k.definition();
        MeasureKind kind = k.measure();
        Method method = Method.of(def.measure());
        LocalDate[] w = KpiCalculator.window(k, p);
        int remainingDays = (int) ChronoUnit.DAYS.between(today, p.end());
        int elapsedDays = (int) ChronoUnit.DAYS.between(p.start(), today) + 1;
        double todayLeft = todayLeft(today, asOf);
        boolean todayInWindow = !today.isBefore(w[0]);
        double[] weights = new double[remainingDays + 1];
        DayOfWeek[] dows = new DayOfWeek[remainingDays + 1];
        for (int i = 0; i <= remainingDays; i++) {
            LocalDate d = today.plusDays(i);
            dows[i] = d.getDayOfWeek();
            weights[i] = d.isBefore(w[0]) ? 0 : i == 0 ? todayLeft : 1;
        }
        Double cur;
        Projection projection;
        if (method == Method.UNION_GROWTH) {
            double[] curve = curve(kind, encoded, today, asOf, w);
            int known = todayInWindow ? (int) ChronoUnit.DAYS.between(w[0], today) + 1 : 0;
            int left = todayInWindow ? (int) ChronoUnit.DAYS.between(today, w[1]) : windowDays(w);
            cur = known > 0 && known <= curve.length && curve[known - 1] > 0 ? curve[known - 1] : null;
            projection = curve.length == 0 || curve[curve.length - 1] == 0 ? null : UnionGrowth.project(curve, known, left);
        } else {
            NavigableMap<LocalDate, Object> days = new TreeMap<>();
            encoded.forEach((d, b) -> days.put(d, kind.decode(b)));
            MeasureValue current = todayInWindow ? kind.evaluate(new Window(w[0], today, zone, asOf), days) : MeasureValue.noData(0);
            cur = current.value();
            LocalDate first = encoded.isEmpty() ? null : encoded.firstKey();
            projection = switch (method) {
                case SEASONAL -> seasonal(kind, days, first, today, asOf, w, cur, dows, weights);
                case CARRIED -> "uptime".equalsIgnoreCase(def.measure().type())
                        ? level(kind, days, first, today, asOf, w, current, weights, false, true)
                        : cur == null ? null : carried(cur, weights.length);
                default -> level(kind, days, first, today, asOf, w, current, weights, true, false);
            };
        }
        if (projection != null && "%".equals(def.unit()) && method != Method.SEASONAL) {
            projection = projection.clamp(0, 100);
        }
        Double critical = critical(def);
        Double value = projection == null ? null : projection.value();
        KpiStatus status = StatusEvaluator.evaluate(value, def.direction(), def.target(), critical);
        KpiStatus currentStatus = StatusEvaluator.evaluate(cur, def.direction(), def.target(), critical);
        Integer crosses = projection == null ? null : crossing(def.direction(), critical, cur, projection.path());
        return new Forecast(def.key(), p, def.unit(), false, cur, currentStatus, value, projection == null ? null : projection.low(),
                projection == null ? null : projection.high(), Forecast.CONFIDENCE, status, elapsedDays, remainingDays,
                projection == null ? "none" : method.wireName, critical, crosses, asOf);
    }

    private Projection seasonal(MeasureKind<Object> kind, NavigableMap<LocalDate, Object> days, LocalDate firstState, LocalDate today,
                                Instant asOf, LocalDate[] w, Double cur, DayOfWeek[] dows, double[] weights) {
        int historyDays = kind.lookbackDays() > 0 ? Method.LEVEL.historyDays : Method.SEASONAL.historyDays;
        LocalDate from = today.minusDays(historyDays);
        if (firstState != null && firstState.isAfter(from)) {
            from = firstState;
        }
        int n = firstState == null ? 0 : (int) Math.max(0, ChronoUnit.DAYS.between(from, today));
        DayOfWeek[] histDows = new DayOfWeek[n];
        double[] histValues = new double[n];
        boolean nonNegative = cur == null || cur >= 0;
        for (int i = 0; i < n; i++) {
            LocalDate d = from.plusDays(i);
            histDows[i] = d.getDayOfWeek();
            MeasureValue v = kind.evaluate(new Window(d, d, zone, asOf), days);
            histValues[i] = v.hasValue() ? v.value() : 0;
            nonNegative &= histValues[i] >= 0;
        }
        double elapsed = today.isBefore(w[0]) ? 0 : ChronoUnit.DAYS.between(w[0], today) + (1 - weights[0]);
        return Seasonal.project(cur == null ? 0 : cur, elapsed, histDows, histValues, dows, weights, nonNegative);
    }

    private Projection level(MeasureKind<Object> kind, NavigableMap<LocalDate, Object> days, LocalDate firstState, LocalDate today,
                             Instant asOf, LocalDate[] w, MeasureValue current, double[] weights, boolean trend, boolean timeWeighted) {
        LocalDate from = today.minusDays(Method.LEVEL.historyDays);
        if (firstState != null && firstState.isAfter(from)) {
            from = firstState;
        }
        int n = firstState == null ? 0 : (int) Math.max(0, ChronoUnit.DAYS.between(from, today));
        double[] values = new double[n];
        double[] weightsOf = new double[n];
        int inWindow = 0;
        for (int i = 0; i < n; i++) {
            LocalDate d = from.plusDays(i);
            MeasureValue v = kind.evaluate(new Window(d, d, zone, asOf), days);
            values[i] = v.hasValue() ? v.value() : Double.NaN;
            weightsOf[i] = v.hasValue() ? (timeWeighted ? 1 : Math.max(v.sampleSize(), 1)) : 0;
            if (!d.isBefore(w[0])) {
                inWindow++;
            }
        }
        double currentWeight = timeWeighted
                ? (today.isBefore(w[0]) ? 0 : ChronoUnit.DAYS.between(w[0], today) + (1 - weights[0]))
                : current.sampleSize();
        return DayLevel.project(current.value(), currentWeight, values, weightsOf, inWindow, weights, trend);
    }

    /** The distinct count over the 1, 2, ... days ending today, up to the window's length (at most {@link #MAX_CURVE_DAYS}). */
    private double[] curve(MeasureKind<Object> kind, NavigableMap<LocalDate, byte[]> encoded, LocalDate today, Instant asOf,
                           LocalDate[] w) {
        int length = Math.min(windowDays(w), MAX_CURVE_DAYS);
        double[] curve = new double[length];
        Object acc = kind.empty();
        for (int l = 1; l <= length; l++) {
            byte[] bytes = encoded.get(today.minusDays(l - 1));
            if (bytes != null) {
                acc = kind.merge(acc, kind.decode(bytes));
            }
            NavigableMap<LocalDate, Object> one = new TreeMap<>();
            one.put(today, acc);
            MeasureValue v = kind.evaluate(new Window(today, today, zone, asOf), one);
            curve[l - 1] = v.hasValue() ? v.value() : 0;
        }
        return curve;
    }

    private static Projection carried(double current, int days) {
        double[] path = new double[days];
        java.util.Arrays.fill(path, current);
        return new Projection(current, null, null, path);
    }

    /**
     * In how many days the trajectory goes past the critical threshold: null when there is none,
     * when the value so far is already past it, or when the trajectory stays short of it.
     */
    static Integer crossing(Direction direction, Double critical, Double current, double[] path) {
        if (critical == null) {
            return null;
        }
        boolean higher = direction == Direction.HIGHER_IS_BETTER;
        if (current != null && (higher ? current <= critical : current >= critical)) {
            return null;
        }
        for (int i = 0; i < path.length; i++) {
            if (higher ? path[i] <= critical : path[i] >= critical) {
                return i;
            }
        }
        return null;
    }

    static Double critical(KpiDefinition def) {
        return def.thresholds() == null ? null : def.thresholds().critical();
    }

    private double todayLeft(LocalDate today, Instant asOf) {
        Instant start = today.atStartOfDay(zone).toInstant();
        Instant end = today.plusDays(1).atStartOfDay(zone).toInstant();
        return Math.clamp((double) Duration.between(asOf, end).toMillis() / Duration.between(start, end).toMillis(), 0.0, 1.0);
    }

    private static int windowDays(LocalDate[] w) {
        return (int) ChronoUnit.DAYS.between(w[0], w[1]) + 1;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

}
