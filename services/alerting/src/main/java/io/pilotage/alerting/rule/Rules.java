package io.pilotage.alerting.rule;

import io.pilotage.alerting.definition.Definitions;
import io.pilotage.contracts.definition.KpiDefinition;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rules in force: the two threshold rules of every known KPI (derived, never stored) plus the
 * custom rules of table {@code rule}, cached in memory.
 */
@ApplicationScoped
public class Rules {

    private final Pool pool;
    private final Definitions definitions;
    private final Map<String, AlertRule> custom = new ConcurrentHashMap<>();
    private final Map<String, java.time.Instant> createdAt = new ConcurrentHashMap<>();

    public Rules(Pool pool, Definitions definitions) {
        this.pool = pool;
        this.definitions = definitions;
    }

    public Uni<Void> load() {
        java.time.Instant asOf = java.time.Instant.now();
        return pool.query("select * from rule").execute().invoke(rows -> {
            java.util.Set<String> stored = new java.util.HashSet<>();
            for (Row r : rows) {
                AlertRule rule = fromRow(r);
                stored.add(rule.id());
                custom.put(rule.id(), rule);
                createdAt.put(rule.id(), r.getOffsetDateTime("created_at").toInstant());
            }
            // deleted through another replica (a rule created here since the read began stays)
            custom.keySet().removeIf(id -> !stored.contains(id) && createdAt.getOrDefault(id, asOf).isBefore(asOf));
        }).replaceWithVoid();
    }

    /**
     * Custom rules created or deleted through another replica reach this one within a reminder tick
     * (the rules this replica changes itself apply at once).
     */
    @io.quarkus.scheduler.Scheduled(every = "${pilotage.alerting.reminder-tick:10s}", delayed = "${pilotage.alerting.reminder-tick:10s}",
            concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return load().onFailure().recoverWithItem(e -> {
            io.quarkus.logging.Log.warnf("custom rules not refreshed: %s", e.getMessage());
            return null;
        });
    }

    private static AlertRule fromRow(Row r) {
        Long seconds = r.getLong("duration_seconds");
        return new AlertRule(r.getString("id"), RuleKind.parse(r.getString("kind")), r.getString("project"),
                r.getString("kpi"), r.getString("source"), Severity.parse(r.getString("severity")),
                r.getDouble("value"), r.getInteger("for_evaluations"), seconds == null ? null : Duration.ofSeconds(seconds));
    }

    /** Every rule evaluated on a value of this KPI. */
    public List<AlertRule> forKpi(KpiDefinition kpi) {
        List<AlertRule> rules = new ArrayList<>();
        rules.add(AlertRule.thresholdWarning(kpi.project(), kpi.key()));
        rules.add(AlertRule.thresholdCritical(kpi.project(), kpi.key()));
        custom.values().stream()
                .filter(r -> !r.kind().timeBased() && kpi.project().equals(r.project()) && kpi.key().equals(r.kpi()))
                .forEach(rules::add);
        return rules;
    }

    /** Every rule of a project, automatic ones included. */
    public List<AlertRule> ofProject(String project) {
        List<AlertRule> rules = new ArrayList<>();
        definitions.kpisOf(project).forEach(k -> {
            if (k.thresholds() != null && k.thresholds().warning() != null) {
                rules.add(AlertRule.thresholdWarning(project, k.key()));
            }
            if (k.thresholds() != null && k.thresholds().critical() != null) {
                rules.add(AlertRule.thresholdCritical(project, k.key()));
            }
        });
        custom.values().stream().filter(r -> r.project().equals(project)).forEach(rules::add);
        return rules;
    }

    public Collection<AlertRule> timeBased() {
        return custom.values().stream().filter(r -> r.kind().timeBased()).toList();
    }

    /** When a custom rule was created (a time-based rule counts silence from then at the latest). */
    public java.time.Instant createdAt(String id) {
        return createdAt.getOrDefault(id, java.time.Instant.now());
    }

    public AlertRule custom(String id) {
        return custom.get(id);
    }

    public Uni<AlertRule> create(AlertRule rule, String by) {
        return pool.preparedQuery("""
                        insert into rule (id, kind, project, kpi, source, severity, value, for_evaluations,
                          duration_seconds, created_by) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)""")
                .execute(Tuple.from(new Object[] {rule.id(), rule.kind().wireName(), rule.project(), rule.kpi(),
                        rule.source(), rule.severity().wireName(), rule.value(), rule.forEvaluations(),
                        rule.duration() == null ? null : rule.duration().toSeconds(), by}))
                .invoke(() -> {
                    custom.put(rule.id(), rule);
                    createdAt.put(rule.id(), java.time.Instant.now());
                })
                .replaceWith(rule);
    }

    public Uni<Boolean> delete(String id) {
        return pool.preparedQuery("delete from rule where id = $1").execute(Tuple.of(id))
                .invoke(rs -> custom.remove(id))
                .map(rs -> rs.rowCount() > 0);
    }
}
