package io.pilotage.alerting.evaluation;

import io.pilotage.alerting.AlertingConfig;
import io.pilotage.alerting.definition.Definitions;
import io.pilotage.alerting.delivery.Dispatcher;
import io.pilotage.alerting.notification.AlertSnapshot;
import io.pilotage.alerting.notification.NotificationKind;
import io.pilotage.alerting.notification.NotificationPlanner;
import io.pilotage.alerting.rule.AlertPeriods;
import io.pilotage.alerting.rule.AlertRule;
import io.pilotage.alerting.rule.Severity;
import io.pilotage.alerting.state.AlertInput;
import io.pilotage.alerting.state.AlertInstance;
import io.pilotage.alerting.state.AlertState;
import io.pilotage.alerting.state.AlertStateMachine;
import io.pilotage.alerting.state.Flapping;
import io.pilotage.alerting.state.Step;
import io.pilotage.contracts.JsonCodec;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies evaluations to alert instances in one transaction each: locks the alert row, runs the
 * {@link AlertStateMachine}, stores the new state and, on a state change, the transition and the
 * notifications it owes (the persistent notification log, written before anything is sent).
 */
@ApplicationScoped
public class AlertEngine {

    private final Pool pool;
    private final Definitions definitions;
    private final AlertingConfig config;

    public AlertEngine(Pool pool, Definitions definitions, AlertingConfig config) {
        this.pool = pool;
        this.definitions = definitions;
        this.config = config;
    }

    /**
     * The outcome of a batch: ids of the transitions to publish, whether notifications were planned,
     * and those of them already due (group wait 0), to hand straight to the dispatcher.
     */
    public record Outcome(List<Long> transitions, boolean notified, List<Dispatcher.Pending> due) {
        Outcome(List<Long> transitions, boolean notified) {
            this(transitions, notified, List.of());
        }

        static Outcome merge(List<Outcome> all) {
            List<Long> t = new ArrayList<>();
            List<Dispatcher.Pending> d = new ArrayList<>();
            boolean n = false;
            for (Outcome o : all) {
                t.addAll(o.transitions());
                d.addAll(o.due());
                n |= o.notified();
            }
            return new Outcome(t, n, d);
        }
    }

    /**
     * Applies the evaluations in one transaction. Evaluations of distinct alerts (the usual case: one
     * per rule of a KPI) run side by side on the transaction's connection, so their statements are
     * pipelined instead of waiting for one another; rows are still locked in the order given.
     */
    public Uni<Outcome> apply(List<Evaluation> evaluations) {
        if (evaluations.isEmpty()) {
            return Uni.createFrom().item(new Outcome(List.of(), false));
        }
        boolean distinct = evaluations.stream().map(e -> e.rule().alertId()).distinct().count() == evaluations.size();
        if (!distinct || evaluations.size() == 1) {
            return pool.withTransaction(conn -> Multi.createFrom().iterable(evaluations)
                    .onItem().transformToUniAndConcatenate(e -> apply(conn, e))
                    .collect().asList()
                    .map(Outcome::merge));
        }
        return pool.withTransaction(conn -> Uni.join().all(evaluations.stream().map(e -> apply(conn, e)).toList())
                .andCollectFailures()
                .map(Outcome::merge));
    }

    /** Acknowledges one alert; fails with IllegalAlertTransition when its state does not allow it. */
    public Uni<Outcome> acknowledge(AlertRow alert, String by, String comment) {
        AlertRule rule = new AlertRule(alert.ruleId(), null, alert.project(), alert.kpi(), alert.source(),
                Severity.parse(alert.severity()), null, 1, null);
        return pool.withTransaction(conn -> lock(conn, alert.key())
                .chain(row -> step(conn, row, rule, new AlertInput.Acknowledge(Instant.now(), by, comment), null)));
    }

