package io.pilotage.alerting.rest;

import io.pilotage.alerting.silence.Matcher;
import io.pilotage.alerting.silence.Mutes;
import io.pilotage.alerting.silence.Silence;
import io.pilotage.contracts.JsonCodec;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

@Path("/silences")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "silences", description = "Ad hoc silences: matching alerts are not notified until the end; what still "
        + "fires at the end is notified then. A resolved is always sent to those who heard of the problem")
public class SilencesResource {

    private final Pool pool;
    private final Caller caller;

    public SilencesResource(Pool pool, Caller caller) {
        this.pool = pool;
        this.caller = caller;
    }

    /**
     * @param matchers all must match: {@code name} one of project, kpi, severity, rule, source; a
     *                 {@code project} equality matcher is required (the project whose owner silences)
     * @param startsAt default now
     * @param endsAt   required, after startsAt
     */
    public record Body(String id, List<Matcher> matchers, String author, String reason, Instant startsAt,
                       Instant endsAt) {
    }

    static Body view(Silence s) {
        return new Body(s.id(), s.matchers(), s.author(), s.reason(), s.startsAt(), s.endsAt());
    }

    @GET
    @RolesAllowed({"admin", "committee", "project-owner", "analyst"})
    @Operation(summary = "Silences; active=true: only those in force now")
    public Uni<List<Body>> list(@QueryParam("active") boolean active) {
        return pool.preparedQuery("select * from silence where (not $1 or (starts_at <= now() and ends_at > now())) "
                        + "order by created_at desc").execute(Tuple.of(active))
                .map(rows -> {
                    List<Body> l = new ArrayList<>();
                    rows.forEach(r -> l.add(view(Mutes.silence(r))));
                    return l;
                });
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"admin", "committee", "project-owner", "analyst"})
    public Uni<Body> one(@PathParam("id") String id) {
        return find(id).map(SilencesResource::view);
    }

    @POST
    @RolesAllowed({"admin", "project-owner"})
    @Operation(summary = "Create a silence (an owner, for the projects they own); the author is the caller")
    public Uni<Response> create(Body body) {
        Instant now = Instant.now();
        Fields f = new Fields();
        if (body == null) {
            f.fail("body", "a JSON silence is required").check();
        }
        List<Matcher> matchers = validMatchers(body.matchers(), f, "matchers");
        f.require("reason", body.reason()).require("endsAt", body.endsAt());
        Instant start = body.startsAt() == null ? now : body.startsAt();
        if (body.endsAt() != null && !body.endsAt().isAfter(start)) {
            f.fail("endsAt", "must be after startsAt (" + start + ")");
        }
        f.check();
        String project = projectOf(matchers);
        caller.mayManage(project, "silence its alerts");
        Silence s = new Silence("sil-" + UUID.randomUUID(), matchers, caller.name(), body.reason(), start, body.endsAt());
        return pool.preparedQuery("""
                        insert into silence (id, matchers, author, reason, starts_at, ends_at) values ($1, $2, $3, $4, $5, $6)""")
                .execute(Tuple.of(s.id(), new JsonArray(JsonCodec.encodeToString(matchers)), s.author(), s.reason(),
                        s.startsAt().atOffset(ZoneOffset.UTC), s.endsAt().atOffset(ZoneOffset.UTC)))
                .map(rs -> Response.created(URI.create("/silences/" + s.id())).entity(view(s)).build());
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({"admin", "project-owner"})
    @Operation(summary = "Expire a silence now (it stays in the history); what still fires is notified")
    public Uni<Body> expire(@PathParam("id") String id) {
        return find(id).invoke(s -> caller.mayManage(projectOf(s.matchers()), "silence its alerts"))
                .chain(s -> pool.preparedQuery("update silence set ends_at = least(ends_at, now()) where id = $1")
                        .execute(Tuple.of(id)))
                .chain(() -> find(id)).map(SilencesResource::view);
    }

    private Uni<Silence> find(String id) {
        return pool.preparedQuery("select * from silence where id = $1").execute(Tuple.of(id)).map(rows -> {
            if (!rows.iterator().hasNext()) {
                throw ProblemException.notFound("silence " + id);
            }
            return Mutes.silence(rows.iterator().next());
        });
    }

    /** The project an equality matcher names, or null (only admins may silence across projects). */
    static String projectOf(List<Matcher> matchers) {
        return matchers.stream().filter(m -> m.name().equals("project") && !m.regex()).map(Matcher::value)
                .findFirst().orElse(null);
    }

    static List<Matcher> validMatchers(List<Matcher> matchers, Fields f, String field) {
        if (matchers == null || matchers.isEmpty()) {
            f.fail(field, "at least one matcher is required");
            return List.of();
        }
        for (int i = 0; i < matchers.size(); i++) {
            Matcher m = matchers.get(i);
            String at = field + "[" + i + "]";
            if (m == null) {
                f.fail(at, "is null");
                continue;
            }
            if (m.name() == null || !Matcher.NAMES.contains(m.name())) {
                f.fail(at + ".name", "must be one of project, kpi, severity, rule, source");
            }
            if (m.value() == null || m.value().isBlank()) {
                f.fail(at + ".value", "is required");
            } else if (m.regex()) {
                try {
                    Pattern.compile(m.value());
                } catch (PatternSyntaxException e) {
                    f.fail(at + ".value", "is not a valid regular expression: " + e.getDescription());
                }
            }
        }
        return matchers;
    }
}
