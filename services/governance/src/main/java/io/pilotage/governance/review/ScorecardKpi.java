package io.pilotage.governance.review;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One KPI of a frozen scorecard: its value, target and status as the KPI engine gave them at
 * the review's date. {@code trend} is kept as the engine sent it (a word such as {@code up}, a
 * number or an object).
 */
public record ScorecardKpi(String kpi, String name, String project, String period, Double value, String unit, Double target,
                           String status, JsonNode trend) {

    public boolean red() {
        return "RED".equals(status);
    }

    /** The trend as a short text for CSV and the printable pack. */
    public String trendText() {
        if (trend == null || trend.isNull()) {
            return "";
        }
        if (trend.isValueNode()) {
            return trend.asText();
        }
        for (String f : new String[] {"direction", "status", "delta", "change", "value"}) {
            if (trend.hasNonNull(f)) {
                return trend.get(f).asText();
            }
        }
        return trend.toString();
    }
}
