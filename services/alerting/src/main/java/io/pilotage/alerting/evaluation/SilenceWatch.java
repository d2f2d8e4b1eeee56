package io.pilotage.alerting.evaluation;

import io.pilotage.alerting.definition.Definitions;
import io.pilotage.alerting.delivery.Dispatcher;
import io.pilotage.alerting.rule.AlertRule;
import io.pilotage.alerting.rule.RuleEvaluator;
import io.pilotage.alerting.rule.RuleKind;
import io.pilotage.alerting.rule.Rules;
import io.pilotage.alerting.rule.SourceActivity;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates the time-based rules on a clock: {@code no_data} (no KPI value with data for longer than
 * the rule's duration) and {@code source_silent} (the source's last accepted event, as the
 * ingestion instances report it on {@code pilotage.source-status.v1}, is older than the rule's
 * duration; a source never reported is no data).
 */
@ApplicationScoped
public class SilenceWatch {

    private final Pool pool;
    private final Rules rules;
    private final Definitions definitions;
    private final AlertEngine engine;
    private final AlertPublisher publisher;
    private final Dispatcher dispatcher;
    private final SourceActivity sources;

    public SilenceWatch(Pool pool, Rules rules, Definitions definitions, AlertEngine engine, AlertPublisher publisher,
                        Dispatcher dispatcher, SourceActivity sources) {
        this.sources = sources;
        this.pool = pool;
        this.rules = rules;
        this.definitions = definitions;
        this.engine = engine;
        this.publisher = publisher;
        this.dispatcher = dispatcher;
    }

    @Scheduled(every = "${pilotage.alerting.reminder-tick:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "3s")
    Uni<Void> evaluate() {
        List<AlertRule> noData = rules.timeBased().stream().filter(r -> r.kind() == RuleKind.NO_DATA).toList();
        List<AlertRule> silent = rules.timeBased().stream().filter(r -> r.kind() == RuleKind.SOURCE_SILENT).toList();
        if (noData.isEmpty() && silent.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Instant now = Instant.now();
        List<Uni<Evaluation>> evaluations = new ArrayList<>();
        for (AlertRule rule : silent) {
            evaluations.add(Uni.createFrom().item(RuleEvaluator.evaluateSourceSilence(rule, sources.of(rule.source()), now)
                    .map(in -> new Evaluation(rule, in, null, null, null)).orElse(null)));
        }
        for (AlertRule rule : noData) {
            evaluations.add(pool.preparedQuery("""
                            select max(received_at) as last from kpi_period_value
                            where project = $1 and kpi = $2 and value is not null""")
                    .execute(Tuple.of(rule.project(), rule.kpi()))
                    .map(rows -> AlertRow.instant(rows.iterator().next(), "last"))
                    .map(last -> RuleEvaluator.evaluateSilence(rule, last, rules.createdAt(rule.id()), now)
                            .map(in -> new Evaluation(rule, in, definitions.kpi(rule.project(), rule.kpi()).orElse(null),
                                    null, null))
                            .orElse(null)));
        }
        return Uni.join().all(evaluations).andFailFast()
                .map(l -> l.stream().filter(java.util.Objects::nonNull).toList())
                .chain(engine::apply)
                .invoke(o -> {
                    if (o.notified()) {
                        dispatcher.dispatch(o.due());
                    }
                })
                .chain(o -> publisher.publish(o.transitions()))
                .onFailure().recoverWithItem(e -> {
                    Log.warnf("time-based rules evaluation failed: %s", e.getMessage());
                    return null;
                });
    }
}
