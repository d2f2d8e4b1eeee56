package io.pilotage.alerting.rest;

import io.pilotage.alerting.evaluation.AlertRow;
import io.pilotage.contracts.Problem;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"admin", "committee", "project-owner", "analyst"})
@Tag(name = "notifications", description = "The notification log, delivery attempts, channel health, dead letters")
public class NotificationsResource {

    static final Set<String> STATUSES = Set.of("pending", "sending", "sent", "silenced", "inhibited", "superseded",
            "dead", "interrupted");

    private final Pool pool;

    public NotificationsResource(Pool pool) {
        this.pool = pool;
    }

    @GET
    @Path("notifications")
    @Operation(summary = "The notification log, newest first: status pending, sending, sent, silenced, inhibited "
            + "(a warning while its KPI's critical fires), superseded, dead (retries exhausted) or interrupted (the process died during the send; never re-sent)")
    public Uni<List<Map<String, Object>>> list(@QueryParam("status") String status, @QueryParam("project") String project,
                                               @QueryParam("subscription") String subscription,
                                               @QueryParam("limit") Integer limit) {
        String st = AlertsResource.blankToNull(status);
        if (st != null && !STATUSES.contains(st)) {
            throw ProblemException.invalid(List.of(new Problem.FieldError("status",
                    "unknown status '" + st + "', expected one of " + String.join(", ", STATUSES.stream().sorted().toList()))));
        }
        int max = limit == null ? 500 : limit;
        if (max < 1 || max > 5000) {
            throw ProblemException.invalid(List.of(new Problem.FieldError("limit", "must be between 1 and 5000")));
        }
        return pool.preparedQuery("""
                        select * from notification where ($1::text is null or status = $1)
                          and ($2::text is null or project = $2) and ($3::text is null or subscription_id = $3)
                        order by id desc limit $4""")
                .execute(Tuple.of(st, AlertsResource.blankToNull(project), AlertsResource.blankToNull(subscription), max))
                .map(rows -> {
                    List<Map<String, Object>> l = new ArrayList<>();
                    rows.forEach(r -> l.add(view(r)));
                    return l;
                });
    }

    @GET
    @Path("notifications/{id}/attempts")
    @Operation(summary = "Every delivery attempt of one notification: outcome, HTTP status, latency, error")
    public Uni<List<Map<String, Object>>> attempts(@PathParam("id") long id) {
        return pool.preparedQuery("select * from delivery_attempt where $1 = any(notification_ids) order by id")
                .execute(Tuple.of(id)).map(NotificationsResource::attemptViews);
    }

    @GET
    @Path("notifications/channels")
    @Operation(summary = "Health of every subscription's channel: last attempt, consecutive failures, last error. "
            + "A channel whose last attempt failed is 'failing'")
    public Uni<List<Map<String, Object>>> channels() {
        return pool.query("""
                        select s.id, s.channel, s.project, s.kpi, last.outcome, last.status_code, last.error, last.at,
                          last.latency_ms,
                          (select count(*) from delivery_attempt d where d.subscription_id = s.id and d.outcome <> 'delivered'
                             and d.id > coalesce((select max(id) from delivery_attempt ok where ok.subscription_id = s.id
                                                  and ok.outcome = 'delivered'), 0)) as consecutive_failures
                        from subscription s left join lateral (select * from delivery_attempt d where d.subscription_id = s.id
                          order by d.id desc limit 1) last on true order by s.created_at""").execute()
                .map(rows -> {
                    List<Map<String, Object>> l = new ArrayList<>();
                    for (Row r : rows) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("subscription", r.getString("id"));
                        m.put("channel", r.getString("channel"));
                        m.put("project", r.getString("project"));
                        m.put("kpi", r.getString("kpi"));
                        String outcome = r.getString("outcome");
                        m.put("health", outcome == null ? "unused" : "delivered".equals(outcome) ? "ok" : "failing");
                        m.put("lastOutcome", outcome);
                        m.put("lastStatusCode", r.getInteger("status_code"));
                        m.put("lastLatencyMs", r.getDouble("latency_ms"));
                        m.put("lastError", r.getString("error"));
                        m.put("lastAttemptAt", AlertRow.instant(r, "at"));
                        m.put("consecutiveFailures", r.getLong("consecutive_failures"));
                        l.add(m);
                    }
                    return l;
                });
    }

    static Map<String, Object> view(Row r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.getLong("id"));
        m.put("alertId", r.getString("alert_id"));
        m.put("transitionId", r.getLong("transition_id"));
        m.put("episode", r.getInteger("episode"));
        m.put("subscription", r.getString("subscription_id"));
        m.put("project", r.getString("project"));
        m.put("kind", r.getString("kind"));
        m.put("status", r.getString("status"));
        m.put("attempts", r.getInteger("attempts"));
        m.put("createdAt", AlertRow.instant(r, "created_at"));
        m.put("nextAttemptAt", AlertRow.instant(r, "next_attempt_at"));
        m.put("sentAt", AlertRow.instant(r, "sent_at"));
        m.put("lastError", r.getString("last_error"));
        return m;
    }

    static List<Map<String, Object>> attemptViews(Iterable<Row> rows) {
        List<Map<String, Object>> l = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.getLong("id"));
            m.put("subscription", r.getString("subscription_id"));
            m.put("channel", r.getString("channel"));
            m.put("notifications", Arrays.asList(r.getArrayOfLongs("notification_ids")));
            m.put("attempt", r.getInteger("attempt"));
            m.put("outcome", r.getString("outcome"));
            m.put("statusCode", r.getInteger("status_code"));
            m.put("latencyMs", r.getDouble("latency_ms"));
            m.put("error", r.getString("error"));
            m.put("at", AlertRow.instant(r, "at"));
            l.add(m);
        }
        return l;
    }
}
