package io.pilotage.alerting.evaluation;

import io.pilotage.contracts.AlertEvent;
import io.pilotage.contracts.Granularity;
import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.KpiValue;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

import java.util.ArrayList;
import java.util.List;

/**
 * Publishes stored transitions on {@code pilotage.alerts.v1} (key: alert id) and marks them
 * published once Kafka acknowledged them. Transitions left unpublished by a crash are published by
 * the sweep: at least once on the topic, every transition stored first.
 */
@ApplicationScoped
public class AlertPublisher {

    private final Pool pool;
    private final MutinyEmitter<Record<String, byte[]>> emitter;

    public AlertPublisher(Pool pool, @Channel("alerts-out") MutinyEmitter<Record<String, byte[]>> emitter) {
        this.pool = pool;
        this.emitter = emitter;
    }

    public Uni<Void> publish(List<Long> transitionIds) {
        if (transitionIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("""
                        select t.*, a.rule_id, a.project, a.kpi, a.source from alert_transition t
                        join alert a on a.id = t.alert_id where t.id = any($1) order by t.id""")
                .execute(Tuple.of(transitionIds.toArray(Long[]::new)))
                .chain(rows -> send(rows));
    }

    private Uni<Void> send(Iterable<Row> rows) {
        List<Long> ids = new ArrayList<>();
        List<Uni<Void>> sends = new ArrayList<>();
        for (Row r : rows) {
            ids.add(r.getLong("id"));
            AlertEvent event = event(r);
            sends.add(emitter.send(Record.of(event.alertId(), JsonCodec.encode(event))));
        }
        if (sends.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(sends).onItem().transformToUniAndConcatenate(u -> u).collect().last()
                .chain(() -> pool.preparedQuery("update alert_transition set published_at = now() where id = any($1)")
                        .execute(Tuple.of(ids.toArray(Long[]::new))))
                .replaceWithVoid();
    }

    static AlertEvent event(Row r) {
        String g = r.getString("granularity");
        KpiValue.Period period = g == null ? null
                : new KpiValue.Period(Granularity.parse(g), r.getLocalDate("period_start"), r.getLocalDate("period_end"));
        return new AlertEvent(r.getString("alert_id"), r.getString("rule_id"), r.getString("project"),
                r.getString("kpi"), r.getString("source"), r.getString("to_state"), r.getString("from_state"),
                r.getString("severity"), r.getDouble("value"), r.getDouble("threshold"), period,
                AlertRow.instant(r, "at"), r.getString("by_user"), r.getString("comment"));
    }

    /** Publishes what a crash left behind (older than a few seconds, so in-flight publications are not doubled). */
    @Scheduled(every = "${pilotage.alerting.publish-sweep:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "5s")
    Uni<Void> sweep() {
        return pool.query("""
                        select id from alert_transition where published_at is null and not historical
                          and at < now() - interval '10 seconds'
                        order by id limit 500""").execute()
                .chain(rows -> {
                    List<Long> ids = new ArrayList<>();
                    rows.forEach(r -> ids.add(r.getLong("id")));
                    if (!ids.isEmpty()) {
                        Log.infof("publishing %d transitions left unpublished", ids.size());
                    }
                    return publish(ids);
                })
                .onFailure().recoverWithItem(e -> {
                    Log.warnf("transition sweep failed: %s", e.getMessage());
                    return null;
                });
    }
}
