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
                ChartData.place(periods, marks, 40));
    }

    /** The chart as the page's script reads it (the {@code data-chart} attribute). */
    public static String json(ChartData c, String labelValues, String labelPrevious, String labelTarget) {
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
