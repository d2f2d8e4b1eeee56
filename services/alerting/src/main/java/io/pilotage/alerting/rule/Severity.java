package io.pilotage.alerting.rule;

import java.util.Locale;

/** The two alert severities, which are also the KPI's two thresholds. */
public enum Severity {
    WARNING, CRITICAL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity parse(String text) {
        if ("warning".equals(text)) {
            return WARNING;
        }
        if ("critical".equals(text)) {
            return CRITICAL;
        }
        throw new IllegalArgumentException("unknown severity '" + text + "', expected warning or critical");
    }

    /** Whether an alert of this severity reaches a subscription asking for {@code minimum} and above. */
    public boolean atLeast(Severity minimum) {
        return compareTo(minimum) >= 0;
    }
}
