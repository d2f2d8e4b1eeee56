package io.pilotage.ingestion.rest;

import io.pilotage.contracts.Problem;
import io.pilotage.ingestion.event.EventBodyReader;
import io.pilotage.ingestion.event.EventIntake;
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
        return IntakeResponses.run(() -> intake.ingest(body))
                .map(report -> IntakeResponses.respond(body, report, "/events"));
    }
}