    /** Creates the alert row when it is new and locks it, in one statement (upsert returning the locked row). */
    private Uni<Outcome> apply(SqlConnection conn, Evaluation e) {
        AlertRule r = e.rule();
        String key = r.alertId();
        return conn.preparedQuery("""
                        insert into alert (id, key, rule_id, rule_kind, project, kpi, source, severity, state,
                          consecutive, since, episode, updated_at)
                        values ($1, $2, $3, $4, $5, $6, $7, $8, 'OK', 0, $9, 0, $9)
                        on conflict (key) do update set updated_at = alert.updated_at returning *""")
                .execute(Tuple.from(new Object[] {AlertRow.idOf(key), key, r.id(), r.kind().wireName(), r.project(),
                        r.kpi(), r.source(), r.severity().wireName(), AlertRow.odt(e.input().at())}))
                .map(rows -> AlertRow.from(rows.iterator().next()))
                .chain(row -> e.historical() || e.value() != null && e.value().period() != null
                        && AlertPeriods.olderThanFollowed(e.value().period(), row.granularity(), row.periodStart())
                        ? historical(conn, row, e) : step(conn, row, e.rule(), e.input(), e));
    }

    /**
     * A value of a period older than the one the alert follows: a historical entry of its history
     * (what that period's value says: FIRING, OK or NO_DATA), unless the latest entry of that period
     * already says the same. The alert's state does not move; nothing is published or notified.
     */
    private Uni<Outcome> historical(SqlConnection conn, AlertRow row, Evaluation e) {
        AlertInput in = e.input();
        String verdict = in instanceof AlertInput.Breach ? AlertState.FIRING.name()
                : in instanceof AlertInput.NoData ? AlertState.NO_DATA.name() : AlertState.OK.name();
        Double threshold = in instanceof AlertInput.Breach b ? b.threshold() : null;
        var p = e.value().period();
        return conn.preparedQuery("""
                        insert into alert_transition (alert_id, episode, from_state, to_state, severity, value,
                          threshold, granularity, period_start, period_end, at, historical)
                        select $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, true
                        where not exists (select 1 from (select to_state, value from alert_transition
                            where alert_id = $1 and historical and granularity = $8 and period_start = $9
                            order by id desc limit 1) latest
                          where latest.to_state = $4 and latest.value is not distinct from $6)""")
                .execute(Tuple.from(new Object[] {row.id(), row.episode(), row.state().name(), verdict, row.severity(),
                        e.value().value(), threshold, p.granularity().wireName(), p.start(),
                        p.end() == null ? p.start() : p.end(), AlertRow.odt(in.at())}))
                .replaceWith(new Outcome(List.of(), false));
    }

    private Uni<AlertRow> lock(SqlConnection conn, String key) {
        return conn.preparedQuery("select * from alert where key = $1 for update").execute(Tuple.of(key))
                .map(rows -> AlertRow.from(rows.iterator().next()));
    }

