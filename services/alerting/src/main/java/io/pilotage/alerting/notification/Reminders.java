package io.pilotage.alerting.notification;

import io.pilotage.alerting.AlertingConfig;
import io.pilotage.alerting.definition.Definitions;
import io.pilotage.alerting.delivery.Dispatcher;
import io.pilotage.alerting.evaluation.AlertRow;
import io.pilotage.alerting.silence.Mutes;
import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.definition.KpiDefinition;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reminder pass: for every firing (or no-data) alert and every subscription that heard of
 * its episode, looks at the latest problem notification: sent longer than the repeat interval ago
 * and not acknowledged → a REPEAT; silenced and no longer muted → UNSILENCED (what still fires
 * when a silence or mute window ends is notified). Each reminder's dedupe key names the
 * notification it follows, so a reminder is written once however often the pass runs.
 */
@ApplicationScoped
public class Reminders {

    private final Pool pool;
    private final Mutes mutes;
    private final Definitions definitions;
    private final Dispatcher dispatcher;
    private final AlertingConfig config;

    public Reminders(Pool pool, Mutes mutes, Definitions definitions, Dispatcher dispatcher, AlertingConfig config) {
        this.pool = pool;
        this.mutes = mutes;
        this.definitions = definitions;
        this.dispatcher = dispatcher;
        this.config = config;
    }

    @Scheduled(every = "${pilotage.alerting.reminder-tick:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "2s")
    Uni<Void> pass() {
        return Uni.combine().all().unis(mutes.inForce(), pool.query("""
                        select distinct on (n.alert_id, n.subscription_id) n.id as notification_id, n.status,
                          n.sent_at, n.subscription_id, a.*
                        from notification n join alert a on a.id = n.alert_id and a.episode = n.episode
                        where a.state in ('FIRING', 'NO_DATA', 'ACKNOWLEDGED') and n.kind <> 'resolved'
                          and n.status in ('sent', 'silenced')
                        order by n.alert_id, n.subscription_id, n.id desc""").execute()).asTuple()
                .chain(t -> {
                    Instant now = Instant.now();
                    List<Tuple> batch = new ArrayList<>();
                    for (Row r : t.getItem2()) {
                        AlertRow alert = AlertRow.from(r);
                        Instant sentAt = AlertRow.instant(r, "sent_at");
                        Map<String, String> name = alert.kpi() == null ? Map.of()
                                : definitions.kpi(alert.project(), alert.kpi()).map(KpiDefinition::name).orElse(Map.of());
                        AlertSnapshot snapshot = alert.snapshot(name);
                        Optional<NotificationKind> kind = NotificationPlanner.remind(
                                alert.state() == io.pilotage.alerting.state.AlertState.ACKNOWLEDGED, r.getString("status"),
                                sentAt == null ? 0 : Duration.between(sentAt, now).toMillis(),
                                config.repeatInterval().toMillis(), t.getItem1().mutes(snapshot.labels(), now));
                        kind.ifPresent(k -> batch.add(Tuple.from(new Object[] {
                                k.wireName().charAt(0) + ":" + r.getLong("notification_id"), alert.id(), alert.episode(),
                                r.getString("subscription_id"), alert.project(), k.wireName(),
                                now.atOffset(ZoneOffset.UTC), new JsonObject(JsonCodec.encodeToString(snapshot))})));
                    }
                    if (batch.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    return pool.preparedQuery("""
                                    insert into notification (dedupe_key, alert_id, episode, subscription_id, project, kind,
                                      status, next_attempt_at, created_at, snapshot)
                                    values ($1, $2, $3, $4, $5, $6, 'pending', $7, $7, $8) on conflict (dedupe_key) do nothing""")
                            .executeBatch(batch).invoke(dispatcher::wake).replaceWithVoid();
                })
                .onFailure().recoverWithItem(e -> {
                    Log.warnf("reminder pass failed: %s", e.getMessage());
                    return null;
                });
    }
}
