package io.pilotage.console.view;

import io.pilotage.console.api.Api;
import io.pilotage.contracts.KpiValue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One KPI as a line of the portfolio or a card of a project: every number already written for the
 * reader (locale, unit), its status, trend, sparkline and freshness.
 *
 * @param trend      {@code up}, {@code down}, {@code flat} or null
 * @param trendCss   {@code good}, {@code bad} or {@code flat}: whether the change goes the KPI's better way
 * @param forecast   the projection to the period's end when the period is open, else null
 */
public record KpiRow(String key, String project, String name, String value, String target, Status status, String trend,
                     String trendText, String trendCss, String previous, Sparkline sparkline, String sparklineLabel,
                     Freshness freshness, String freshnessText, String frequency, String owner, ForecastView forecast) {

    /** The KPI's name in the language, else in the other one, else its key. */
    public static String name(Map<String, String> names, String lang, String key) {
        if (names == null || names.isEmpty()) {
            return key;
        }
        String n = names.get(lang);
        return n != null ? n : names.values().iterator().next();
    }

    public static KpiRow of(Api.Line line, Api.Kpi kpi, List<Double> series, Formats f, Instant now) {
        String lang = f.locale().getLanguage();
        KpiValue cur = line.current();
        String unit = line.unit() != null ? line.unit() : cur == null ? null : cur.unit();
        Double target = line.target() != null ? line.target() : kpi == null ? null : kpi.target();
        String trendCss = line.improving() == null ? "flat" : line.improving() ? "good" : "bad";
        String trendText = line.changePercent() != null ? f.signedPercent(line.changePercent())
                : line.change() != null ? (line.change() > 0 ? "+" : "") + f.plain(line.change()) : "";
        // a value that says "no data" is not a value: its computation time says nothing of freshness
        KpiValue last = kpi != null && kpi.latest() != null ? kpi.latest() : cur;
        Instant computedAt = last == null || last.value() == null ? null : last.computedAt();
        Freshness fresh = Freshness.of(kpi == null ? null : kpi.frequency(), computedAt, now);
        String name = kpi != null ? name(kpi.name(), lang, line.key()) : line.name() != null ? line.name() : line.key();
        StringBuilder spark = new StringBuilder();
        for (Double v : series) {
            if (!spark.isEmpty()) {
                spark.append(", ");
            }
            spark.append(v == null ? "—" : f.plain(v));
        }
        return new KpiRow(line.key(), kpi != null ? kpi.project() : cur == null ? null : cur.project(), name,
                f.number(cur == null ? null : cur.value(), unit), f.number(target, unit),
                Status.of(cur == null ? null : cur.status()), line.trend(), trendText, trendCss,
                f.number(line.previous() == null ? null : line.previous().value(), unit), Sparkline.of(series, target),
                spark.toString(), fresh, fresh.none() ? "" : f.age(fresh.age()), kpi == null ? null : kpi.frequency(),
                kpi == null ? null : kpi.owner(), ForecastView.of(line.forecast(), f));
    }

    /** The values of the series in the order of the periods, null where a period has none. */
    public static List<Double> values(List<KpiValue> series) {
        return series == null ? List.of() : series.stream().map(KpiValue::value).toList();
    }
}
