package io.pilotage.governance.review;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the KPI engine's scorecard tolerantly: a JSON array of KPI values (contracts
 * {@code KpiValue} plus {@code trend}), or an object holding that array under {@code kpis},
 * {@code values} or {@code items}. An item that carries its value under {@code current} (the
 * engine's scorecard lines: {@code key, name, unit, target, current: KpiValue, previous, trend})
 * is read from there. Unknown properties are ignored; an item without a KPI key, or a
 * body of another shape, is refused (never a half snapshot).
 */
public final class ScorecardParser {

    private ScorecardParser() {
    }

    public static List<ScorecardKpi> parse(JsonNode body, String project) {
        JsonNode items = body;
        if (body != null && body.isObject()) {
            for (String f : new String[] {"kpis", "values", "items", "scorecard"}) {
                if (body.has(f) && body.get(f).isArray()) {
                    items = body.get(f);
                    break;
                }
            }
        }
        if (items == null || !items.isArray()) {
            throw new IllegalArgumentException("the scorecard of project '" + project + "' is not a list of KPI values");
        }
        List<ScorecardKpi> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode n = items.get(i);
            String kpi = text(n, "kpi", "key");
            if (kpi == null) {
                throw new IllegalArgumentException("item " + i + " of the scorecard of project '" + project + "' names no KPI");
            }
            JsonNode v = n.hasNonNull("current") && n.get("current").isObject() ? n.get("current") : n;
            String status = text(v, "status");
            out.add(new ScorecardKpi(kpi, name(n), firstNonNull(text(v, "project"), firstNonNull(text(n, "project"), project)),
                    period(v.get("period")), number(v, "value"), firstNonNull(text(n, "unit"), text(v, "unit")),
                    number(n, "target") != null ? number(n, "target") : number(v, "target"),
                    status == null ? "NO_DATA" : status.toUpperCase(Locale.ROOT), n.get("trend")));
        }
        return out;
    }

    private static String name(JsonNode n) {
        JsonNode name = n.get("name");
        if (name == null || name.isNull()) {
            return null;
        }
        if (name.isObject()) {
            return name.hasNonNull("en") ? name.get("en").asText() : name.hasNonNull("fr") ? name.get("fr").asText() : null;
        }
        return name.asText();
    }

    private static String period(JsonNode p) {
        if (p == null || p.isNull()) {
            return null;
        }
        if (p.isObject() && p.hasNonNull("start")) {
            return p.get("start").asText() + (p.hasNonNull("end") ? ".." + p.get("end").asText() : "");
        }
        return p.asText();
    }

    private static String text(JsonNode n, String... fields) {
        for (String f : fields) {
            if (n.hasNonNull(f) && n.get(f).isValueNode()) {
                return n.get(f).asText();
            }
        }
        return null;
    }

    private static Double number(JsonNode n, String f) {
        JsonNode v = n.get(f);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        try {
            return Double.parseDouble(v.asText());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
