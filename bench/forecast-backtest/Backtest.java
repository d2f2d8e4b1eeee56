import io.pilotage.contracts.CanonicalEvent;
import io.pilotage.contracts.Granularity;
import io.pilotage.contracts.KpiStatus;
import io.pilotage.contracts.KpiValue.Period;
import io.pilotage.contracts.definition.KpiDefinition;
import io.pilotage.contracts.definition.KpiYaml;
import io.pilotage.kpi.compute.KpiCalculator;
import io.pilotage.kpi.definition.CompiledKpi;
import io.pilotage.kpi.forecast.Forecast;
import io.pilotage.kpi.forecast.Forecaster;
import io.pilotage.kpi.measure.MeasureKind;
import io.pilotage.kpi.measure.MeasureValue;
import io.pilotage.kpi.measure.Window;
import io.pilotage.kpi.period.PeriodCalendar;
import io.pilotage.kpi.status.StatusEvaluator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;

/**
 * forecast-backtest: generates a year of day-by-day history for catalogue KPIs of every forecast
 * method, builds their day states with the engine's own measures, then replays each month after
 * the first two day by day (as of noon, the morning's events in), asking the engine's Forecaster
 * for the month's end each day, and compares with the month's final value: how often it fell inside
 * the 80 % interval, and how many days before the month's end the projected status became (and
 * stayed) the final status. Plain Java over the engine's classes: no infrastructure.
 */
public class Backtest {

    static final ZoneId ZONE = ZoneId.of("Africa/Bamako");
    static final LocalDate FIRST = LocalDate.parse("2025-10-01");
    static final int MONTHS = 14; // 2 of warm-up history, 12 replayed
    static final LocalDate END = FIRST.plusMonths(MONTHS).minusDays(1);

    interface Generator {
        /** The KPI's events of a day (any order). */
        List<CanonicalEvent> day(LocalDate d, int month, Random r);
    }

    record Case(CompiledKpi kpi, Generator gen) {
    }

    static long ids;

    static CanonicalEvent ev(String type, LocalDate d, Random r, String subject, Double value, Map<String, Object> attrs) {
        Instant at = d.atStartOfDay(ZONE).toInstant().plusMillis((long) (r.nextDouble() * 86_400_000L));
        return new CanonicalEvent("b" + ids++, "bench", "p", type, at, null, null, subject, value, attrs);
    }

    static CanonicalEvent at(String type, Instant at) {
        return new CanonicalEvent("b" + ids++, "bench", "p", type, at, null, null, null, null, null);
    }

