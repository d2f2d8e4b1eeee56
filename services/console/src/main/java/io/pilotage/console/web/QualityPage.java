package io.pilotage.console.web;

import io.pilotage.console.ConsoleConfig;
import io.pilotage.console.api.Api;
import io.pilotage.console.api.Governance;
import io.pilotage.console.api.Ingestion;
import io.pilotage.console.view.BadParameter;
import io.pilotage.console.view.Formats;
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

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Data quality: each source's counters (ingestion) and pass rate and failures by rule (governance),
 * and the quarantine (ingestion) with fix, replay and discard, offered to admins and the owners of
 * the event's project; ingestion decides.
 */
@Path("/quality")
@Authenticated
public class QualityPage {

    private final Viewer viewer;
    private final io.pilotage.console.api.Ingestion ingestion;
    private final io.pilotage.console.api.Governance governance;
    private final io.pilotage.console.ConsoleConfig config;

    public QualityPage(Viewer viewer, Backends backends) {
        this.viewer = viewer;
        this.governance = backends.governance();
        this.ingestion = backends.ingestion();
        this.config = backends.config();
    }

    @io.quarkus.qute.TemplateData
    public record SourceLine(String source, String project, String received, String accepted, String rejected, String passRate,
                             String lastEventAt, boolean silent, List<String> failures) {
    }

    @io.quarkus.qute.TemplateData
    public record QuarantineLine(long id, String source, String project, String eventId, String receivedAt, String reasons,
                                 String payload, String status, boolean manageable) {
    }

    @GET
    @Produces(Html.TYPE)
    public Uni<Response> page(@QueryParam("status") String status, @QueryParam("done") String done) {
        String st = status == null || status.isBlank() ? "open" : status.trim();
        if (!List.of("open", "replayed", "discarded").contains(st)) {
            throw new BadParameter("status", status, "one of open, replayed, discarded");
        }
        String bearer = viewer.bearer();
        Formats f = viewer.formats();
        Uni<List<Api.Source>> sources = governance.sources(bearer, 500).onFailure().recoverWithItem(List.of());
        Uni<List<Api.SourceStats>> stats = ingestion.stats(bearer).onFailure().recoverWithItem(List.of());
        Uni<List<Api.Quarantined>> quarantine = ingestion.quarantine(bearer, st, null, 100);
        Uni<List<Api.Project>> projects = governance.projects(bearer, 500).onFailure().recoverWithItem(List.of());
        return Uni.combine().all().unis(sources, stats, quarantine, projects).asTuple().chain(t -> {
            List<Api.Source> known = t.getItem1();
            Uni<List<Object>> qualities = known.isEmpty() ? Uni.createFrom().item(List.of())
                    : Uni.combine().all().unis(known.stream().map(s -> governance.quality(bearer, s.id())
                            .onFailure().recoverWithNull()).toList()).with(l -> new ArrayList<Object>(l));
            return qualities.chain(q -> {
                Map<String, Api.SourceQuality> byId = new HashMap<>();
                q.forEach(o -> {
                    if (o instanceof Api.SourceQuality sq) {
                        byId.put(sq.source(), sq);
                    }
                });
                Map<String, String> projectOf = new HashMap<>();
                known.forEach(s -> projectOf.put(s.id(), s.project()));
                List<SourceLine> lines = new ArrayList<>();
                for (Api.SourceStats s : t.getItem2()) {
                    Api.SourceQuality sq = byId.get(s.source());
                    Double rate = s.received() == 0 ? null : 100.0 * (s.received() - s.rejected()) / s.received();
                    List<String> failures = sq == null || sq.byRule() == null ? List.of()
                            : sq.byRule().stream().map(r -> r.rule() + (r.field() == null ? "" : " (" + r.field() + ")") + " × " + r.failed())
                                    .toList();
                    lines.add(new SourceLine(s.source(), projectOf.getOrDefault(s.source(), ""), f.plain((double) s.received()),
                            f.plain((double) s.accepted()), f.plain((double) s.rejected()), f.number(rate, "%"),
                            f.dateTime(s.lastEventAt()), s.silent(), failures));
                }
                List<QuarantineLine> rows = t.getItem3().stream().map(e -> new QuarantineLine(e.id(), e.source(), e.project(),
                        e.eventId(), f.dateTime(e.receivedAt()), e.reasons() == null ? "" : String.join("; ",
                        e.reasons().stream().map(r -> (r.field() == null ? "" : r.field() + ": ") + r.message()).toList()),
                        e.fixedPayload() != null ? e.fixedPayload() : e.payload(), e.status(),
                        "open".equals(e.status()) && viewer.mayManage(e.project(), t.getItem4()))).toList();
                Locale locale = viewer.locale();
                Page page = Page.of(viewer, Messages.of(locale).nav_quality(), "quality", 0, config.zone().getId());
                return Html.page(Templates.quality(page, lines, rows, st, done == null ? "" : done), locale);
            });
        });
    }

    @POST
    @Path("quarantine/{id}/{action}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> act(@PathParam("id") long id, @PathParam("action") String action, @FormParam("_csrf") String csrf,
                             @FormParam("event") String event) {
        viewer.requireCsrf(csrf);
        String bearer = viewer.bearer();
        Uni<Response> call = switch (action) {
            case "replay" -> ingestion.replay(bearer, id);
            case "discard" -> ingestion.discard(bearer, id);
            case "fix" -> {
                if (event == null || event.isBlank()) {
                    throw new BadParameter("event", "", "the corrected event, as one canonical JSON object");
                }
                yield ingestion.fix(bearer, id, event.trim());
            }
            default -> throw new jakarta.ws.rs.NotFoundException();
        };
        return call.map(r -> Html.seeOther("/console/quality?done=" + action));
    }
}
