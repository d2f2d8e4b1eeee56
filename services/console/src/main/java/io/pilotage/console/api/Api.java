package io.pilotage.console.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import io.pilotage.contracts.KpiValue;
import io.pilotage.contracts.definition.Direction;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The shapes of the other services' answers the console reads: tolerant readers (unknown fields are
 * ignored), so a service may add a field without breaking the console.
 */
public final class Api {

    private Api() {
    }

    /** kpi-engine {@code GET /kpis}: a definition with its latest value. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Kpi(String key, String project, Map<String, String> name, String unit, Direction direction, Double target,
                      Thresholds thresholds, String frequency, String owner, JsonNode window, String measure, int version,
                      KpiValue latest, String precision) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Thresholds(Double warning, Double critical) {
    }

    /** kpi-engine {@code GET /projects/{p}/scorecard}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Scorecard(String project, KpiValue.Period period, KpiValue.Period previousPeriod,
                            Map<String, Integer> summary, List<Line> kpis) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Line(String key, String name, String unit, Direction direction, Double target, KpiValue current,
                       KpiValue previous, Double change, Double changePercent, String trend, Boolean improving,
                       Forecast forecast) {
    }

    /** kpi-engine {@code GET /kpis/{key}/forecast}, also on the scorecard's lines of an open period. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Forecast(String kpi, KpiValue.Period period, String unit, boolean closed, Double current, String currentStatus,
                           Double value, Double low, Double high, Double confidence, String status, int daysElapsed,
                           int daysRemaining, String method, Double critical, Integer crossesCriticalInDays) {
    }

    /** kpi-engine {@code GET /portfolio/scorecard}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Portfolio(KpiValue.Period period, Map<String, Integer> summary, List<Scorecard> projects) {
    }

    /** kpi-engine {@code GET /kpis/{key}/explain}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Explanation(String kpi, String project, Map<String, String> name, String unit, Direction direction,
                              Double target, Thresholds thresholds, String frequency, JsonNode window, String zone,
                              String owner, Integer definitionVersion, KpiValue.Period period, Double value, String status,
                              Map<String, String> definition, Map<String, String> statusRule, Long sampleSize,
                              Boolean exact, Double errorBound, List<TypeCount> eventsByType, List<SampleEvent> sample,
                              List<OpenEntity> openEntities, Integer openEntitiesCount, Instant lastEventAt,
                              Instant computedAt) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TypeCount(String type, long count) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SampleEvent(String id, String source, String type, String time, String subject) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OpenEntity(String entity, String since) {
    }

    /** alerting {@code GET /alerts}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Alert(String id, String key, String ruleId, String ruleKind, String project, String kpi, String source,
                        String severity, String state, int consecutive, Instant since, int episode, Double value,
                        Double previousValue, Double threshold, Double target, String unit, String granularity,
                        LocalDate periodStart, LocalDate periodEnd, String acknowledgedBy, Instant acknowledgedAt,
                        String ackComment, Instant updatedAt) {
    }

    /** alerting {@code GET /alerts/{id}/history}: one transition. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Transition(Long id, Integer episode, String from, String to, String severity, Double value,
                             Double threshold, LocalDate periodStart, Instant at, String by, String comment,
                             Boolean historical, Boolean flapping) {
    }

    /** alerting {@code GET /alerts/{id}/history}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AlertHistory(Alert alert, List<Transition> transitions, List<Notification> notifications) {
    }

    /** alerting {@code GET /notifications}: one line of the notification log. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Notification(long id, String alertId, Integer episode, String subscription, String project, String kind,
                               String status, Integer attempts, Instant createdAt, Instant sentAt, String lastError) {
    }

    /** alerting {@code GET /subscriptions}: who a notification goes to. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Subscription(String id, String project, String kpi, String minSeverity, String channel, String target) {
    }

    /** governance {@code GET /projects}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Project(String key, String name, String objective, String sponsor, List<String> owners, String status) {
    }

    /** governance {@code GET /projects/{p}/kpis/{k}/history}: one version of a definition. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DefinitionVersion(int version, Instant changedAt, String changedBy, String reason, JsonNode before,
                                    JsonNode after) {
    }

    /** governance {@code GET /committees}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Committee(String id, String name, List<Member> members) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Member(String name, String department, String role, String username) {
    }

    /** governance {@code GET /reviews} and {@code /reviews/{id}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Review(String id, String committee, String kind, String period, LocalDate heldOn, List<String> projects,
                         List<String> attendees, List<ProjectSnapshot> snapshot, Instant createdAt, String createdBy,
                         List<Decision> decisions, List<Action> actions) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ProjectSnapshot(String project, List<SnapshotKpi> kpis) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SnapshotKpi(String kpi, String name, String project, String period, Double value, String unit,
                              Double target, String status) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Decision(String id, String text, List<String> kpis, Instant createdAt, String createdBy) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Action(String id, String title, String owner, LocalDate dueDate, String status, boolean overdue) {
    }

    /** ingestion {@code GET /quarantine}: one quarantined event. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Quarantined(long id, String source, String project, String eventId, Instant receivedAt, List<Reason> reasons,
                              String payload, String status, String fixedPayload, Instant updatedAt) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Reason(String field, String rule, String message) {
    }

    /** ingestion {@code GET /ingestion/sources/stats}: one source's counters. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SourceStats(String source, long received, long accepted, long duplicate, long rejected, long flagged,
                              Instant lastReceivedAt, Instant lastEventAt, boolean silent) {
    }

    /** governance {@code GET /sources/{id}/quality}: a source's rejections by rule and its daily pass rates. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SourceQuality(String source, long rejected, Instant lastRejectedAt, List<RuleFailures> byRule,
                                List<PassRateDay> passRate) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RuleFailures(String rule, String field, long failed, Instant lastAt) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PassRateDay(LocalDate day, long received, long rejected, Double passRate) {
    }

    /** governance {@code GET /sources}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Source(String id, String project, String kind) {
    }
}
