package io.pilotage.console.web;

import io.pilotage.console.ConsoleConfig;
import io.pilotage.console.api.Api;
import io.pilotage.console.api.Governance;
import io.pilotage.console.api.KpiEngine;
import io.pilotage.console.view.Formats;
import io.pilotage.console.view.Status;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The steering committee's reviews: committees and reviews (governance), and a review with its
 * frozen scorecard beside the live one (the engine's scorecard of the same period), its decisions
 * and actions. The review page is the printable pack: printing leaves out the navigation and forms.
 */
@Path("/reviews")
@Authenticated
public class ReviewsPage {

    private final Viewer viewer;
    private final io.pilotage.console.api.Governance governance;
    private final io.pilotage.console.api.KpiEngine engine;
    private final io.pilotage.console.ConsoleConfig config;

    public ReviewsPage(Viewer viewer, Backends backends) {
        this.viewer = viewer;
        this.engine = backends.engine();
        this.governance = backends.governance();
        this.config = backends.config();
    }

    @io.quarkus.qute.TemplateData
    public record ReviewLine(String id, String committee, String kind, String period, String heldOn, int decisions, int actions,
                             long overdue) {
    }

    /** A KPI of a review: as frozen, and as it reads now. */
    @io.quarkus.qute.TemplateData
    public record Compared(String project, String kpi, String name, String frozen, Status frozenStatus, String live, Status liveStatus,
                           boolean changed) {
    }

    @io.quarkus.qute.TemplateData
    public record ActionLine(String title, String owner, String due, String status, boolean overdue) {
    }

    @GET
    @Produces(Html.TYPE)
    public Uni<Response> list() {
        String bearer = viewer.bearer();
        Formats f = viewer.formats();
        return Uni.combine().all().unis(governance.committees(bearer, 100), governance.reviews(bearer, 100)).asTuple().chain(t -> {
            List<ReviewLine> reviews = t.getItem2().stream().map(r -> new ReviewLine(r.id(), r.committee(), r.kind(), r.period(),
                    r.heldOn() == null ? f.dateTime(r.createdAt()) : f.date(r.heldOn()),
                    r.decisions() == null ? 0 : r.decisions().size(), r.actions() == null ? 0 : r.actions().size(),
                    r.actions() == null ? 0 : r.actions().stream().filter(Api.Action::overdue).count())).toList();
            Locale locale = viewer.locale();
            Page page = Page.of(viewer, Messages.of(locale).nav_reviews(), "reviews", 0, config.zone().getId());
            return Html.page(Templates.reviews(page, t.getItem1(), reviews), locale);
        });
    }

    @GET
    @Path("{id}")
    @Produces(Html.TYPE)
    public Uni<Response> review(@PathParam("id") String id) {
        String bearer = viewer.bearer();
        Formats f = viewer.formats();
        return governance.review(bearer, id).chain(r -> {
            List<String> projects = r.snapshot() == null ? List.of() : r.snapshot().stream().map(Api.ProjectSnapshot::project).toList();
            List<Uni<Api.Scorecard>> live = projects.stream()
                    .map(p -> engine.scorecard(bearer, p, r.period()).onFailure().recoverWithNull()).toList();
            Uni<List<?>> all = live.isEmpty() ? Uni.createFrom().item(List.of()) : Uni.combine().all().unis(live).with(l -> (List<?>) l);
            return all.chain(cards -> {
                Map<String, Api.Line> now = new HashMap<>();
                for (Object o : cards) {
                    if (o instanceof Api.Scorecard c) {
                        c.kpis().forEach(l -> now.put(l.key(), l));
                    }
                }
                List<Compared> compared = new ArrayList<>();
                for (Api.ProjectSnapshot snap : r.snapshot() == null ? List.<Api.ProjectSnapshot>of() : r.snapshot()) {
                    for (Api.SnapshotKpi k : snap.kpis()) {
                        Api.Line l = now.get(k.kpi());
                        Status frozen = Status.of(k.status());
                        Status current = Status.of(l == null || l.current() == null ? null : l.current().status());
                        compared.add(new Compared(snap.project(), k.kpi(), k.name() == null ? k.kpi() : k.name(), f.number(k.value(), k.unit()),
                                frozen, l == null || l.current() == null ? "—" : f.number(l.current().value(), k.unit()), current,
                                !frozen.code().equals(current.code())));
                    }
                }
                List<ActionLine> actions = r.actions() == null ? List.of() : r.actions().stream()
                        .map(a -> new ActionLine(a.title(), a.owner(), f.date(a.dueDate()), a.status(), a.overdue())).toList();
                Locale locale = viewer.locale();
                Page page = Page.of(viewer, r.committee() + " " + r.period(), "reviews", 0, config.zone().getId());
                return Html.page(Templates.review(page, r, r.heldOn() == null ? f.dateTime(r.createdAt()) : f.date(r.heldOn()),
                        compared, r.decisions() == null ? List.of() : r.decisions(), actions), locale);
            });
        });
    }
}
