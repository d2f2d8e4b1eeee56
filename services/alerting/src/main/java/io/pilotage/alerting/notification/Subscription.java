package io.pilotage.alerting.notification;

import io.pilotage.alerting.rule.Severity;

/**
 * Where notifications go: alerts of {@code project} (null: any), {@code kpi} (null: any), of at
 * least {@code minSeverity}, to one channel, in one language.
 */
public record Subscription(String id, String project, String kpi, Severity minSeverity, ChannelType channel,
                           String target, String secret, String language) {

    public boolean matches(String alertProject, String alertKpi, Severity severity) {
        return (project == null || project.equals(alertProject))
                && (kpi == null || kpi.equals(alertKpi))
                && severity.atLeast(minSeverity);
    }
}
