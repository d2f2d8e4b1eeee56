package io.pilotage.alerting.notification;

import io.pilotage.alerting.AlertingConfig;
import io.pilotage.alerting.definition.Definitions;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the owners' default subscriptions ({@link OwnerSubscriptions}) in table {@code subscription},
 * registered in {@code owner_subscription}: a missing one is created, one whose owner is no longer an
 * owner is deleted, one a person deleted ({@code removed_at}) is never created again. Run for every
 * project at start-up and for a project whenever its definition or one of its KPIs changes; every
 * replica may run it (deterministic ids, {@code on conflict do nothing}).
 */
@ApplicationScoped
public class OwnerSubscriber {

    /** Who creates the default subscriptions ({@code created_by}). */
    public static final String CREATOR = "pilotage";

    private final Pool pool;
    private final Definitions definitions;
    private final AlertingConfig config;
    private final OwnerSubscriptions.Contacts contacts;

    public OwnerSubscriber(Pool pool, Definitions definitions, AlertingConfig config) {
        this.pool = pool;
        this.definitions = definitions;
        this.config = config;
        AlertingConfig.Owners o = config.owners();
        this.contacts = new OwnerSubscriptions.Contacts(o.address(), o.language(), o.addresses(), o.languages());
    }

    /** Every known project, one after the other. */
    public Uni<Void> syncAll() {
        if (!config.owners().subscribed()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(definitions.projectKeys())
                .onItem().transformToUniAndConcatenate(this::sync)
                .collect().last().replaceWithVoid();
    }

    public Uni<Void> sync(String project) {
        if (!config.owners().subscribed() || project == null) {
            return Uni.createFrom().voidItem();
        }
        List<OwnerSubscriptions.Wanted> wanted = OwnerSubscriptions.wanted(definitions.project(project).orElse(null),
                definitions.kpisOf(project), contacts);
        Map<String, OwnerSubscriptions.Wanted> byId = new HashMap<>();
        wanted.forEach(w -> byId.put(w.subscription().id(), w));
        String[] ids = byId.keySet().toArray(String[]::new);
        return pool.withTransaction(conn -> {
            Uni<List<String>> registered = Uni.createFrom().item(List.of());
            if (!wanted.isEmpty()) {
                List<Tuple> batch = new ArrayList<>();
                wanted.forEach(w -> batch.add(Tuple.of(w.subscription().id(), w.project(), w.kpi(), w.owner())));
                registered = conn.preparedQuery("""
                                insert into owner_subscription (subscription_id, project, kpi, username)
                                values ($1, $2, $3, $4) on conflict do nothing returning subscription_id""")
                        .executeBatch(batch).map(rows -> {
                            List<String> fresh = new ArrayList<>();
                            for (var rs = rows; rs != null; rs = rs.next()) {
                                for (Row r : rs) {
                                    fresh.add(r.getString("subscription_id"));
                                }
                            }
                            return fresh;
                        });
            }
            return registered.chain(fresh -> {
                if (fresh.isEmpty()) {
                    return Uni.createFrom().voidItem();
                }
                List<Tuple> batch = new ArrayList<>();
                for (String id : fresh) {
                    Subscription s = byId.get(id).subscription();
                    batch.add(Tuple.from(new Object[] {s.id(), s.project(), s.kpi(), s.minSeverity().wireName(),
                            s.channel().wireName(), s.target(), s.language(), CREATOR}));
                }
                Log.infof("project %s: %d owner subscriptions created", project, fresh.size());
                return conn.preparedQuery("""
                                insert into subscription (id, project, kpi, min_severity, channel, target, language, created_by)
                                values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (id) do nothing""")
                        .executeBatch(batch).replaceWithVoid();
            }).chain(() -> conn.preparedQuery("""
                            with gone as (delete from owner_subscription where project = $1 and removed_at is null
                              and not (subscription_id = any($2)) returning subscription_id)
                            delete from subscription where id in (select subscription_id from gone)""")
                    .execute(Tuple.of(project, ids)).replaceWithVoid());
        }).onFailure().invoke(e -> Log.warnf("owner subscriptions of project %s not synchronised: %s", project,
                e.getMessage()));
    }
}
