package io.pilotage.ingestion.rest;

import io.pilotage.contracts.Problem;
import io.pilotage.ingestion.event.EventBodyReader;
import io.pilotage.ingestion.event.EventIntake;
import io.pilotage.ingestion.event.IntakeReport;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * {@code POST /events}: canonical events from any client holding a token with role {@code ingest}
 * (or {@code admin}). Answers 202 only once every accepted event is acknowledged by Kafka.
 */
@Path("/events")
@Tag(name = "events")
@RolesAllowed({"ingest", "admin"})
public class EventsResource {

    static final String NDJSON = "application/x-ndjson";

    private final EventIntake intake;
    private final EventBodyReader reader;

    public EventsResource(EventIntake intake, EventBodyReader reader) {
        this.intake = intake;
        this.reader = reader;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Ingest one canonical event or a JSON array of them")
    public Uni<Response> postJson(byte[] body) {
        return ingest(reader.readJson(body));
    }

    @POST
    @Consumes(NDJSON)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Ingest canonical events, one JSON object per line")
    public Uni<Response> postNdjson(byte[] body) {
        return ingest(reader.readNdjson(body));
    }

    private Uni<Response> ingest(EventBodyReader.Body body) {
        return Uni.createFrom().completionStage(() -> intake.ingest(body))
                .onFailure(CompletionException.class).transform(Throwable::getCause)
                .map(report -> respond(body, report));
    }

    /**
     * A single event: 202 with its id, or 400 with its failing fields. A batch: 202 with the
     * per-item report when at least one item was accepted, else 400 with every item's errors.
     */
    static Response respond(EventBodyReader.Body body, IntakeReport report) {
        if (report.accepted() == 0 && report.duplicates() == 0) {
            List<Problem.FieldError> errors = report.items().stream().flatMap(i -> i.errors().stream()).toList();
            String detail = body.batch()
                    ? "all " + report.rejected() + " events were rejected"
                    : "the event was rejected: " + errors.size() + " invalid field(s)";
            return ProblemMapper.response(Problem.invalid(detail, "/events", errors));
        }
        if (!body.batch()) {
            IntakeReport.ItemResult only = report.items().getFirst();
            return Response.accepted(Map.of("id", only.id(), "status", only.status().name()))
                    .type(MediaType.APPLICATION_JSON).build();
        }
        return Response.accepted(report).type(MediaType.APPLICATION_JSON).build();
    }
}
