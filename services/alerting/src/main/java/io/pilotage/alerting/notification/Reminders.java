package io.pilotage.alerting.notification;

import io.pilotage.alerting.AlertingConfig;
import io.pilotage.alerting.definition.Definitions;
import io.pilotage.alerting.delivery.Dispatcher;
import io.pilotage.alerting.evaluation.AlertRow;
import io.pilotage.alerting.silence.Mutes;
import io.pilotage.contracts.JsonCodec;
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
 * notification it follows, so a reminder is written once however often the pass runs. Then
 * {@link #catchUp}: what fires now reaches the subscriptions that have not heard of it.
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

    /**
     * What fires now reaches a subscription that has not heard of it (created or changed since the
     * alert started, or an owner's default subscription): a FIRING or NO_DATA notification per
     * firing alert it matches and has no notification of in this episode, due after the group wait
     * (then at the group's next message). Acknowledged alerts are someone's already: not caught up.
     */
    Uni<Void> catchUp() {
        return settleFlapping().chain(() -> pool.preparedQuery("""
                        select s.id as subscription_id, a.* from alert a join subscription s
                          on (s.project is null or s.project = a.project) and (s.kpi is null or s.kpi = a.kpi)
                          and (s.min_severity = 'warning' or s.min_severity = a.severity)
                          and not (a.rule_id = $1 and a.source = s.id)
                        where a.state in ('FIRING', 'NO_DATA') and not a.flapping and not exists (select 1
                          from notification n where n.alert_id = a.id and n.episode = a.episode and n.subscription_id = s.id)
                        limit 1000""").execute(Tuple.of(io.pilotage.alerting.rule.AlertRule.CHANNEL_FAILING_ID)))
                .chain(rows -> {
                    Instant now = Instant.now();
                    List<Tuple> batch = new ArrayList<>();
                    for (Row r : rows) {
                        AlertRow alert = AlertRow.from(r);
                        Map<String, String> name = definitions.kpiName(alert.project(), alert.kpi());
                        NotificationKind kind = alert.state() == io.pilotage.alerting.state.AlertState.NO_DATA
                                ? NotificationKind.NO_DATA : NotificationKind.FIRING;
                        String sub = r.getString("subscription_id");
                        batch.add(Tuple.from(new Object[] {"c:" + sub + ":" + alert.id() + ":" + alert.episode(),
                                alert.id(), alert.episode(), sub, alert.project(), kind.wireName(),
                                now.plus(config.groupWait()).atOffset(ZoneOffset.UTC), now.atOffset(ZoneOffset.UTC),
                                new JsonObject(JsonCodec.encodeToString(alert.snapshot(name)))}));
                    }
                    return insertPending(batch);
                });
    }

    /**
     * Pending notifications (dedupe key, alert, episode, subscription, project, kind, due, created,
     * snapshot); a key already there is left as it is. The dispatcher is woken for them.
     */
    private Uni<Void> insertPending(List<Tuple> batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("""
                        insert into notification (dedupe_key, alert_id, episode, subscription_id, project, kind,
                          status, next_attempt_at, created_at, snapshot)
                        values ($1, $2, $3, $4, $5, $6, 'pending', $7, $8, $9) on conflict (dedupe_key) do nothing""")
                .executeBatch(batch).invoke(dispatcher::wake).replaceWithVoid();
    }

    /**
     * Flapping alerts that kept one state for the flap window settle (see {@link
     * io.pilotage.alerting.state.Flapping}); the catch-up then tells what still fires.
     */
    Uni<Void> settleFlapping() {
        return pool.preparedQuery("""
                        update alert set flapping = false
                        where flapping and since <= now() - make_interval(secs => $1)""")
                .execute(Tuple.of(config.flapWindow().toMillis() / 1000.0)).replaceWithVoid();
    }

    @Scheduled(every = "${pilotage.alerting.reminder-tick:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "2s")
    Uni<Void> pass() {
        return Uni.combine().all().unis(mutes.inForce(), pool.query("""
                        select distinct on (n.alert_id, n.subscription_id) n.id as notification_id, n.status,
                          n.sent_at, n.subscription_id, a.*
                        from notification n join alert a on a.id = n.alert_id and a.episode = n.episode
                        where a.state in ('FIRING', 'NO_DATA', 'ACKNOWLEDGED') and n.kind <> 'resolved'
                          and n.status in ('sent', 'silenced', 'inhibited')
                        order by n.alert_id, n.subscription_id, n.id desc""").execute()).asTuple()
                .chain(t -> {
                    Instant now = Instant.now();
                    List<Tuple> batch = new ArrayList<>();
                    for (Row r : t.getItem2()) {
                        AlertRow alert = AlertRow.from(r);
                        Instant sentAt = AlertRow.instant(r, "sent_at");
                        Map<String, String> name = definitions.kpiName(alert.project(), alert.kpi());
                        AlertSnapshot snapshot = alert.snapshot(name);
                        Optional<NotificationKind> kind = NotificationPlanner.remind(
                                alert.state() == io.pilotage.alerting.state.AlertState.ACKNOWLEDGED, r.getString("status"),
                                sentAt == null ? 0 : Duration.between(sentAt, now).toMillis(),
                                config.repeatInterval().toMillis(), t.getItem1().mutes(snapshot.labels(), now),
                                t.getItem1().inhibits(snapshot.labels()));
                        kind.ifPresent(k -> batch.add(Tuple.from(new Object[] {
                                k.wireName().charAt(0) + ":" + r.getLong("notification_id"), alert.id(), alert.episode(),
                                r.getString("subscription_id"), alert.project(), k.wireName(),
                                now.atOffset(ZoneOffset.UTC), now.atOffset(ZoneOffset.UTC),
                                new JsonObject(JsonCodec.encodeToString(snapshot))})));
                    }
                    return insertPending(batch);
                })
                .chain(this::catchUp)
                .onFailure().recoverWithItem(e -> {
                    Log.warnf("reminder pass failed: %s", e.getMessage());
                    return null;
                });
    }
}
