package io.pilotage.console.view;

import io.pilotage.console.api.Api;
import io.pilotage.contracts.KpiValue;
import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.definition.Direction;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A KPI's chart for a page period: the last 12 periods against the target line and the warning and
 * critical bands, the same periods a year earlier faint beside them, and the
 * alerts, acknowledgements, target changes and reviews that fall in them.
 */
public final class KpiChart {

    public static final int PERIODS = 12;

    private KpiChart() {
    }

    /** How many periods make a year: 12 months, 4 quarters. */
    public static int year(PagePeriod p) {
        return p.kind() == PagePeriod.Kind.MONTH ? 12 : 4;
    }

    /** The first day of the series a chart needs: its 12 periods and the year before the first. */
    public static LocalDate from(PagePeriod p) {
        return p.minus(PERIODS - 1 + year(p)).start();
    }

    /**
     * @param series the values of the periods {@link #from} to the page period's end, oldest first
     */
    public static ChartData of(Api.Kpi kpi, String name, PagePeriod p, List<KpiValue> series, List<ChartData.Mark> marks,
                               Locale locale) {
        return of(kpi, name, p, series, marks, null, locale);
    }

    /**
     * @param forecast the engine's forecast of the page period, drawn as a cone on the last period
     *                 when that period is open (null or closed: none)
     */
    public static ChartData of(Api.Kpi kpi, String name, PagePeriod p, List<KpiValue> series, List<ChartData.Mark> marks,
                               Api.Forecast forecast, Locale locale) {
        Map<LocalDate, Double> byStart = new HashMap<>();
        for (KpiValue v : series) {
            if (v.period() != null && v.period().start() != null) {
                byStart.put(v.period().start(), v.value());
            }
        }
        List<PagePeriod> periods = p.lastPeriods(PERIODS);
        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<Double> previous = new ArrayList<>();
        for (PagePeriod period : periods) {
            labels.add(period.shortLabel(locale));
            values.add(byStart.get(period.start()));
            previous.add(byStart.get(period.minus(year(p)).start()));
        }
        Api.Thresholds t = kpi.thresholds();
        return new ChartData(name, kpi.unit(), labels, values, previous, kpi.target(), t == null ? null : t.warning(),
                t == null ? null : t.critical(), kpi.direction() != Direction.LOWER_IS_BETTER,
                ChartData.place(periods, marks, 40), cone(forecast, periods, values));
    }

    static ChartData.Cone cone(Api.Forecast f, List<PagePeriod> periods, List<Double> values) {
        int last = periods.size() - 1;
        if (f == null || f.closed() || f.value() == null || f.period() == null || last < 0
                || !periods.get(last).start().equals(f.period().start())) {
            return null;
        }
        int from = last > 0 && values.get(last - 1) != null ? last - 1 : last;
        Double start = from == last ? f.current() : values.get(from);
        return new ChartData.Cone(from, start, last, f.value(), f.low() == null ? f.value() : f.low(),
                f.high() == null ? f.value() : f.high());
    }

    /** The chart as the page's script reads it (the {@code data-chart} attribute). */
    public static String json(ChartData c, String labelValues, String labelPrevious, String labelTarget) {
        return json(c, labelValues, labelPrevious, labelTarget, null);
    }

    /** @param labelForecast the legend of the forecast cone */
    public static String json(ChartData c, String labelValues, String labelPrevious, String labelTarget, String labelForecast) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("title", c.title());
        m.put("unit", c.unit());
        m.put("labels", c.labels());
        m.put("values", c.values());
        m.put("previous", c.previous());
        m.put("target", c.target());
        m.put("warning", c.warning());
        m.put("critical", c.critical());
        m.put("higherIsBetter", c.higherIsBetter());
        m.put("annotations", c.annotations());
        m.put("labelValues", labelValues);
        m.put("labelPrevious", labelPrevious);
        m.put("labelTarget", labelTarget);
        m.put("cone", c.cone());
        m.put("labelForecast", labelForecast);
        return JsonCodec.encodeToString(m);
    }

    /** Marks of a KPI's alerts: each firing at its period, each acknowledgement on its day. */
    public static List<ChartData.Mark> alertMarks(List<Api.Alert> alerts, ZoneId zone, Formats f) {
        List<ChartData.Mark> marks = new ArrayList<>();
        for (Api.Alert a : alerts) {
            if (a.periodStart() != null && !"OK".equals(a.state())) {
                marks.add(new ChartData.Mark("alert", a.periodStart(), a.severity() + " " + a.state() + " " + f.number(a.value(), a.unit())));
            }
            if (a.acknowledgedAt() != null) {
                marks.add(new ChartData.Mark("ack", LocalDate.ofInstant(a.acknowledgedAt(), zone),
                        "ack " + (a.acknowledgedBy() == null ? "" : a.acknowledgedBy())));
            }
        }
        return marks;
    }

    /** Marks of the definition's versions that changed its target. */
    public static List<ChartData.Mark> targetMarks(List<Api.DefinitionVersion> versions, ZoneId zone, Formats f) {
        List<ChartData.Mark> marks = new ArrayList<>();
        for (Api.DefinitionVersion v : versions) {
            Double before = v.before() == null || v.before().path("target").isMissingNode() || v.before().path("target").isNull() ? null
                    : v.before().path("target").asDouble();
            Double after = v.after() == null || v.after().path("target").isMissingNode() || v.after().path("target").isNull() ? null
                    : v.after().path("target").asDouble();
            if (v.changedAt() != null && before != null && !before.equals(after)) {
                marks.add(new ChartData.Mark("target", LocalDate.ofInstant(v.changedAt(), zone),
                        "v" + v.version() + " " + f.plain(before) + " → " + f.plain(after)));
            }
        }
        return marks;
    }

    /** Marks of the reviews held, at the first day of the period they reviewed. */
    public static List<ChartData.Mark> reviewMarks(List<Api.Review> reviews, String project) {
        List<ChartData.Mark> marks = new ArrayList<>();
        for (Api.Review r : reviews) {
            if (project != null && r.projects() != null && !r.projects().isEmpty() && !r.projects().contains(project)) {
                continue;
            }
            try {
                PagePeriod p = PagePeriod.parse("period", r.period(), LocalDate.now());
                marks.add(new ChartData.Mark("review", p.start(), r.committee() + " " + r.period()));
            } catch (BadParameter e) {
                // a review of another kind of period: not on these charts
            }
        }
        return marks;
    }
}
