package io.pilotage.alerting.notification;

import io.pilotage.alerting.rule.Severity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Table {@code subscription}. */
@ApplicationScoped
public class Subscriptions {

    private final Pool pool;

    public Subscriptions(Pool pool) {
        this.pool = pool;
    }

    public static Subscription from(Row r) {
        return new Subscription(r.getString("id"), r.getString("project"), r.getString("kpi"),
                Severity.parse(r.getString("min_severity")), ChannelType.parse(r.getString("channel")),
                r.getString("target"), r.getString("secret"), r.getString("language"));
    }

    public Uni<Map<String, Subscription>> byIds(List<String> ids) {
        return byIds(pool, ids);
    }

    public Uni<Map<String, Subscription>> byIds(SqlClient client, List<String> ids) {
        return client.preparedQuery("select * from subscription where id = any($1)")
                .execute(Tuple.of(ids.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Subscription> m = new HashMap<>();
                    rows.forEach(r -> m.put(r.getString("id"), from(r)));
                    return m;
                });
    }
}
