package io.pilotage.console.view;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The silence a console form asks for: one alert's project and KPI, muted for a chosen duration. */
public final class Silences {

    /** The durations the form offers, by their form value. */
    public static final Map<String, Duration> DURATIONS;

    static {
        Map<String, Duration> m = new LinkedHashMap<>();
        m.put("1h", Duration.ofHours(1));
        m.put("4h", Duration.ofHours(4));
        m.put("24h", Duration.ofHours(24));
        m.put("7d", Duration.ofDays(7));
        DURATIONS = java.util.Collections.unmodifiableMap(m);
    }

    private Silences() {
    }

    public static Duration duration(String value) {
        Duration d = value == null ? null : DURATIONS.get(value);
        if (d == null) {
            throw new BadParameter("duration", value, "one of " + String.join(", ", DURATIONS.keySet()));
        }
        return d;
    }

    /** The body of alerting's {@code POST /silences}. */
    public static Map<String, Object> body(String project, String kpi, String reason, Instant now, Duration d) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("matchers", List.of(Map.of("name", "project", "value", project, "regex", false),
                Map.of("name", "kpi", "value", kpi, "regex", false)));
        body.put("reason", reason == null || reason.isBlank() ? "silenced from the console" : reason.trim());
        body.put("startsAt", now.toString());
        body.put("endsAt", now.plus(d).toString());
        return body;
    }
}