    private Uni<Outcome> step(SqlConnection conn, AlertRow row, AlertRule rule, AlertInput input, Evaluation e) {
        int forEvaluations = Math.max(1, rule.forEvaluations());
        Step step = new AlertStateMachine(forEvaluations).apply(row.instance(), input);
        AlertInstance after = step.after();
        AlertState from = row.state();
        AlertState to = after.state();
        boolean newEpisode = step.transition() && (from == AlertState.OK || from == AlertState.RESOLVED)
                && (to == AlertState.PENDING || to == AlertState.FIRING || to == AlertState.NO_DATA);
        int episode = row.episode() + (newEpisode ? 1 : 0);

        Double value = row.value();
        Double previous = row.previousValue();
        Double threshold = row.threshold();
        Double target = row.target();
        String unit = row.unit();
        String granularity = row.granularity();
        java.time.LocalDate start = row.periodStart();
        java.time.LocalDate end = row.periodEnd();
        if (e != null && e.value() != null) {
            value = e.value().value();
            previous = e.previous();
            target = e.definition() != null ? e.definition().target() : e.value().target();
            unit = e.value().unit() != null ? e.value().unit() : e.definition() != null ? e.definition().unit() : null;
            granularity = e.value().period() == null ? null : e.value().period().granularity().wireName();
            start = e.value().period() == null ? null : e.value().period().start();
            end = e.value().period() == null ? null : e.value().period().end();
        }
        if (input instanceof AlertInput.Breach b) {
            threshold = b.threshold();
            if (e != null && e.value() == null) {
                value = b.value();
            }
        }
        boolean flapping = step.transition()
                ? Flapping.after(row.flapping(), from, to, row.firedAt(), input.at(), config.flapWindow()) : row.flapping();
        Instant firedAt = step.transition() && to == AlertState.FIRING ? input.at() : row.firedAt();
        AlertRow updated = new AlertRow(row.id(), row.key(), row.ruleId(), row.ruleKind(), row.project(), row.kpi(),
                row.source(), row.severity(), to, after.consecutive(), after.since(), episode, value, previous,
                threshold, target, unit, granularity, start, end, after.acknowledgedBy(), after.acknowledgedAt(),
                after.ackComment(), input.at(), flapping, firedAt);

        // the alert update, the transition and the subscriptions to tell are independent: issued together
        Uni<Boolean> save = conn.preparedQuery("""
                        update alert set state = $2, consecutive = $3, since = $4, episode = $5, value = $6,
                          previous_value = $7, threshold = $8, target = $9, unit = $10, granularity = $11,
                          period_start = $12, period_end = $13, acknowledged_by = $14, acknowledged_at = $15,
                          ack_comment = $16, updated_at = $17, flapping = $18, fired_at = $19 where id = $1""")
                .execute(Tuple.from(new Object[] {row.id(), to.name(), after.consecutive(), AlertRow.odt(after.since()),
                        episode, value, previous, threshold, target, unit, granularity, start, end,
                        after.acknowledgedBy(), AlertRow.odt(after.acknowledgedAt()), after.ackComment(),
                        AlertRow.odt(input.at()), flapping, AlertRow.odt(firedAt)}))
                .replaceWith(Boolean.TRUE);
        if (!step.transition()) {
            return save.replaceWith(new Outcome(List.of(), false));
        }
        String by = input instanceof AlertInput.Acknowledge a ? a.by() : null;
        String comment = input instanceof AlertInput.Acknowledge a ? a.comment() : null;
        Uni<Long> transition = conn.preparedQuery("""
                        insert into alert_transition (alert_id, episode, from_state, to_state, severity, value,
                          threshold, granularity, period_start, period_end, at, by_user, comment, flapping)
                        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) returning id""")
                .execute(Tuple.from(new Object[] {row.id(), episode, from.name(), to.name(), row.severity(),
                        updated.value(), updated.threshold(), updated.granularity(), updated.periodStart(),
                        updated.periodEnd(), AlertRow.odt(input.at()),
                        by, comment, flapping}))
                .map(rows -> rows.iterator().next().getLong("id"));
        // a flapping alert's changes are held back (told once it settles, by the catch-up)
        Optional<NotificationKind> kind = flapping ? Optional.empty() : NotificationPlanner.announce(from, to);
        Uni<List<String>> told = kind.isEmpty() ? Uni.createFrom().item(List.of()) : subscriptions(conn, updated, kind.get());
        return Uni.combine().all().unis(save, transition, told).asTuple()
                .chain(t -> plan(conn, updated, kind, t.getItem2(), t.getItem3(), input.at())
                        .map(due -> new Outcome(List.of(t.getItem2()), due != null, due == null ? List.of() : due)));
    }

