package io.pilotage.alerting.rule;

import java.time.Duration;

/**
 * One rule. The automatic ones (one per threshold of each KPI) have the ids
 * {@code threshold-warning} and {@code threshold-critical}; custom ones get an id when created.
 *
 * @param id             rule id
 * @param kind           what it compares
 * @param project        the project
 * @param kpi            the KPI (null for {@code source_silent})
 * @param source         the source ({@code source_silent} only)
 * @param severity       severity of the alerts it raises
 * @param value          the bound (below/above) or percentage (off_target_by, drop_vs_previous)
 * @param forEvaluations consecutive breaching evaluations before firing (≥ 1)
 * @param duration       silence tolerated before firing (no_data, source_silent)
 */
public record AlertRule(String id, RuleKind kind, String project, String kpi, String source, Severity severity,
                        Double value, int forEvaluations, Duration duration) {

    public static final String THRESHOLD_WARNING_ID = "threshold-warning";
    public static final String THRESHOLD_CRITICAL_ID = "threshold-critical";

    /** The id of the alert instance this rule raises: {@code <rule>:<project>/<kpi or source>}. */
    public String alertId() {
        return id + ":" + project + "/" + (kpi != null ? kpi : source);
    }

    public static final String CHANNEL_FAILING_ID = "channel-failing";

    /** The alert a failing subscription raises on the other channels of its project ({@code source}: the subscription). */
    public static AlertRule channelFailing(String project, String subscriptionId) {
        return new AlertRule(CHANNEL_FAILING_ID, RuleKind.CHANNEL_FAILING, project, null, subscriptionId,
                Severity.CRITICAL, null, 1, null);
    }

    public static AlertRule thresholdWarning(String project, String kpi) {
        return new AlertRule(THRESHOLD_WARNING_ID, RuleKind.THRESHOLD_WARNING, project, kpi, null, Severity.WARNING,
                null, 1, null);
    }

    public static AlertRule thresholdCritical(String project, String kpi) {
        return new AlertRule(THRESHOLD_CRITICAL_ID, RuleKind.THRESHOLD_CRITICAL, project, kpi, null,
                Severity.CRITICAL, null, 1, null);
    }
}
