package io.pilotage.alerting.rest;

import io.pilotage.alerting.delivery.Dispatcher;
import io.pilotage.alerting.evaluation.AlertEngine;
import io.pilotage.alerting.evaluation.AlertPublisher;
import io.pilotage.alerting.evaluation.AlertRow;
import io.pilotage.alerting.state.AlertState;
import io.pilotage.alerting.state.IllegalAlertTransition;
import io.pilotage.contracts.Problem;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

@Path("/alerts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "alerts", description = "Alert instances, their history, acknowledgement")
public class AlertsResource {

    private final Pool pool;
    private final AlertEngine engine;
    private final AlertPublisher publisher;
    private final Dispatcher dispatcher;
    private final Caller caller;

    public AlertsResource(Pool pool, AlertEngine engine, AlertPublisher publisher, Dispatcher dispatcher, Caller caller) {
        this.pool = pool;
        this.engine = engine;
        this.publisher = publisher;
        this.dispatcher = dispatcher;
        this.caller = caller;
    }

    /** Body of an acknowledgement. */
    public record Ack(String comment) {
    }

    @GET
    @RolesAllowed({"admin", "committee", "project-owner", "analyst"})
    @Operation(summary = "Alert instances, newest change first, filtered by project, state (OK, PENDING, FIRING, "
            + "RESOLVED, NO_DATA, ACKNOWLEDGED) and KPI")
    public Uni<List<AlertRow>> list(@QueryParam("project") String project, @QueryParam("state") String state,
                                    @QueryParam("kpi") String kpi, @QueryParam("limit") Integer limit) {
        String st = null;
        if (state != null && !state.isBlank()) {
            try {
                st = AlertState.valueOf(state.trim().toUpperCase(Locale.ROOT)).name();
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid(List.of(new Problem.FieldError("state",
                        "unknown state '" + state + "', expected one of OK, PENDING, FIRING, RESOLVED, NO_DATA, ACKNOWLEDGED")));
            }
        }
        int max = limit == null ? 500 : limit;
        if (max < 1 || max > 5000) {
            throw ProblemException.invalid(List.of(new Problem.FieldError("limit", "must be between 1 and 5000")));
        }
        return pool.preparedQuery("""
                        select * from alert where ($1::text is null or project = $1) and ($2::text is null or state = $2)
                          and ($3::text is null or kpi = $3) order by updated_at desc limit $4""")
                .execute(Tuple.of(blankToNull(project), st, blankToNull(kpi), max))
                .map(AlertsResource::alerts);
    }

    @GET
    @RolesAllowed({"admin", "committee", "project-owner", "analyst"})
    @Path("/dead-letters")
    @Operation(summary = "KPI values and definitions that could never be applied, with reason, partition and offset")
    public Uni<List<Map<String, Object>>> deadLetters(@QueryParam("limit") Integer limit) {
        int max = limit == null ? 200 : Math.max(1, Math.min(limit, 5000));
        return pool.preparedQuery("select * from dead_letter order by id desc limit $1").execute(Tuple.of(max))
                .map(rows -> {
                    List<Map<String, Object>> l = new ArrayList<>();
                    for (Row r : rows) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("id", r.getLong("id"));
                        m.put("topic", r.getString("topic"));
                        m.put("partition", r.getInteger("partition"));
                        m.put("offset", r.getLong("offset"));
                        m.put("key", r.getString("key"));
                        m.put("reason", r.getString("reason"));
                        m.put("payload", r.getString("payload"));
                        m.put("at", AlertRow.instant(r, "at"));
                        l.add(m);
                    }
                    return l;
                });
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"admin", "committee", "project-owner", "analyst"})
    @Operation(summary = "One alert instance")
    public Uni<AlertRow> one(@PathParam("id") String id) {
        return find(id);
    }

    @GET
    @Path("/{id}/history")
    @RolesAllowed({"admin", "committee", "project-owner", "analyst"})
    @Operation(summary = "Every state change of an alert and every notification about it, oldest first")
    public Uni<Map<String, Object>> history(@PathParam("id") String id) {
        return find(id).chain(alert -> pool.preparedQuery("select * from alert_transition where alert_id = $1 order by id")
                .execute(Tuple.of(id))
                .chain(transitions -> pool.preparedQuery("select * from notification where alert_id = $1 order by id")
                        .execute(Tuple.of(id))
                        .map(notifications -> {
                            List<Map<String, Object>> ts = new ArrayList<>();
                            for (Row r : transitions) {
                                Map<String, Object> t = new LinkedHashMap<>();
                                t.put("id", r.getLong("id"));
                                t.put("episode", r.getInteger("episode"));
                                t.put("from", r.getString("from_state"));
                                t.put("to", r.getString("to_state"));
                                t.put("severity", r.getString("severity"));
                                t.put("value", r.getDouble("value"));
                                t.put("threshold", r.getDouble("threshold"));
                                t.put("granularity", r.getString("granularity"));
                                t.put("periodStart", r.getLocalDate("period_start"));
                                t.put("periodEnd", r.getLocalDate("period_end"));
                                t.put("historical", r.getBoolean("historical"));
                                t.put("flapping", r.getBoolean("flapping"));
                                t.put("at", AlertRow.instant(r, "at"));
                                t.put("by", r.getString("by_user"));
                                t.put("comment", r.getString("comment"));
                                t.put("publishedAt", AlertRow.instant(r, "published_at"));
                                ts.add(t);
                            }
                            List<Map<String, Object>> ns = new ArrayList<>();
                            for (Row r : notifications) {
                                ns.add(NotificationsResource.view(r));
                            }
                            Map<String, Object> h = new LinkedHashMap<>();
                            h.put("alert", alert);
                            h.put("transitions", ts);
                            h.put("notifications", ns);
                            return h;
                        })));
    }

    @POST
    @Path("/{id}/ack")
    @RolesAllowed({"admin", "project-owner"})
    @Operation(summary = "Acknowledge a firing or no-data alert: repeats stop, the alert stays visible. "
            + "An owner acknowledges only alerts of projects they own")
    public Uni<AlertRow> acknowledge(@PathParam("id") String id, Ack body) {
        String comment = body == null ? null : body.comment();
        if (comment != null && comment.length() > 2000) {
            throw ProblemException.invalid(List.of(new Problem.FieldError("comment", "is longer than 2000 characters")));
        }
        return find(id)
                .invoke(alert -> caller.mayManage(alert.project(), "acknowledge its alerts"))
                .chain(alert -> engine.acknowledge(alert, caller.name(), comment))
                .onFailure(IllegalAlertTransition.class).transform(e -> ProblemException.conflict(e.getMessage()))
                .chain(outcome -> publisher.publish(outcome.transitions()))
                .chain(() -> find(id));
    }

    private Uni<AlertRow> find(String id) {
        return pool.preparedQuery("select * from alert where id = $1").execute(Tuple.of(id))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw ProblemException.notFound("alert " + id);
                    }
                    return AlertRow.from(rows.iterator().next());
                });
    }

    static List<AlertRow> alerts(Iterable<Row> rows) {
        List<AlertRow> l = new ArrayList<>();
        rows.forEach(r -> l.add(AlertRow.from(r)));
        return l;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static Instant now() {
        return Instant.now();
    }
}
