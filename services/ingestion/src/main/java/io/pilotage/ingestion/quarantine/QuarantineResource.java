package io.pilotage.ingestion.quarantine;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilotage.contracts.Problem;
import io.pilotage.ingestion.ownership.Ownership;
import io.quarkus.security.identity.SecurityIdentity;
import io.pilotage.contracts.RejectedEvent;
import io.pilotage.ingestion.event.BoundedJsonReader;
import io.pilotage.ingestion.event.EventBodyReader;
import io.pilotage.ingestion.event.EventIntake;
import io.pilotage.ingestion.event.IntakeReport;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The quarantine of rejected events (DESIGN §2.3): list and filter, look at one, save a fixed
 * version, replay it through the same pipeline as a new event, or discard it. Reads for every
 * reading role; fixing, replaying and discarding for {@code admin}, and for a {@code project-owner}
 * on the events of the projects they own only ({@link Ownership}): a fix may not move an event to a
 * project they do not own, and what a replay would publish must name one they own.
 */
@Path("/quarantine")
@Tag(name = "quarantine")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class QuarantineResource {

    private static final Set<String> STATUSES = Set.of("open", "replayed", "discarded");

    private final QuarantineRepository repository;
    private final EventIntake intake;
    private final EventBodyReader reader;

    private final Ownership ownership;
    private final SecurityIdentity identity;

    public QuarantineResource(QuarantineRepository repository, EventIntake intake, EventBodyReader reader,
                              Ownership ownership, SecurityIdentity identity) {
        this.ownership = ownership;
        this.identity = identity;
        this.repository = repository;
        this.intake = intake;
        this.reader = reader;
    }

    @GET
    @RolesAllowed({"admin", "committee", "project-owner", "analyst"})
    @Operation(summary = "Rejected events, newest first; filter by source, status, rule, field, received time; "
            + "page with before=<id of the last row seen>")
    public Uni<Response> list(@QueryParam("source") String source, @QueryParam("status") String status,
                              @QueryParam("rule") String rule, @QueryParam("field") String field,
                              @QueryParam("from") String from, @QueryParam("to") String to,
                              @QueryParam("before") Long before, @QueryParam("limit") @DefaultValue("100") int limit) {
        if (status != null && !STATUSES.contains(status)) {
            return Uni.createFrom().item(bad("status", "must be one of " + STATUSES));
        }
        if (limit < 1 || limit > 1000) {
            return Uni.createFrom().item(bad("limit", "must be between 1 and 1000"));
        }
        Instant fromAt;
        Instant toAt;
        try {
            fromAt = from == null ? null : Instant.parse(from);
            toAt = to == null ? null : Instant.parse(to);
        } catch (DateTimeParseException e) {
            return Uni.createFrom().item(bad(from != null ? "from" : "to", "must be an ISO-8601 instant"));
        }
        return repository.list(source, status, rule, field, fromAt, toAt, before, limit)
                .map(rows -> Response.ok(rows).build());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"admin", "committee", "project-owner", "analyst"})
    @Operation(summary = "One rejected event with its reasons")
    public Uni<Response> get(@PathParam("id") long id) {
        return repository.find(id).map(row -> row == null ? notFound(id) : Response.ok(row).build());
    }

    @PUT
    @Path("/{id}/fix")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "project-owner"})
    @Operation(summary = "Save a corrected canonical event to replay instead of what was received")
    public Uni<Response> fix(@PathParam("id") long id, byte[] body) {
        return repository.find(id).flatMap(row -> {
            if (row == null) {
                return Uni.createFrom().item(notOpen(id));
            }
            Response refused = refused(row.project(), id, "fix its events");
            if (refused != null) {
                return Uni.createFrom().item(refused);
            }
            EventBodyReader.Body parsed = reader.readJson(body);
            if (parsed.batch()) {
                return Uni.createFrom().item(bad("(body)", "must be one canonical event, not an array"));
            }
            JsonNode fixed = parsed.items().getFirst().node();
            // a fix may not move the event to a project the caller does not own (one naming none is refused on replay)
            refused = projectOf(fixed) == null ? null : refused(projectOf(fixed), id, "receive its events");
            if (refused != null) {
                return Uni.createFrom().item(refused);
            }
            return repository.saveFix(id, fixed.toString()).map(saved -> saved == null ? notOpen(id) : Response.ok(saved).build());
        });
    }

    @POST
    @Path("/{id}/replay")
    @RolesAllowed({"admin", "project-owner"})
    @Operation(summary = "Replay the event (its fix if one was saved) through validation, dedupe and publication; "
            + "200 with the outcome, 422 with the reasons if it is still rejected")
    public Uni<Response> replay(@PathParam("id") long id) {
        return repository.find(id).flatMap(row -> {
            if (row == null) {
                return Uni.createFrom().item(notFound(id));
            }
            Response refused = refused(row.project(), id, "replay its events");
            if (refused != null) {
                return Uni.createFrom().item(refused);
            }
            if (!"open".equals(row.status())) {
                return Uni.createFrom().item(notOpen(id));
            }
            String payload = row.fixedPayload() != null ? row.fixedPayload() : row.payload();
            EventBodyReader.Body body;
            try {
                body = reader.readJson(payload == null ? new byte[0] : payload.getBytes(StandardCharsets.UTF_8));
            } catch (BoundedJsonReader.MalformedBodyException | BoundedJsonReader.LimitExceededException e) {
                return Uni.createFrom().item(unprocessable(id, List.of(new Problem.FieldError("payload",
                        "is not a canonical event (" + e.getMessage() + "): save a fix first"))));
            }
            // what is replayed (an admin's fix, say) may name another project: the caller must own it too
            String replayed = body.batch() || body.items().isEmpty() ? null : projectOf(body.items().getFirst().node());
            refused = replayed == null ? null : refused(replayed, id, "receive its events");
            if (refused != null) {
                return Uni.createFrom().item(refused);
            }
            return Uni.createFrom().completionStage(() -> intake.ingestWithoutQuarantine(body))
                    .flatMap(report -> settle(id, report));
        });
    }

    private Uni<Response> settle(long id, IntakeReport report) {
        IntakeReport.ItemResult item = report.items().getFirst();
        if (item.status() == IntakeReport.Status.rejected) {
            List<RejectedEvent.Reason> reasons = item.errors().stream()
                    .map(e -> new RejectedEvent.Reason(e.field(), "replay", e.reason())).toList();
            return repository.recordFailedReplay(id, reasons).map(row -> unprocessable(id, item.errors()));
        }
        return repository.setStatus(id, "replayed")
                .map(row -> Response.ok(Map.of("id", id, "eventId", item.id(), "status", item.status().name())).build());
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({"admin", "project-owner"})
    @Operation(summary = "Discard a rejected event (kept, marked discarded, until the retention purges it)")
    public Uni<Response> discard(@PathParam("id") long id) {
        return repository.find(id).flatMap(row -> {
            if (row == null) {
                return Uni.createFrom().item(notOpen(id));
            }
            Response refused = refused(row.project(), id, "discard its events");
            if (refused != null) {
                return Uni.createFrom().item(refused);
            }
            return repository.setStatus(id, "discarded").map(done -> done == null ? notOpen(id) : Response.ok(done).build());
        });
    }

    /** The 403 when the caller may not act on data of {@code project} (null: of no project, admins only); else null. */
    private Response refused(String project, long id, String what) {
        if (ownership.mayActOn(identity.getPrincipal().getName(), identity.getRoles(), project)) {
            return null;
        }
        return problem(Problem.forStatus(403, project == null
                ? "only an admin may act on quarantined event " + id + ", which names no project"
                : "only an admin or an owner of project '" + project + "' may " + what, "/quarantine/" + id));
    }

    /** The project an event names, or null. */
    private static String projectOf(JsonNode event) {
        return event != null && event.path("project").isTextual() ? event.get("project").asText() : null;
    }

    private static Response bad(String field, String reason) {
        return problem(Problem.invalid(field + " " + reason, "/quarantine", List.of(new Problem.FieldError(field, reason))));
    }

    private static Response notFound(long id) {
        return problem(Problem.forStatus(404, "no quarantined event " + id, "/quarantine/" + id));
    }

    private static Response notOpen(long id) {
        return problem(Problem.forStatus(409, "quarantined event " + id + " does not exist or is no longer open",
                "/quarantine/" + id));
    }

    private static Response unprocessable(long id, List<Problem.FieldError> errors) {
        Problem p = Problem.of("replay-rejected", "Replay rejected", 422, "the event is still rejected: fix it and replay",
                "/quarantine/" + id + "/replay");
        return problem(new Problem(p.type(), p.title(), p.status(), p.detail(), p.instance(), errors, null));
    }

    private static Response problem(Problem p) {
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
    }
}
