package io.pilotage.console.view;

import io.pilotage.console.api.Api;
import io.pilotage.contracts.KpiValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A KPI's page: what it measures and how its status was decided (the engine's explanation, in the
 * reader's language), its series as a table, its definition's versions.
 */
public record KpiDetail(String key, String project, String name, String owner, String frequency, String window, String zone,
                        String unit, String direction, String value, String target, String warning, String critical,
                        Status status, String definition, String statusRule, String sampleSize, boolean exact,
                        String errorBound, List<Count> eventsByType, List<Api.SampleEvent> sample, List<Api.OpenEntity> open,
                        int openCount, String lastEventAt, String computedAt, List<ValueRow> values, List<VersionRow> versions,
                        String chart, ForecastView forecast) {

    public record Count(String type, String count) {
    }

    public record ValueRow(String period, String start, String value, String target, Status status, String sampleSize,
                           String precision) {
    }

    public record VersionRow(int version, String at, String by, String reason, String change) {
    }

    public static String text(Map<String, String> texts, String lang) {
        if (texts == null || texts.isEmpty()) {
            return "";
        }
        String t = texts.get(lang);
        return t != null ? t : texts.values().iterator().next();
    }

    public static KpiDetail build(Api.Kpi kpi, Api.Explanation e, List<KpiValue> rows, PagePeriod p,
                                  List<Api.DefinitionVersion> versions, String chart, Formats f) {
        return build(kpi, e, rows, p, versions, chart, null, f);
    }

    /** @param forecast the engine's forecast of the page period (shown when the period is open), or null */
    public static KpiDetail build(Api.Kpi kpi, Api.Explanation e, List<KpiValue> rows, PagePeriod p,
                                  List<Api.DefinitionVersion> versions, String chart, Api.Forecast forecast, Formats f) {
        String lang = f.locale().getLanguage();
        String unit = kpi.unit();
        List<ValueRow> table = new ArrayList<>();
        List<PagePeriod> periods = p.lastPeriods(KpiChart.PERIODS);
        for (KpiValue v : rows) {
            if (v.period() == null || periods.stream().noneMatch(pp -> pp.start().equals(v.period().start()))) {
                continue;
            }
            PagePeriod pp = PagePeriod.of(p.kind(), v.period().start());
            table.add(new ValueRow(pp.label(f.locale()), pp.toString(), f.number(v.value(), unit), f.number(v.target(), unit),
                    Status.of(v.status()), f.plain((double) v.sampleSize()),
                    v.exact() ? "exact" : v.errorBound() == null ? "sketch" : "± " + f.plain(100 * v.errorBound()) + " %"));
        }
        java.util.Collections.reverse(table);
        List<VersionRow> vs = new ArrayList<>();
        for (Api.DefinitionVersion v : versions) {
            vs.add(new VersionRow(v.version(), f.dateTime(v.changedAt()), v.changedBy(), v.reason(), change(v, f)));
        }
        Api.Thresholds t = kpi.thresholds();
        String windowText = kpi.window() == null ? "" : kpi.window().path("kind").asText("")
                + (kpi.window().path("days").isNumber() ? " " + kpi.window().path("days").asInt() + " j/d" : "");
        List<Count> counts = new ArrayList<>();
        if (e != null && e.eventsByType() != null) {
            e.eventsByType().forEach(c -> counts.add(new Count(c.type(), f.plain((double) c.count()))));
        }
        // the page period's own value: from the explanation, else from the series
        KpiValue ofPeriod = rows.stream().filter(v -> v.period() != null && p.start().equals(v.period().start())).findFirst()
                .orElse(null);
        Double value = e != null ? e.value() : ofPeriod == null ? null : ofPeriod.value();
        String status = e != null ? e.status() : ofPeriod == null || ofPeriod.status() == null ? null : ofPeriod.status().name();
        return new KpiDetail(kpi.key(), kpi.project(), KpiRow.name(kpi.name(), lang, kpi.key()), kpi.owner(), kpi.frequency(),
                windowText, e != null && e.zone() != null ? e.zone() : f.zone().getId(), unit,
                kpi.direction() == null ? "" : kpi.direction().name(), f.number(value, unit), f.number(kpi.target(), unit),
                f.number(t == null ? null : t.warning(), unit), f.number(t == null ? null : t.critical(), unit), Status.of(status),
                e == null ? "" : text(e.definition(), lang), e == null ? "" : text(e.statusRule(), lang),
                e == null || e.sampleSize() == null ? "—" : f.plain((double) e.sampleSize()),
                e != null && Boolean.TRUE.equals(e.exact()),
                e == null || e.errorBound() == null ? "" : "± " + f.plain(100 * e.errorBound()) + " %", counts,
                e == null || e.sample() == null ? List.of() : e.sample(),
                e == null || e.openEntities() == null ? List.of() : e.openEntities(),
                e == null || e.openEntitiesCount() == null ? 0 : e.openEntitiesCount(),
                e == null ? "—" : f.dateTime(e.lastEventAt()), e == null ? "—" : f.dateTime(e.computedAt()), table, vs, chart,
                ForecastView.of(forecast, f));
    }

    /** What a version changed, in short: the target, the thresholds, or "definition". */
    static String change(Api.DefinitionVersion v, Formats f) {
        if (v.before() == null || v.before().isNull()) {
            return "+";
        }
        if (v.after() == null || v.after().isNull()) {
            return "−";
        }
        List<String> parts = new ArrayList<>();
        for (String field : List.of("target", "thresholds", "frequency", "owner", "measure", "window")) {
            if (!v.before().path(field).equals(v.after().path(field))) {
                if ("target".equals(field) && v.before().path(field).isNumber() && v.after().path(field).isNumber()) {
                    parts.add("target " + f.plain(v.before().path(field).asDouble()) + " → " + f.plain(v.after().path(field).asDouble()));
                } else {
                    parts.add(field);
                }
            }
        }
        return String.join(", ", parts);
    }
}
