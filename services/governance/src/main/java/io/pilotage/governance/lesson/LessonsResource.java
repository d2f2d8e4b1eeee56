package io.pilotage.governance.lesson;

import io.pilotage.contracts.Problem.FieldError;
import io.pilotage.governance.rest.ApiException;
import io.pilotage.governance.rest.PageRequest;
import io.pilotage.governance.security.Caller;
import io.pilotage.governance.security.GovernancePolicy;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** The lessons-learned register (DESIGN §5.7): everyone reads, the committee and admins write. */
@Path("/lessons")
@Tag(name = "lessons learned")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"admin", "committee", "project-owner", "analyst"})
public class LessonsResource {

    private final Pool pool;
    private final LessonStore lessons;
    private final SecurityIdentity identity;

    public LessonsResource(Pool pool, LessonStore lessons, SecurityIdentity identity) {
        this.pool = pool;
        this.lessons = lessons;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "Lessons, by id, filtered by tag, project and/or kpi (paginated)")
    public Uni<Response> list(@QueryParam("tag") String tag, @QueryParam("project") String project, @QueryParam("kpi") String kpi,
                              @QueryParam("page") Integer page, @QueryParam("size") Integer size, @Context UriInfo uri) {
        PageRequest p = PageRequest.of(page, size);
        List<String> kpis = kpi == null ? null : List.of(kpi);
        return pool.withConnection(c -> lessons.list(c, tag, project, kpis, p.offset(), p.size())
                .flatMap(items -> lessons.count(c, tag, project, kpis).map(total -> p.response(items, total, uri))));
    }

    @GET
    @Path("/{id}")
    public Uni<Lesson> get(@PathParam("id") String id) {
        return pool.withConnection(c -> lessons.get(c, id));
    }

    @RolesAllowed({"admin", "committee"})
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a lesson (committee, admin)")
    public Uni<Response> create(Lesson l, @Context UriInfo uri) {
        Caller caller = Caller.of(identity);
        GovernancePolicy.requireCommittee(caller);
        validate(l, true);
        return pool.withTransaction(c -> lessons.insert(c, l, caller.username()))
                .map(saved -> Response.created(URI.create(uri.getPath() + "/" + saved.id())).entity(saved).build());
    }

    @RolesAllowed({"admin", "committee"})
    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a lesson (committee, admin); `version` is the version edited (409 if stale)")
    public Uni<Lesson> replace(@PathParam("id") String id, Lesson l) {
        Caller caller = Caller.of(identity);
        GovernancePolicy.requireCommittee(caller);
        validate(l, false);
        return pool.withTransaction(c -> lessons.get(c, id).flatMap(before -> lessons.update(c, before, l, caller.username())));
    }

    private static void validate(Lesson l, boolean creating) {
        if (l == null) {
            throw ApiException.invalid("body", "a JSON lesson is required");
        }
        List<FieldError> e = new ArrayList<>();
        if (creating) {
            io.pilotage.governance.rest.FieldChecks.key(e, "id", l.id());
        }
        if (!creating && l.version() == null) {
            e.add(new FieldError("version", "required: the version you edited (optimistic locking)"));
        }
        text(e, "title", l.title());
        text(e, "cause", l.cause());
        text(e, "lesson", l.lesson());
        text(e, "goodPractice", l.goodPractice());
        list(e, "tags", l.tags());
        list(e, "projects", l.projects());
        list(e, "kpis", l.kpis());
        if (!e.isEmpty()) {
            throw ApiException.invalid(e);
        }
    }

    private static void text(List<FieldError> e, String field, String v) {
        io.pilotage.governance.rest.FieldChecks.text(e, field, v, 4000);
    }

    private static void list(List<FieldError> e, String field, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null || !values.get(i).matches("^[a-z0-9][a-z0-9._-]{0,99}$")) {
                e.add(new FieldError(field + "[" + i + "]", "must be a lower-case key"));
            }
        }
    }
}
