package io.pilotage.alerting.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pilotage.alerting.AlertingConfig;
import io.pilotage.alerting.notification.AlertMessage;
import io.pilotage.alerting.notification.AlertSnapshot;
import io.pilotage.alerting.notification.NotificationKind;
import io.pilotage.alerting.notification.Subscription;
import io.pilotage.alerting.notification.Subscriptions;
import io.pilotage.alerting.silence.Mutes;
import io.pilotage.contracts.JsonCodec;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delivers the notification log. A cycle takes the due {@code pending} notifications, groups them
 * per subscription and project (one message per group), drops the problems a silence or mute
 * window covers (status {@code silenced}; a "resolved" is never silenced) and the warnings of a KPI
 * whose critical alert fires (status {@code inhibited}), holds back a group
 * notified less than the group interval ago, then for each group marks its notifications
 * {@code sending} (in the database, before the send), sends, records the attempt (outcome,
 * status, latency) and marks them {@code sent}, or {@code pending} again with an exponential,
 * jittered backoff, or {@code dead} after the last attempt.
 *
 * <p>At start-up, notifications left {@code sending} by a process that died mid-delivery become
 * {@code interrupted} and are never sent again: the receiver may have them already, and a state
 * change is never notified twice.
 */
@ApplicationScoped
public class Dispatcher {

    private final Pool pool;
    private final Subscriptions subscriptions;
    private final Mutes mutes;
    private final Channels channels;
    private final AlertingConfig config;
    private final MeterRegistry registry;
    private final Backoff backoff;
    private final Stages stages;
    private final Duration lease;
    private final io.pilotage.alerting.evaluation.AlertEngine engine;
    private final io.pilotage.alerting.evaluation.AlertPublisher publisher;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final Map<String, Instant> lastGroupSend = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failingSubscriptions = new ConcurrentHashMap<>();

    public Dispatcher(Pool pool, Subscriptions subscriptions, Mutes mutes, Channels channels, AlertingConfig config,
                      MeterRegistry registry, io.pilotage.alerting.evaluation.AlertEngine engine,
                      io.pilotage.alerting.evaluation.AlertPublisher publisher, Stages stages) {
        this.stages = stages;
        // a delivery lasts at most the delivery timeout: a lease shorter than that would interrupt live ones
        this.lease = config.sendingLease().compareTo(config.deliveryTimeout().plusSeconds(5)) > 0
                ? config.sendingLease() : config.deliveryTimeout().plusSeconds(5);
        this.engine = engine;
        this.publisher = publisher;
        this.pool = pool;
        this.subscriptions = subscriptions;
        this.mutes = mutes;
        this.channels = channels;
        this.config = config;
        this.registry = registry;
        this.backoff = new Backoff(config.retryBase(), config.retryMax(), config.maxAttempts());
        registry.gauge("pilotage_alerting_failing_subscriptions", failingSubscriptions,
                m -> m.values().stream().filter(c -> c.get() > 0).count());
    }

    /** Called once at start-up, before the first cycle. */
    public Uni<Integer> start() {
        return sweepInterrupted().invoke(() -> started.set(true));
    }

    /**
     * Notifications left {@code sending} longer than the lease (a delivery that began before a process
     * died: its request may have reached the receiver) become {@code interrupted}, never sent again.
     * Run at start-up and every tick, by every replica: a replica starting does not touch the
     * deliveries another one has in flight, and one that dies is settled by the others.
     */
    public Uni<Integer> sweepInterrupted() {
        return pool.preparedQuery("""
                        update notification set status = 'interrupted',
                          last_error = 'the alerting process stopped during the delivery; not sent again'
                        where status = 'sending' and (claimed_at is null or claimed_at < now() - make_interval(secs => $1))""")
                .execute(Tuple.of(lease.toMillis() / 1000.0))
                .map(rs -> {
                    if (rs.rowCount() > 0) {
                        Log.warnf("%d notifications were being delivered when their process stopped: marked interrupted",
                                rs.rowCount());
                    }
                    return rs.rowCount();
                });
    }

    /** Runs a cycle now (or right after the one running). */
    public void wake() {
        if (!started.get()) {
            return;
        }
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        cycle().subscribe().with(ignored -> done(), e -> {
            Log.warnf("dispatch cycle failed: %s", e.getMessage());
            done();
        });
    }

    private void done() {
        running.set(false);
        if (again.getAndSet(false)) {
            wake();
        }
    }

