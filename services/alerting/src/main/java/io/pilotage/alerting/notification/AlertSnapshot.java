package io.pilotage.alerting.notification;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An alert as it was when a notification about it was decided: what every channel renders. Kept
 * with the notification, so a message sent later (group wait, retries) shows the state it announces.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertSnapshot(String alertId, String rule, String ruleKind, String project, String kpi,
                            Map<String, String> kpiName, String source, String severity, String state,
                            Double value, Double previousValue, Double threshold, Double target, String unit,
                            String granularity, LocalDate periodStart, LocalDate periodEnd, Instant since,
                            String acknowledgedBy) {

    /** Labels silences and mute windows match on. */
    public Map<String, String> labels() {
        Map<String, String> l = new LinkedHashMap<>();
        l.put("project", project);
        if (kpi != null) {
            l.put("kpi", kpi);
        }
        if (source != null) {
            l.put("source", source);
        }
        l.put("severity", severity);
        l.put("rule", rule);
        return l;
    }

    public String displayName(String language) {
        if (kpiName != null && kpiName.get(language) != null) {
            return kpiName.get(language);
        }
        if (kpiName != null && !kpiName.isEmpty()) {
            return kpiName.values().iterator().next();
        }
        return kpi != null ? kpi : source;
    }

    /** {@code up}, {@code down}, {@code flat} or null (no previous value). */
    public String trend() {
        if (value == null || previousValue == null) {
            return null;
        }
        int c = Double.compare(value, previousValue);
        return c > 0 ? "up" : c < 0 ? "down" : "flat";
    }
}
