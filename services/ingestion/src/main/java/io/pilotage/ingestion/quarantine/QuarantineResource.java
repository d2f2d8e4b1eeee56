package io.pilotage.ingestion.quarantine;

import io.pilotage.contracts.Problem;
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
 * reading role; fixing, replaying and discarding for {@code admin} and {@code project-owner}.
 */
@Path("/quarantine")
@Tag(name = "quarantine")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class QuarantineResource {

    private static final Set<String> STATUSES = Set.of("open", "replayed", "discarded");

    private final QuarantineRepository repository;
    private final EventIntake intake;
    private final EventBodyReader reader;

    public QuarantineResource(QuarantineRepository repository, EventIntake intake, EventBodyReader reader) {
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
        EventBodyReader.Body parsed = reader.readJson(body);
        if (parsed.batch()) {
            return Uni.createFrom().item(bad("(body)", "must be one canonical event, not an array"));
        }
        String fixed = parsed.items().getFirst().node().toString();
        return repository.saveFix(id, fixed).map(row -> row == null ? notOpen(id) : Response.ok(row).build());
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
        return repository.setStatus(id, "discarded").map(row -> row == null ? notOpen(id) : Response.ok(row).build());
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