    /** The subscriptions a notification of this kind goes to. */
    private Uni<List<String>> subscriptions(SqlConnection conn, AlertRow alert, NotificationKind kind) {
        Severity severity = Severity.parse(alert.severity());
        Uni<List<String>> subscriptions = conn.preparedQuery("""
                        select id from subscription where (project is null or project = $1)
                          and (kpi is null or kpi = $2) and (min_severity = 'warning' or min_severity = $3)
                          and ($4::text is null or id <> $4)""")
                .execute(Tuple.of(alert.project(), alert.kpi(), severity.wireName(),
                        // a failing channel is reported on the others, not on itself
                        AlertRule.CHANNEL_FAILING_ID.equals(alert.ruleId()) ? alert.source() : null))
                .map(rows -> {
                    List<String> ids = new ArrayList<>();
                    rows.forEach(r -> ids.add(r.getString("id")));
                    return ids;
                });
        if (kind == NotificationKind.RESOLVED) {
            subscriptions = subscriptions.chain(ids -> owedResolved(conn, alert, ids));
        }
        return subscriptions;
    }

    /**
     * Writes the notifications a transition owes (status pending, due after the group wait): the
     * persistent log. Returns null when none was written, else those already due (group wait 0).
     */
    private Uni<List<Dispatcher.Pending>> plan(SqlConnection conn, AlertRow alert, Optional<NotificationKind> kind,
                                               long transitionId, List<String> ids, Instant at) {
        if (kind.isEmpty() || ids.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        Map<String, String> name = definitions.kpiName(alert.project(), alert.kpi());
        AlertSnapshot snapshot = alert.snapshot(name);
        JsonObject json = new JsonObject(JsonCodec.encodeToString(snapshot));
        Instant due = at.plus(config.groupWait());
        boolean dueNow = !config.groupWait().isPositive();
        List<Tuple> batch = new ArrayList<>();
        for (String sub : ids) {
            batch.add(Tuple.from(new Object[] {"t:" + transitionId + ":" + sub, alert.id(), transitionId,
                    alert.episode(), sub, alert.project(), kind.get().wireName(), AlertRow.odt(due),
                    AlertRow.odt(at), json}));
        }
        return conn.preparedQuery("""
                        insert into notification (dedupe_key, alert_id, transition_id, episode, subscription_id,
                          project, kind, status, next_attempt_at, created_at, snapshot)
                        values ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, $9, $10) on conflict (dedupe_key) do nothing
                        returning id, subscription_id""")
                .executeBatch(batch)
                .map(rows -> {
                    List<Dispatcher.Pending> planned = new ArrayList<>();
                    for (io.vertx.mutiny.sqlclient.RowSet<Row> rs = rows; rs != null; rs = rs.next()) {
                        for (Row r : rs) {
                            planned.add(new Dispatcher.Pending(r.getLong("id"), r.getString("subscription_id"),
                                    alert.project(), kind.get(), 0, snapshot, at));
                        }
                    }
                    return dueNow ? planned : List.of();
                });
    }

    /**
     * The subscriptions owed a "resolved": those told of the problem in this episode. Problem
     * notifications still waiting (group wait) are superseded: nobody hears of a problem already over.
     */
    private Uni<List<String>> owedResolved(SqlConnection conn, AlertRow alert, List<String> matching) {
        return conn.preparedQuery("""
                        update notification set status = 'superseded', last_error = 'resolved before it was sent'
                        where alert_id = $1 and episode = $2 and status = 'pending' and kind <> 'resolved'""")
                .execute(Tuple.of(alert.id(), alert.episode()))
                .chain(() -> conn.preparedQuery("""
                                select subscription_id, status from notification
                                where alert_id = $1 and episode = $2 and kind <> 'resolved'""")
                        .execute(Tuple.of(alert.id(), alert.episode())))
                .map(rows -> {
                    Map<String, List<String>> statuses = new HashMap<>();
                    for (Row r : rows) {
                        statuses.computeIfAbsent(r.getString("subscription_id"), k -> new ArrayList<>())
                                .add(r.getString("status"));
                    }
                    // told of the problem, whether it still matches or not (a subscription narrowed since still gets the end)
                    List<String> owed = new ArrayList<>();
                    statuses.forEach((sub, st) -> {
                        if (NotificationPlanner.owesResolved(st)) {
                            owed.add(sub);
                        }
                    });
                    return owed;
                });
    }
}
