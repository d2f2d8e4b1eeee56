package io.pilotage.governance.review;

import java.util.Locale;

/** A review as CSV: one row per snapshot KPI, decision and action, with a {@code section} column. */
public final class ReviewExport {

    private ReviewExport() {
    }

    public static String csv(Review r) {
        StringBuilder out = new StringBuilder("section,project,kpi,name,value,unit,target,status,trend,text,owner,due_date\r\n");
        for (Review.ProjectScorecard p : r.snapshot()) {
            for (ScorecardKpi k : p.kpis()) {
                row(out, "kpi", p.project(), k.kpi(), k.name(), num(k.value()), k.unit(), num(k.target()), k.status(),
                        k.trendText(), "", "", "");
            }
        }
        for (Review.Decision d : r.decisions()) {
            row(out, "decision", "", String.join(" ", d.kpis()), "", "", "", "", "", "", d.text(), d.createdBy(), "");
        }
        for (Review.Action a : r.actions()) {
            row(out, "action", "", "", "", "", "", "", a.status(), "", a.title(), a.owner(), a.dueDate().toString());
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String... cells) {
        out.append(String.join(",", java.util.Arrays.stream(cells).map(ReviewExport::cell).toList())).append("\r\n");
    }

    /** RFC 4180 quoting; a leading formula character is neutralised so spreadsheets do not execute it. */
    static String cell(String v) {
        if (v == null) {
            return "";
        }
        String s = v;
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 && !s.matches("^-?\\d+(\\.\\d+)?$")) {
            s = "'" + s;
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            s = "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    static String num(Double d) {
        if (d == null) {
            return "";
        }
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : String.format(Locale.ROOT, "%s", d);
    }
}
