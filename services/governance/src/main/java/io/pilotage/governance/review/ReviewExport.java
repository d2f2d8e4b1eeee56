package io.pilotage.governance.review;

import io.pilotage.contracts.SafeCsv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** A review as CSV (through {@link SafeCsv}): one row per snapshot KPI, decision and action, with a {@code section} column. */
public final class ReviewExport {

    private static final List<String> HEADER = List.of("section", "project", "kpi", "name", "value", "unit", "target", "status",
            "trend", "text", "owner", "due_date");

    private ReviewExport() {
    }

    public static String csv(Review r) {
        List<List<String>> rows = new ArrayList<>();
        for (Review.ProjectScorecard p : r.snapshot()) {
            for (ScorecardKpi k : p.kpis()) {
                rows.add(Arrays.asList("kpi", p.project(), k.kpi(), k.name(), num(k.value()), k.unit(), num(k.target()), k.status(),
                        k.trendText(), "", "", ""));
            }
        }
        for (Review.Decision d : r.decisions()) {
            rows.add(Arrays.asList("decision", "", String.join(" ", d.kpis()), "", "", "", "", "", "", d.text(), d.createdBy(), ""));
        }
        for (Review.Action a : r.actions()) {
            rows.add(Arrays.asList("action", "", "", "", "", "", "", a.status(), "", a.title(), a.owner(), a.dueDate().toString()));
        }
        return SafeCsv.write(HEADER, rows);
    }

    static String num(Double d) {
        if (d == null) {
            return "";
        }
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : String.format(Locale.ROOT, "%s", d);
    }
}