    static int poisson(Random r, double lambda) {
        if (lambda > 50) {
            return (int) Math.max(0, Math.round(lambda + Math.sqrt(lambda) * r.nextGaussian()));
        }
        double l = Math.exp(-lambda);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > l);
        return k - 1;
    }

    /** A level per month: a random walk in log space, within [lo, hi]. */
    static double[] walk(Random r, double start, double sigma, double lo, double hi) {
        double[] m = new double[MONTHS];
        double v = start;
        for (int i = 0; i < MONTHS; i++) {
            m[i] = v;
            v = Math.clamp(v * Math.exp(sigma * r.nextGaussian()), lo, hi);
        }
        return m;
    }

    static double weekday(LocalDate d, double weekend) {
        return d.getDayOfWeek().getValue() >= 6 ? weekend : 1.0;
    }

    static KpiDefinition catalogue(String key) {
        return KpiYaml.catalogue().stream().filter(k -> k.key().equals(key)).findFirst().orElseThrow();
    }

    static KpiDefinition withTarget(KpiDefinition c, double target, double warning, double critical) {
        return new KpiDefinition(c.key(), c.project(), c.name(), c.unit(), c.direction(), target,
                new KpiDefinition.Thresholds(warning, critical), c.frequency(), c.owner(), c.window(), c.measure(), 1);
    }

    static List<Case> cases(Random seed) {
        List<Case> cases = new ArrayList<>();
        double[] errors = walk(seed, 0.55, 0.35, 0.15, 1.2);
        cases.add(new Case(CompiledKpi.of(catalogue("erp.audit_errors")),
                (d, m, r) -> repeat(poisson(r, errors[m] * weekday(d, 0.3)), () -> ev("audit.error", d, r, null, null, null))));
        double[] prevented = walk(seed, 0.3, 0.35, 0.05, 0.8);
        cases.add(new Case(CompiledKpi.of(catalogue("security.incidents_prevented")),
                (d, m, r) -> repeat(poisson(r, prevented[m] * weekday(d, 0.5)), () -> ev("incident.prevented", d, r, null, null, null))));
        double[] automated = walk(seed, 0.72, 0.08, 0.45, 0.95);
        cases.add(new Case(CompiledKpi.of(catalogue("erp.automation_rate")), (d, m, r) -> {
            double p = Math.clamp(automated[m] + 0.06 * r.nextGaussian(), 0, 1);
            return repeat(poisson(r, 40 * weekday(d, 0.25)),
                    () -> ev("process.completed", d, r, null, null, Map.of("automated", r.nextDouble() < p)));
        }));
        double[] cost = walk(seed, 1700, 0.1, 1100, 2600);
        cases.add(new Case(CompiledKpi.of(catalogue("erp.cost_per_transaction")), (d, m, r) -> {
            double c = cost[m] * Math.exp(0.08 * r.nextGaussian());
            return repeat(poisson(r, 150 * weekday(d, 0.4)),
                    () -> ev("transaction.processed", d, r, null, c * Math.exp(0.5 * r.nextGaussian() - 0.125), null));
        }));
        double[] satisfaction = walk(seed, 3.7, 0.05, 2.6, 4.6);
        cases.add(new Case(CompiledKpi.of(catalogue("mobile.satisfaction")), (d, m, r) -> {
            double s = satisfaction[m] + 0.15 * r.nextGaussian();
            return repeat(poisson(r, 25), () -> ev("feedback.submitted", d, r, "u", (double) Math.clamp(Math.round(s + r.nextGaussian()), 1, 5),
                    null));
        }));
        double[] outage = walk(seed, 25, 0.5, 3, 200); // mean minutes down per day
        cases.add(new Case(CompiledKpi.of(catalogue("erp.uptime")), (d, m, r) -> {
            List<CanonicalEvent> out = new ArrayList<>();
            if (d.equals(FIRST)) {
                out.add(at("probe.up", d.atStartOfDay(ZONE).toInstant()));
            }
            int n = poisson(r, 0.4);
            for (int i = 0; i < n; i++) {
                Instant start = d.atStartOfDay(ZONE).toInstant().plusSeconds((long) (r.nextDouble() * 80_000));
                long minutes = (long) Math.min(-Math.log(1 - r.nextDouble()) * outage[m] / 0.4, 6 * 60);
                out.add(at("probe.down", start));
                out.add(at("probe.up", start.plusSeconds(60 * minutes + 1)));
            }
            return out;
        }));
        // monthly active users (rolling 30 days): a population that grows, heavy and light users, activity by month
        double[] activity = walk(seed, 1.0, 0.08, 0.7, 1.3);
        int[] population = {3000};
        Random traits = new Random(seed.nextLong());
        double[] rate = new double[20_000];
        for (int u = 0; u < rate.length; u++) {
            rate[u] = traits.nextDouble() < 0.2 ? 0.45 : 0.03;
        }
        cases.add(new Case(CompiledKpi.of(withTarget(catalogue("mobile.mau"), 3300, 3000, 2700)), (d, m, r) -> {
            population[0] = Math.min(rate.length, population[0] + 4);
            List<CanonicalEvent> out = new ArrayList<>();
            for (int u = 0; u < population[0]; u++) {
                if (r.nextDouble() < rate[u] * activity[m] * weekday(d, 0.7)) {
                    out.add(ev("session_start", d, r, "user-" + u, null, null));
                }
            }
            return out;
        }));
        cases.add(new Case(CompiledKpi.of(catalogue("security.audit_score")), (d, m, r) -> r.nextDouble() < 0.05
                ? List.of(ev("audit.completed", d, r, null, Math.clamp(85 + 8 * r.nextGaussian(), 40, 100), null)) : List.of()));
        return cases;
    }

    static List<CanonicalEvent> repeat(int n, java.util.function.Supplier<CanonicalEvent> e) {
        List<CanonicalEvent> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(e.get());
        }
        return out;
    }

    /** Per-KPI results. */
    static final class Tally {
        int forecasts;
        int withInterval;
        int inside;
        String method = "";
        final List<Integer> leads = new ArrayList<>();
        /** Leads of the months whose first day's projected status was not the final one. */
        final List<Integer> movedLeads = new ArrayList<>();
        final List<Double> absErrorsMid = new ArrayList<>();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        Random seed = new Random(Long.parseLong(System.getenv().getOrDefault("BACKTEST_SEED", "20261208")));
        List<Case> cases = cases(seed);
        Forecaster forecaster = new Forecaster(ZONE);
        Map<String, Tally> tallies = new LinkedHashMap<>();
        int months = 0;
        long events = 0;
        for (Case c : cases) {
            MeasureKind kind = c.kpi().measure();
            Random r = new Random(seed.nextLong());
            TreeMap<LocalDate, byte[]> morning = new TreeMap<>();
            TreeMap<LocalDate, byte[]> full = new TreeMap<>();
            for (LocalDate d = FIRST; !d.isAfter(END); d = d.plusDays(1)) {
                int m = (int) ChronoUnit.MONTHS.between(FIRST.withDayOfMonth(1), d.withDayOfMonth(1));
                List<CanonicalEvent> evs = new ArrayList<>(c.gen().day(d, m, r));
                evs.sort(java.util.Comparator.comparing(CanonicalEvent::occurredAt));
                events += evs.size();
                Instant noon = d.atTime(12, 0).atZone(ZONE).toInstant();
                Object s = kind.empty();
                boolean any = false;
                boolean anyMorning = false;
                int i = 0;
                for (; i < evs.size() && evs.get(i).occurredAt().isBefore(noon); i++) {
                    if (kind.accepts(evs.get(i))) {
                        s = kind.add(s, evs.get(i));
                        any = anyMorning = true;
                    }
                }
                if (anyMorning) {
                    morning.put(d, kind.encode(s));
                }
                for (; i < evs.size(); i++) {
                    if (kind.accepts(evs.get(i))) {
                        s = kind.add(s, evs.get(i));
                        any = true;
                    }
                }
                if (any) {
                    full.put(d, kind.encode(s));
                }
            }
            Tally t = tallies.computeIfAbsent(c.kpi().key(), k -> new Tally());
            for (int mi = 2; mi < MONTHS; mi++) {
                LocalDate start = FIRST.plusMonths(mi);
                Period p = PeriodCalendar.periodContaining(Granularity.MONTH, start);
                LocalDate[] w = KpiCalculator.window(c.kpi(), p);
                Instant end = p.end().plusDays(1).atStartOfDay(ZONE).toInstant();
                NavigableMap<LocalDate, Object> decoded = new TreeMap<>();
                full.headMap(p.end(), true).forEach((d, b) -> decoded.put(d, kind.decode(b)));
                MeasureValue fin = kind.evaluate(new Window(w[0], w[1], ZONE, end), decoded);
                KpiDefinition def = c.kpi().definition();
                KpiStatus finalStatus = StatusEvaluator.evaluate(fin.value(), def.direction(), def.target(),
                        def.thresholds() == null ? null : def.thresholds().critical());
                months++;
                KpiStatus[] projected = new KpiStatus[p.end().getDayOfMonth()];
                for (LocalDate d = p.start(); !d.isAfter(p.end()); d = d.plusDays(1)) {
                    Instant asOf = d.atTime(12, 0).atZone(ZONE).toInstant();
                    LocalDate[] need = Forecaster.statesNeeded(c.kpi(), p, d);
                    TreeMap<LocalDate, byte[]> enc = new TreeMap<>(full.subMap(need[0], true, d, false));
                    if (morning.containsKey(d)) {
                        enc.put(d, morning.get(d));
                    }
                    Forecast f = forecaster.forecast(c.kpi(), p, enc, asOf);
                    t.forecasts++;
                    t.method = f.method().equals("none") ? t.method : f.method();
                    projected[d.getDayOfMonth() - 1] = f.status();
                    if (f.low() != null && f.high() != null && fin.value() != null) {
                        t.withInterval++;
                        double eps = 1e-9 * Math.max(1, Math.abs(fin.value()));
                        if (fin.value() >= f.low() - eps && fin.value() <= f.high() + eps) {
                            t.inside++;
                        }
                    }
                    if (d.getDayOfMonth() == 15 && f.value() != null && fin.value() != null && fin.value() != 0) {
                        t.absErrorsMid.add(Math.abs(f.value() - fin.value()) / Math.abs(fin.value()));
                    }
                }
                // the earliest day from which the projection's status stays the final one; days before the month's end
                int from = projected.length;
                while (from > 0 && projected[from - 1] == finalStatus) {
                    from--;
                }
                int lead = from == projected.length ? 0 : projected.length - from;
                t.leads.add(lead);
                if (projected[0] != finalStatus) {
                    t.movedLeads.add(lead);
                }
            }
        }
        int forecasts = 0;
        int withInterval = 0;
        int inside = 0;
        List<Integer> leads = new ArrayList<>();
        List<Integer> moved = new ArrayList<>();
        StringBuilder perKpi = new StringBuilder();
        for (var e : tallies.entrySet()) {
            Tally t = e.getValue();
            forecasts += t.forecasts;
            withInterval += t.withInterval;
            inside += t.inside;
            leads.addAll(t.leads);
            moved.addAll(t.movedLeads);
            if (!perKpi.isEmpty()) {
                perKpi.append(",\n");
            }
            perKpi.append(String.format(Locale.ROOT,
                    "    \"%s\": { \"method\": \"%s\", \"forecasts\": %d, \"coverage\": %s, \"medianLeadDays\": %s, \"medianRelativeErrorMidMonth\": %s }",
                    e.getKey(), t.method, t.forecasts, t.withInterval == 0 ? "null" : round((double) t.inside / t.withInterval, 3),
                    median(t.leads.stream().map(Integer::doubleValue).toList()),
                    t.absErrorsMid.isEmpty() ? "null" : round(median(t.absErrorsMid), 4)));
        }
        double coverage = (double) inside / withInterval;
        double medianLead = median(leads.stream().map(Integer::doubleValue).toList());
        double seconds = (System.nanoTime() - t0) / 1e9;
        String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        String json = String.format(Locale.ROOT, """
                {
                  "name": "forecast-backtest",
                  "metric": "share of month-end values inside the 80 %% interval forecast at noon of each day of the month, over %d generated months of %d catalogue KPIs replayed day by day",
                  "value": %s,
                  "baseline": 0.8,
                  "ratio": %s,
                  "target": ">= 0.75 coverage of the 80 %% interval; report the median days before the period end at which the projected status equalled the final one",
                  "unit": "share",
                  "machine": "vm %d cores, load %s at start",
                  "date": "%s",
                  "medianLeadDays": %s,
                  "monthsFirstDayWrong": %d,
                  "medianLeadDaysWhenFirstDayWrong": %s,
                  "forecasts": %d,
                  "forecastsWithInterval": %d,
                  "kpiMonths": %d,
                  "events": %d,
                  "history": "%s to %s, the first 2 months history only",
                  "seconds": %s,
                  "perKpi": {
                %s
                  }
                }
                """, months / cases.size(), cases.size(), round(coverage, 4), round(coverage / 0.8, 3),
                Runtime.getRuntime().availableProcessors(), load, OffsetDateTime.now(ZoneOffset.UTC).withNano(0), medianLead, moved.size(),
                median(moved.stream().map(Integer::doubleValue).toList()), forecasts,
                withInterval, months, events, FIRST, END, round(seconds, 1), perKpi);
        Path out = Path.of(args.length > 0 ? args[0] : "bench/results/forecast-backtest.json");
        Files.writeString(out, json);
        System.out.print(json);
        System.out.printf(Locale.ROOT, "forecast-backtest: coverage %.1f %% of %d intervals (target >= 75 %%), median lead %s days"
                + " (%s over the %d months whose first day was wrong), %.1f s%n", 100 * coverage, withInterval, medianLead,
                median(moved.stream().map(Integer::doubleValue).toList()), moved.size(), seconds);
    }

    static String round(double v, int digits) {
        return new java.math.BigDecimal(v).setScale(digits, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    static double median(List<Double> xs) {
        if (xs.isEmpty()) {
            return Double.NaN;
        }
        double[] a = xs.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }
}
