package io.pilotage.ingestion.rest;

import io.pilotage.contracts.Problem;
import io.pilotage.ingestion.backfill.Backfill;
import io.pilotage.ingestion.backfill.BackfillAudit;
import io.quarkus.security.identity.SecurityIdentity;
import io.pilotage.ingestion.event.BoundedJsonReader;
import io.pilotage.ingestion.event.CloudEventsMapper;
import io.pilotage.ingestion.event.CsvEventReader;
import io.pilotage.ingestion.event.EventBodyReader;
import io.pilotage.ingestion.event.EventBodyReader.Body;
import io.pilotage.ingestion.event.EventIntake;
import io.pilotage.ingestion.event.IntakeReport;
import io.pilotage.ingestion.ratelimit.SourceRateLimiter;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /events}: canonical events from any client holding a token with role {@code ingest}
 * (or {@code admin}), as one JSON event, a JSON array, NDJSON, or CloudEvents (structured and
 * batch); {@code POST /events/csv} for CSV imports (also analysts). Answers 202 only once every
 * accepted event is acknowledged by Kafka. {@code ?backfill=true} on either makes the request a
 * history import, for {@code admin} only, audited ({@link BackfillAudit}).
 */
@Path("/events")
@Tag(name = "events")
@RolesAllowed({"ingest", "admin"})
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class EventsResource {

    static final String NDJSON = "application/x-ndjson";
    private static final String BACKFILL = "true: a history import (admin only): the sources' accepted lateness and "
            + "max_lateness rules lifted, audited";

    private final EventIntake intake;
    private final EventBodyReader reader;
    private final CloudEventsMapper cloudEvents;
    private final CsvEventReader csv;
    private final SourceRateLimiter rateLimiter;
    private final BackfillAudit backfills;
    private final SecurityIdentity identity;

    public EventsResource(EventIntake intake, EventBodyReader reader, SourceRateLimiter rateLimiter,
                          BackfillAudit backfills, SecurityIdentity identity) {
        this.backfills = backfills;
        this.identity = identity;
        this.intake = intake;
        this.reader = reader;
        this.cloudEvents = new CloudEventsMapper(reader.json());
        this.csv = new CsvEventReader(reader.json().limits());
        this.rateLimiter = rateLimiter;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ingest one canonical event or a JSON array of them")
    public Uni<Response> postJson(@Parameter(description = BACKFILL) @QueryParam(Backfill.PARAMETER) String backfill,
                                  byte[] body) {
        return ingest(backfill, () -> reader.readJson(body));
    }

    @POST
    @Consumes(NDJSON)
    @Operation(summary = "Ingest canonical events, one JSON object per line")
    public Uni<Response> postNdjson(@Parameter(description = BACKFILL) @QueryParam(Backfill.PARAMETER) String backfill,
                                    byte[] body) {
        return ingest(backfill, () -> reader.readNdjson(body));
    }

    @POST
    @Consumes(CloudEventsMapper.STRUCTURED)
    @Operation(summary = "Ingest one CloudEvent (structured JSON mode)")
    public Uni<Response> postCloudEvent(@Parameter(description = BACKFILL) @QueryParam(Backfill.PARAMETER) String backfill,
                                        byte[] body) {
        return ingest(backfill, () -> {
            Body raw = reader.readJson(body);
            if (raw.batch()) {
                throw new BoundedJsonReader.MalformedBodyException(
                        "an array of CloudEvents is a batch: send it as " + CloudEventsMapper.BATCH);
            }
            return new Body(false, List.of(cloudEvents.map(raw.items().getFirst().node())));
        });
    }

    @POST
    @Consumes(CloudEventsMapper.BATCH)
    @Operation(summary = "Ingest a batch of CloudEvents (a JSON array in structured mode)")
    public Uni<Response> postCloudEventBatch(@Parameter(description = BACKFILL) @QueryParam(Backfill.PARAMETER)
                                             String backfill, byte[] body) {
        return ingest(backfill, () -> {
            Body raw = reader.readJson(body);
            if (!raw.batch()) {
                throw new BoundedJsonReader.MalformedBodyException("a CloudEvents batch is a JSON array");
            }
            return new Body(true, raw.items().stream().map(i -> cloudEvents.map(i.node())).toList());
        });
    }

    @POST
    @Path("/csv")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @RolesAllowed({"ingest", "analyst", "admin"})
    @Operation(summary = "Import canonical events from CSV with a header row; per-line status with line numbers")
    public Uni<Response> postCsv(
            @Parameter(description = "column:field, e.g. invoice_no:id or devise:attributes.currency (repeatable); "
                    + "columns named like a canonical field map to it without this") @QueryParam("map") List<String> map,
            @Parameter(description = "field:value set on every line, e.g. source:erp-export or project:erp (repeatable)")
            @QueryParam("set") List<String> set,
            @Parameter(description = BACKFILL) @QueryParam(Backfill.PARAMETER) String backfill,
            byte[] body) {
        Response refused = refusedImport(backfill, "/events/csv");
        if (refused != null) {
            return Uni.createFrom().item(refused);
        }
        boolean history = Backfill.requested(backfill);
        Map<String, String> columnToField = pairs(map, "map");
        Map<String, String> constants = pairs(set, "set");
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CsvEventReader.Lines lines = csv.read(new InputStreamReader(new java.io.ByteArrayInputStream(body), decoder),
                columnToField, constants);
        return limited(lines.body()).orElse(() -> IntakeResponses.run(() -> history
                        ? backfills.importHistory(lines.body(), null, identity.getPrincipal().getName(), "/events/csv")
                        : intake.ingest(lines.body()))
                .map(report -> csvAnswer(report, lines.lineNumbers())));
    }

    private static Map<String, String> pairs(List<String> values, String parameter) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String v : values == null ? List.<String>of() : values) {
            int colon = v.indexOf(':');
            if (colon <= 0 || colon == v.length() - 1) {
                throw new BoundedJsonReader.MalformedBodyException(parameter + " must be name:value, got '" + v + "'");
            }
            out.put(v.substring(0, colon), v.substring(colon + 1));
        }
        return out;
    }

    /** One CSV line's outcome. */
    public record CsvLine(long line, String id, IntakeReport.Status status, List<Problem.FieldError> errors) {
    }

    /** The CSV answer: counts and every line's status, errors named {@code line N.field}. */
    public record CsvReport(int accepted, int duplicates, int rejected, List<CsvLine> lines) {
    }

    private static Response csvAnswer(IntakeReport report, List<Long> lineNumbers) {
        List<CsvLine> lines = new ArrayList<>(report.items().size());
        for (IntakeReport.ItemResult item : report.items()) {
            long line = lineNumbers.get(item.index());
            List<Problem.FieldError> errors = item.errors() == null ? List.of() : item.errors().stream()
                    .map(e -> new Problem.FieldError(e.field().replaceFirst("^\\[" + item.index() + "]\\.?",
                            "line " + line + (e.field().equals("[" + item.index() + "]") ? "" : ".")), e.reason()))
                    .toList();
            lines.add(new CsvLine(line, item.id(), item.status(), errors));
        }
        if (report.accepted() == 0 && report.duplicates() == 0) {
            return ProblemMapper.response(Problem.invalid("all " + report.rejected() + " lines were rejected", "/events/csv",
                    lines.stream().flatMap(l -> l.errors().stream()).toList()));
        }
        return Response.accepted(new CsvReport(report.accepted(), report.duplicates(), report.rejected(), lines))
                .type(MediaType.APPLICATION_JSON).build();
    }

    private Uni<Response> ingest(String backfill, java.util.function.Supplier<Body> read) {
        Response refused = refusedImport(backfill, "/events");
        if (refused != null) {
            return Uni.createFrom().item(refused);
        }
        boolean history = Backfill.requested(backfill);
        Body body = read.get();
        return limited(body).orElse(() -> IntakeResponses.run(() -> history
                        ? backfills.importHistory(body, null, identity.getPrincipal().getName(), "/events")
                        : intake.ingest(body))
                .map(report -> IntakeResponses.respond(body, report, "/events")));
    }

    /** The 400 of a backfill value that is neither true nor false, the 403 of an import asked by a non-admin; else null. */
    private Response refusedImport(String backfill, String path) {
        try {
            if (Backfill.requested(backfill) && !identity.hasRole(Backfill.ROLE)) {
                return ProblemMapper.response(Backfill.forbidden(path));
            }
            return null;
        } catch (Backfill.InvalidFlag e) {
            return ProblemMapper.response(e.problem(path));
        }
    }

    /** The 429 of the first source over its rate, if any. */
    private Limit limited(Body body) {
        return new Limit(ProblemMapper.refused(rateLimiter.refusal(body.items())));
    }

    private record Limit(Response response) {
        Uni<Response> orElse(java.util.function.Supplier<Uni<Response>> proceed) {
            return response != null ? Uni.createFrom().item(response) : proceed.get();
        }
    }
}
