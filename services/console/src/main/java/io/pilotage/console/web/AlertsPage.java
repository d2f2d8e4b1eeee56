package io.pilotage.console.web;

import io.pilotage.console.ConsoleConfig;
import io.pilotage.console.api.Alerting;
import io.pilotage.console.api.Api;
import io.pilotage.console.api.Governance;
import io.pilotage.console.view.AlertView;
import io.pilotage.console.view.BadParameter;
import io.pilotage.console.view.Formats;
import io.pilotage.console.view.Silences;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The alerts: the list with filters, acknowledge with a comment and silence for a duration (offered
 * to admins and the owners of the alert's project; alerting decides), an alert's history, and the
 * notification log (sent to whom, when, with what outcome).
 */
@Path("/alerts")
@Authenticated
public class AlertsPage {

    private final Viewer viewer;
    private final io.pilotage.console.api.Alerting alerting;
    private final io.pilotage.console.api.Governance governance;
    private final io.pilotage.console.ConsoleConfig config;

    public AlertsPage(Viewer viewer, Backends backends) {
        this.viewer = viewer;
        this.alerting = backends.alerting();
        this.governance = backends.governance();
        this.config = backends.config();
    }

    /** A line of the notification log, with where it went. */
    @io.quarkus.qute.TemplateData
    public record LogLine(long id, String alertId, String project, String kind, String status, Integer attempts,
                          String createdAt, String sentAt, String channel, String target, String error) {
    }

    @GET
    @Produces(Html.TYPE)
    public Uni<Response> list(@QueryParam("project") String project, @QueryParam("state") String state,
                              @QueryParam("kpi") String kpi, @QueryParam("done") String done) {
        String st = blank(state) ? null : state.trim().toUpperCase(Locale.ROOT);
        if (st != null && !AlertView.STATES.contains(st)) {
            throw new BadParameter("state", state, "one of " + String.join(", ", AlertView.STATES.stream().sorted().toList()));
        }
        String bearer = viewer.bearer();
        String pj = blank(project) ? null : project.trim();
        String k = blank(kpi) ? null : kpi.trim();
        Formats f = viewer.formats();
        Uni<List<Api.Alert>> alerts = alerting.alerts(bearer, pj, st, k, 200);
        Uni<List<Api.Project>> projects = governance.projects(bearer, 500).onFailure().recoverWithItem(List.of());
        Uni<List<Api.Notification>> log = alerting.notifications(bearer, pj, 50).onFailure().recoverWithItem(List.of());
        Uni<List<Api.Subscription>> subs = alerting.subscriptions(bearer).onFailure().recoverWithItem(List.of());
        return Uni.combine().all().unis(alerts, projects, log, subs).asTuple().chain(t -> {
            List<AlertView> views = t.getItem1().stream().map(a -> AlertView.of(a, f, viewer.mayManage(a.project(), t.getItem2())))
                    .toList();
            List<LogLine> lines = logLines(t.getItem3(), t.getItem4(), f);
            Locale locale = viewer.locale();
            Page page = Page.of(viewer, Messages.of(locale).alerts_title(), "alerts", config.refreshSeconds(), config.zone().getId());
            List<String> projectKeys = t.getItem2().stream().map(Api.Project::key).sorted().toList();
            return Html.page(Templates.alerts(page, views, lines, projectKeys, pj == null ? "" : pj, st == null ? "" : st,
                    k == null ? "" : k, AlertView.STATES.stream().sorted().toList(), done == null ? "" : done), locale);
        });
    }

    static List<LogLine> logLines(List<Api.Notification> log, List<Api.Subscription> subs, Formats f) {
        Map<String, Api.Subscription> byId = new HashMap<>();
        subs.forEach(s -> byId.put(s.id(), s));
        return log.stream().map(n -> {
            Api.Subscription s = n.subscription() == null ? null : byId.get(n.subscription());
            return new LogLine(n.id(), n.alertId(), n.project(), n.kind(), n.status(), n.attempts(), f.dateTime(n.createdAt()),
                    n.sentAt() == null ? "—" : f.dateTime(n.sentAt()), s == null ? "" : s.channel(),
                    s == null ? n.subscription() : s.target(), n.lastError());
        }).toList();
    }

    @GET
    @Path("{id}")
    @Produces(Html.TYPE)
    public Uni<Response> history(@PathParam("id") String id) {
        String bearer = viewer.bearer();
        Formats f = viewer.formats();
        return Uni.combine().all().unis(alerting.history(bearer, id),
                        governance.projects(bearer, 500).onFailure().recoverWithItem(List.of()),
                        alerting.subscriptions(bearer).onFailure().recoverWithItem(List.of())).asTuple()
                .chain(t -> {
                    Api.AlertHistory h = t.getItem1();
                    AlertView alert = AlertView.of(h.alert(), f, viewer.mayManage(h.alert().project(), t.getItem2()));
                    List<TransitionLine> transitions = h.transitions() == null ? List.of() : h.transitions().stream()
                            .map(x -> new TransitionLine(f.dateTime(x.at()), x.from(), x.to(), x.severity(), f.plain(x.value()),
                                    f.plain(x.threshold()), x.periodStart() == null ? "" : f.date(x.periodStart()),
                                    x.by() == null ? "" : x.by(), x.comment() == null ? "" : x.comment(),
                                    Boolean.TRUE.equals(x.historical()), Boolean.TRUE.equals(x.flapping())))
                            .toList();
                    List<LogLine> lines = logLines(h.notifications() == null ? List.of() : h.notifications(), t.getItem3(), f);
                    Locale locale = viewer.locale();
                    Page page = Page.of(viewer, h.alert().kpi(), "alerts", 0, config.zone().getId());
                    return Html.page(Templates.alert(page, alert, List.of(alert), transitions, lines), locale);
                });
    }

    /**
     * @param historical a value of a period that closed before the one the alert follows (a history
     *                   import, a late event): recorded, never notified, not a change of the alert's state
     * @param flapping   the alert was flapping then (its notifications were held back)
     */
    public record TransitionLine(String at, String from, String to, String severity, String value, String threshold,
                                 String period, String by, String comment, boolean historical, boolean flapping) {
    }

    @POST
    @Path("{id}/ack")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> acknowledge(@PathParam("id") String id, @FormParam("_csrf") String csrf,
                                     @FormParam("comment") String comment, @FormParam("back") String back) {
        viewer.requireCsrf(csrf);
        if (comment != null && comment.length() > 2000) {
            throw new BadParameter("comment", comment.substring(0, 40) + "…", "at most 2000 characters");
        }
        Map<String, Object> body = new HashMap<>();
        body.put("comment", blank(comment) ? null : comment.trim());
        return alerting.acknowledge(viewer.bearer(), id, body).map(a -> Html.seeOther(backTo(back, "acked")));
    }

    @POST
    @Path("{id}/silence")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> silence(@PathParam("id") String id, @FormParam("_csrf") String csrf,
                                 @FormParam("duration") String duration, @FormParam("reason") String reason,
                                 @FormParam("back") String back) {
        viewer.requireCsrf(csrf);
        java.time.Duration d = Silences.duration(duration);
        String bearer = viewer.bearer();
        return alerting.history(bearer, id)
                .chain(h -> alerting.silence(bearer, Silences.body(h.alert().project(), h.alert().kpi(),
                        blank(reason) ? "silenced from the console by " + viewer.name() : reason, viewer.now(), d)))
                .map(s -> Html.seeOther(backTo(back, "silenced")));
    }

    /** Back to the page the form was on (a console page only), saying what was done. */
    static String backTo(String back, String done) {
        String target = back != null && back.startsWith("/console/") && !back.startsWith("//") && !back.contains("\\")
                && !back.contains("\r") && !back.contains("\n") ? back : "/console/alerts";
        target = target.replaceAll("([?&])done=[^&]*&?", "$1").replaceAll("[?&]$", "");
        return target + (target.contains("?") ? "&" : "?") + "done=" + done;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