    @Scheduled(every = "${pilotage.alerting.dispatch-tick:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        if (!started.get()) {
            return Uni.createFrom().voidItem();
        }
        return sweepInterrupted().onFailure().recoverWithItem(e -> {
            Log.warnf("sweep of interrupted deliveries failed: %s", e.getMessage());
            return 0;
        }).invoke(() -> wake()).replaceWithVoid();
    }

    /** A notification of the log waiting to be sent (status {@code pending}). */
    public record Pending(long id, String subscription, String project, NotificationKind kind, int attempts,
                          AlertSnapshot snapshot, Instant created) {
    }

    /**
     * Delivers notifications just written to the log and already due (group wait 0) without reading
     * them back: the path of a fresh state change. Exactly as safe as a cycle, since a notification
     * is sent only by whoever claims it ({@code pending → sending}, atomic); anything not handled
     * here (an error, a process not started yet) stays pending for the next cycle.
     */
    public void dispatch(List<Pending> due) {
        if (!started.get() || due.isEmpty()) {
            wake();
            return;
        }
        handle(due).subscribe().with(ignored -> {
        }, e -> Log.warnf("dispatch of fresh notifications failed (the next cycle takes them): %s", e.getMessage()));
    }

    private Uni<Void> cycle() {
        return pool.query("""
                        select id, subscription_id, project, kind, attempts, snapshot, created_at from notification
                        where status = 'pending' and next_attempt_at <= now() order by id limit 1000""").execute()
                .chain(rows -> {
                    List<Pending> due = new ArrayList<>();
                    for (Row r : rows) {
                        due.add(new Pending(r.getLong("id"), r.getString("subscription_id"), r.getString("project"),
                                NotificationKind.parse(r.getString("kind")), r.getInteger("attempts"),
                                JsonCodec.decode(r.getValue("snapshot").toString(), AlertSnapshot.class),
                                io.pilotage.alerting.evaluation.AlertRow.instant(r, "created_at")));
                    }
                    return handle(due);
                });
    }

    /** Groups the due notifications (subscription × project) and handles each group. */
    private Uni<Void> handle(List<Pending> due) {
        Map<String, List<Pending>> groups = new LinkedHashMap<>();
        for (Pending p : due) {
            groups.computeIfAbsent(p.subscription() + "|" + p.project(), k -> new ArrayList<>()).add(p);
        }
        if (groups.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> subIds = groups.values().stream().map(g -> g.getFirst().subscription()).distinct().toList();
        // the three reads share one connection: pipelined, one round trip
        return pool.withConnection(c -> Uni.combine().all().unis(subscriptions.byIds(c, subIds), mutes.inForce(c)).asTuple())
                .chain(t -> {
                    List<Uni<Void>> work = new ArrayList<>();
                    groups.forEach((key, group) -> work.add(group(key, group, t.getItem1(), t.getItem2())));
                    return Uni.join().all(work).andCollectFailures().replaceWithVoid();
                });
    }

    private Uni<Void> group(String key, List<Pending> group, Map<String, Subscription> subs, Mutes.InForce inForce) {
        Subscription sub = subs.get(group.getFirst().subscription());
        List<Long> all = group.stream().map(Pending::id).toList();
        if (sub == null) {
            return mark(all, "dead", "the subscription was deleted", null);
        }
        Instant now = Instant.now();
        List<Long> muted = new ArrayList<>();
        List<Long> inhibited = new ArrayList<>();
        List<Pending> send = new ArrayList<>();
        for (Pending p : group) {
            if (p.kind().problem() && inForce.mutes(p.snapshot().labels(), now)) {
                muted.add(p.id());
            } else if (p.kind().problem() && inForce.inhibits(p.snapshot().labels())) {
                inhibited.add(p.id());
            } else {
                send.add(p);
            }
        }
        Uni<Void> silence = muted.isEmpty() ? Uni.createFrom().voidItem()
                : mark(muted, "silenced", "a silence or mute window covered it", null);
        if (!inhibited.isEmpty()) {
            silence = silence.chain(() -> mark(inhibited, "inhibited", "the critical alert of the same KPI fires", null));
        }
        if (send.isEmpty()) {
            return silence;
        }
        boolean retrying = send.stream().anyMatch(p -> p.attempts() > 0);
        Instant last = lastGroupSend.get(key);
        if (!retrying && last != null && last.plus(config.groupInterval()).isAfter(now)) {
            Instant at = last.plus(config.groupInterval());
            return silence.chain(() -> pool.preparedQuery(
                            "update notification set next_attempt_at = $2 where id = any($1) and status = 'pending'")
                    .execute(Tuple.of(send.stream().map(Pending::id).toArray(Long[]::new), at.atOffset(ZoneOffset.UTC)))
                    .replaceWithVoid());
        }
        return silence.chain(() -> claim(send)).invoke(claimed -> {
            if (!claimed.isEmpty()) {
                lastGroupSend.put(key, now);
                deliver(sub, claimed);   // not awaited: a slow receiver does not hold up the other groups
            }
        }).replaceWithVoid();
    }

    /** Marks the notifications 'sending' (only those still pending): the log entry before the send. */
    private Uni<List<Pending>> claim(List<Pending> send) {
        Map<Long, Pending> byId = new LinkedHashMap<>();
        send.forEach(p -> byId.put(p.id(), p));
        return pool.preparedQuery("""
                        update notification set status = 'sending', attempts = attempts + 1, claimed_at = now()
                        where id = any($1) and status = 'pending' returning id, attempts""")
                .execute(Tuple.of(byId.keySet().toArray(Long[]::new)))
                .map(rows -> {
                    List<Pending> claimed = new ArrayList<>();
                    rows.forEach(r -> {
                        Pending p = byId.get(r.getLong("id"));
                        claimed.add(new Pending(p.id(), p.subscription(), p.project(), p.kind(), r.getInteger("attempts"),
                                p.snapshot(), p.created()));
                    });
                    claimed.sort(Comparator.comparingLong(Pending::id));
                    return claimed;
                });
    }

    private void deliver(Subscription sub, List<Pending> claimed) {
        List<AlertMessage.Item> items = claimed.stream()
                .map(p -> new AlertMessage.Item(p.id(), p.kind(), p.snapshot())).toList();
        AlertMessage message = new AlertMessage(claimed.getFirst().project(), sub.language(), items,
                config.publicUrl());
        int attempt = claimed.stream().mapToInt(Pending::attempts).max().orElse(1);
        Long[] ids = claimed.stream().map(Pending::id).toArray(Long[]::new);
        claimed.forEach(p -> stages.queued(p.created()));
        channels.send(sub, message)
                .chain(result -> record(sub, ids, attempt, result).replaceWith(result))
                .chain(result -> {
                    stages.delivered(result.latencyMs());
                    Timer.builder("pilotage_alerting_delivery").tag("channel", sub.channel().wireName())
                            .tag("outcome", result.outcome()).register(registry)
                            .record(Duration.ofNanos((long) (result.latencyMs() * 1_000_000)));
                    AtomicInteger failures = failingSubscriptions.computeIfAbsent(sub.id(), k -> new AtomicInteger());
                    if (result.delivered()) {
                        boolean wasFailing = failures.getAndSet(0) > 0;
                        return mark(List.of(ids), "sent", null, Instant.now())
                                .chain(() -> wasFailing ? channelHealth(sub, false, null) : Uni.createFrom().voidItem());
                    }
                    failures.incrementAndGet();
                    if (backoff.retries(attempt)) {
                        Instant next = Instant.now().plus(backoff.delayAfter(attempt, ThreadLocalRandom.current()::nextDouble));
                        return pool.preparedQuery("""
                                        update notification set status = 'pending', next_attempt_at = $2, last_error = $3
                                        where id = any($1) and status = 'sending'""")
                                .execute(Tuple.of(ids, next.atOffset(ZoneOffset.UTC), result.error()))
                                .replaceWithVoid();
                    }
                    return mark(List.of(ids), "dead", result.error(), null)
                            .chain(() -> channelHealth(sub, true, (double) attempt));
                })
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(20)
                .subscribe().with(ignored -> {
                    // a retry, when one is due, is picked up by the tick
                }, e -> Log.errorf("could not record the delivery of notifications %s: %s", List.of(ids), e.getMessage()));
    }

    /**
     * A channel that exhausted its retries raises a critical {@code channel-failing} alert of its
     * project, notified on the project's other channels; its next successful delivery resolves it.
     */
    private Uni<Void> channelHealth(Subscription sub, boolean failing, Double attempts) {
        if (sub.project() == null) {
            return Uni.createFrom().voidItem();   // a global subscription has no project to report to
        }
        Instant now = Instant.now();
        io.pilotage.alerting.state.AlertInput input = failing
                ? new io.pilotage.alerting.state.AlertInput.Breach(now, attempts, null)
                : new io.pilotage.alerting.state.AlertInput.Clear(now, null);
        var rule = io.pilotage.alerting.rule.AlertRule.channelFailing(sub.project(), sub.id());
        return engine.apply(List.of(new io.pilotage.alerting.evaluation.Evaluation(rule, input, null, null, null)))
                .chain(o -> publisher.publish(o.transitions()).invoke(() -> {
                    if (o.notified()) {
                        dispatch(o.due());
                    }
                }));
    }

    private Uni<Void> record(Subscription sub, Long[] ids, int attempt, DeliveryResult r) {
        return pool.preparedQuery("""
                        insert into delivery_attempt (subscription_id, channel, notification_ids, attempt, outcome,
                          status_code, latency_ms, error, at) values ($1, $2, $3, $4, $5, $6, $7, $8, now())""")
                .execute(Tuple.from(new Object[] {sub.id(), sub.channel().wireName(), ids, attempt, r.outcome(),
                        r.statusCode(), r.latencyMs(), r.error()}))
                .replaceWithVoid();
    }

    private Uni<Void> mark(List<Long> ids, String status, String error, Instant sentAt) {
        return pool.preparedQuery("""
                        update notification set status = $2, last_error = coalesce($3, last_error), sent_at = $4
                        where id = any($1)""")
                .execute(Tuple.of(ids.toArray(Long[]::new), status, error,
                        sentAt == null ? null : sentAt.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }
}
