package io.pilotage.governance.review;

import io.pilotage.governance.lesson.Lesson;
import io.pilotage.governance.lesson.LessonStore;
import io.pilotage.governance.rest.ApiException;
import io.pilotage.governance.rest.PageRequest;
import io.pilotage.governance.security.Caller;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * Committee reviews (DESIGN §5.3): created with a scorecard snapshot frozen from the KPI engine,
 * then decisions and actions are added. Exported as JSON, CSV and a printable HTML pack that
 * lists the lessons learned linked to its red KPIs.
 */
@Path("/reviews")
@Tag(name = "committees and reviews")
@RolesAllowed({"admin", "committee", "project-owner", "analyst"})
public class ReviewsResource {

    public static final String CSV = "text/csv";

    private final Pool pool;
    private final ReviewStore store;
    private final ReviewService reviews;
    private final LessonStore lessons;
    private final SecurityIdentity identity;
    private final Template pack;

    public ReviewsResource(Pool pool, ReviewStore store, ReviewService reviews, LessonStore lessons, SecurityIdentity identity,
                           @Location("review-pack.html") Template pack) {
        this.pool = pool;
        this.store = store;
        this.reviews = reviews;
        this.lessons = lessons;
        this.identity = identity;
        this.pack = pack;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reviews, newest first, optionally of one committee (paginated)")
    public Uni<Response> list(@QueryParam("committee") String committee, @QueryParam("page") Integer page,
                              @QueryParam("size") Integer size, @Context UriInfo uri) {
        PageRequest p = PageRequest.of(page, size);
        return pool.withConnection(c -> store.reviews(c, committee, p.offset(), p.size())
                .flatMap(items -> store.countReviews(c, committee).map(total -> p.response(items, total, uri))));
    }

    @RolesAllowed({"admin", "committee"})
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Hold a review (committee, admin): freezes every project's scorecard for the period, read from the "
            + "KPI engine; 503/504 and nothing stored if it cannot be read")
    public Uni<Response> create(ReviewRequests.NewReview r, @Context UriInfo uri) {
        if (r == null) {
            throw ApiException.invalid("body", "a JSON review is required");
        }
        String token = identity.getPrincipal() instanceof JsonWebToken jwt ? jwt.getRawToken() : null;
        return reviews.create(Caller.of(identity), r, token)
                .map(saved -> Response.created(URI.create(uri.getPath() + "/" + saved.id())).entity(saved).build());
    }

    @GET
    @Path("/{id}")
    @Produces({MediaType.APPLICATION_JSON, CSV, MediaType.TEXT_HTML})
    @Operation(summary = "A review with its snapshot, decisions and actions: JSON by default, CSV with Accept: text/csv, "
            + "the printable HTML pack with Accept: text/html")
    public Uni<Response> get(@PathParam("id") String id, @Context jakarta.ws.rs.core.HttpHeaders headers) {
        MediaType chosen = MediaType.APPLICATION_JSON_TYPE;
        for (MediaType m : headers.getAcceptableMediaTypes()) {
            if (m.isWildcardType() || m.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                break;
            }
            if (m.isCompatible(MediaType.valueOf(CSV))) {
                chosen = m;
                break;
            }
            if (m.isCompatible(MediaType.TEXT_HTML_TYPE)) {
                chosen = MediaType.TEXT_HTML_TYPE;
                break;
            }
        }
        if (chosen.isCompatible(MediaType.TEXT_HTML_TYPE)) {
            return html(id).map(h -> Response.ok(h, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build());
        }
        if (chosen.isCompatible(MediaType.valueOf(CSV))) {
            return csv(id);
        }
        return review(id).map(r -> Response.ok(r, MediaType.APPLICATION_JSON_TYPE).build());
    }

    private Uni<Review> review(String id) {
        UUID key = uuid(id); // outside the connection: a refused id must not leave a connection behind
        return pool.withConnection(c -> store.review(c, key));
    }

    private Uni<Response> csv(String id) {
        return review(id).map(r -> Response.ok(ReviewExport.csv(r), CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"review-" + r.period() + "-" + r.id() + ".csv\"").build());
    }

    @GET
    @Path("/{id}/export.csv")
    @Produces(CSV)
    @Operation(summary = "A review as CSV")
    public Uni<Response> exportCsv(@PathParam("id") String id) {
        return csv(id);
    }

    private Uni<String> html(String id) {
        UUID key = uuid(id); // outside the connection: a refused id must not leave a connection behind
        return pool.withConnection(c -> store.review(c, key).flatMap(r -> {
            List<String> red = r.redKpis().stream().map(ScorecardKpi::kpi).distinct().toList();
            Uni<List<Lesson>> linked = red.isEmpty() ? Uni.createFrom().item(List.of()) : lessons.list(c, null, null, red, 0, 1000);
            return linked.map(ls -> pack.data("review", r).data("red", r.redKpis()).data("lessons", ls).render());
        }));
    }

    @GET
    @Path("/{id}/pack.html")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The printable review pack: scorecards, red KPIs with their lessons learned, decisions, actions")
    public Uni<String> packHtml(@PathParam("id") String id) {
        return html(id);
    }

    @RolesAllowed({"admin", "committee"})
    @POST
    @Path("/{id}/decisions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a decision (committee, admin)")
    public Uni<Response> decide(@PathParam("id") String id, ReviewRequests.NewDecision d) {
        if (d == null) {
            throw ApiException.invalid("body", "a JSON decision is required");
        }
        return reviews.decide(Caller.of(identity), uuid(id), d).map(saved -> Response.status(201).entity(saved).build());
    }

    @RolesAllowed({"admin", "committee"})
    @POST
    @Path("/{id}/actions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add an action (committee, admin): title, owner, due date, status (default open)")
    public Uni<Response> addAction(@PathParam("id") String id, ReviewRequests.ActionRequest a) {
        if (a == null) {
            throw ApiException.invalid("body", "a JSON action is required");
        }
        return reviews.addAction(Caller.of(identity), uuid(id), a)
                .map(saved -> Response.created(URI.create("/actions/" + saved.id())).entity(saved).build());
    }

    static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("id", "not a UUID");
        }
    }
}
