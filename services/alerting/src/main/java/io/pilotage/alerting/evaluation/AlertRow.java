package io.pilotage.alerting.evaluation;

import io.pilotage.alerting.notification.AlertSnapshot;
import io.pilotage.alerting.state.AlertInstance;
import io.pilotage.alerting.state.AlertState;
import io.vertx.mutiny.sqlclient.Row;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

/**
 * A row of table {@code alert}; {@code flapping}: it fired again soon after it resolved, and its
 * changes are not notified until it keeps one state for the flap window; {@code firedAt}: when it
 * last entered FIRING.
 */
public record AlertRow(String id, String key, String ruleId, String ruleKind, String project, String kpi,
                       String source, String severity, AlertState state, int consecutive, Instant since, int episode,
                       Double value, Double previousValue, Double threshold, Double target, String unit,
                       String granularity, LocalDate periodStart, LocalDate periodEnd, String acknowledgedBy,
                       Instant acknowledgedAt, String ackComment, Instant updatedAt, boolean flapping,
                       Instant firedAt) {

    /** The URL-safe id of the alert whose key (rule:project/kpi) is given: stable across restarts. */
    public static String idOf(String key) {
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }

    public static AlertRow from(Row r) {
        return new AlertRow(r.getString("id"), r.getString("key"), r.getString("rule_id"), r.getString("rule_kind"),
                r.getString("project"), r.getString("kpi"), r.getString("source"), r.getString("severity"),
                AlertState.valueOf(r.getString("state")), r.getInteger("consecutive"), instant(r, "since"),
                r.getInteger("episode"), r.getDouble("value"), r.getDouble("previous_value"), r.getDouble("threshold"),
                r.getDouble("target"), r.getString("unit"), r.getString("granularity"), r.getLocalDate("period_start"),
                r.getLocalDate("period_end"), r.getString("acknowledged_by"), instant(r, "acknowledged_at"),
                r.getString("ack_comment"), instant(r, "updated_at"), Boolean.TRUE.equals(r.getBoolean("flapping")),
                instant(r, "fired_at"));
    }

    public static Instant instant(Row r, String column) {
        OffsetDateTime t = r.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }

    public static OffsetDateTime odt(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    public AlertInstance instance() {
        return new AlertInstance(state, consecutive, since, acknowledgedBy, acknowledgedAt, ackComment);
    }

    public AlertSnapshot snapshot(Map<String, String> kpiName) {
        return new AlertSnapshot(id, ruleId, ruleKind, project, kpi, kpiName, source, severity, state.name(), value,
                previousValue, threshold, target, unit, granularity, periodStart, periodEnd, since, acknowledgedBy);
    }
}
