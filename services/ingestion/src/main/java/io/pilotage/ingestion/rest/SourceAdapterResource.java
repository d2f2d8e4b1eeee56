package io.pilotage.ingestion.rest;

import jakarta.annotation.security.PermitAll;
import com.fasterxml.jackson.databind.JsonNode;
import io.pilotage.contracts.Problem;
import io.pilotage.contracts.definition.SourceDefinition;
import io.pilotage.ingestion.adapter.SourceGuard;
import io.pilotage.ingestion.adapter.ga4.Ga4Adapter;
import io.pilotage.ingestion.adapter.odoo.OdooStateRepository;
import io.pilotage.ingestion.adapter.odoo.OdooWebhookAdapter;
import io.pilotage.ingestion.adapter.qradar.QRadarOffenseAdapter;
import io.pilotage.ingestion.event.BoundedJsonReader;
import io.pilotage.ingestion.event.EventBodyReader;
import io.pilotage.ingestion.event.EventBodyReader.Body;
import io.pilotage.ingestion.event.EventBodyReader.Item;
import io.pilotage.ingestion.event.EventIntake;
import io.pilotage.ingestion.event.IntakeReport;
import io.pilotage.ingestion.ratelimit.SourceRateLimiter;
import io.pilotage.ingestion.source.SignatureVerifier;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Source adapters authenticated by the source's own secret, not by a Keycloak token (DESIGN
 * §2.2): Odoo by a secret path segment (it can send no header), GA4 and QRadar by the header
 * {@value #TOKEN_HEADER} or by an HMAC signature of the body ({@value SignatureVerifier#TIMESTAMP_HEADER}
 * and {@value SignatureVerifier#SIGNATURE_HEADER}, see {@link SignatureVerifier}). Each maps the native payload with the source's mapping and hands the
 * events to the same intake as {@code POST /events}; answers are the per-item report (202) or a
 * problem.
 */
// No Keycloak token: the source authenticates with its own secret, checked in each handler.
@PermitAll
@Path(SourceAdapterResource.PATH)
@Tag(name = "source adapters")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class SourceAdapterResource {

    /** The resource's path (its first segment is also how {@link BodyLimit} recognises its requests). */
    static final String PREFIX = "/sources/";
    static final String PATH = PREFIX + "{source}";

    /** Header carrying a source's secret token (GA4, QRadar). */
    public static final String TOKEN_HEADER = "X-Pilotage-Source-Token";

    private final SourceGuard guard;
    private final EventIntake intake;
    private final EventBodyReader reader;
    private final OdooStateRepository odooStates;
    private final SourceRateLimiter rateLimiter;

    public SourceAdapterResource(SourceGuard guard, EventIntake intake, EventBodyReader reader,
                                 OdooStateRepository odooStates, SourceRateLimiter rateLimiter) {
        this.guard = guard;
        this.intake = intake;
        this.reader = reader;
        this.odooStates = odooStates;
        this.rateLimiter = rateLimiter;
    }

    @POST
    @Path("/odoo/{secret}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Odoo \"Send Webhook Notification\": current values of one record; transitions derived "
            + "from its last known state")
    public Uni<Response> odoo(@PathParam("source") String sourceId, @PathParam("secret") String secret, byte[] body) {
        SourceDefinition source = guard.authenticate(sourceId, "odoo", secret).orElse(null);
        if (source == null) {
            return Uni.createFrom().item(unauthenticated(sourceId, "odoo"));
        }
        Response limited = ProblemMapper.refused(rateLimiter.refusal(source.id(), 1));
        if (limited != null) {
            return Uni.createFrom().item(limited);
        }
        JsonNode payload = single(body);
        OdooWebhookAdapter.Notification n;
        try {
            n = OdooWebhookAdapter.parse(payload, source);
        } catch (OdooWebhookAdapter.InvalidNotification e) {
            List<Item> refused = List.of(new Item(payload, e.getMessage(), e.field(), false, e.rule()));
            if (e.unmappedModel()) {
                // kept in quarantine (its reason on the notification's own field, _model) and answered 202:
                // Odoo only logs a refusal, so the notification would be lost
                return IntakeResponses.run(() -> intake.ingest(new Body(false, refused), source.id()))
                        .map(report -> Response.accepted(report).type(MediaType.APPLICATION_JSON).build());
            }
            return ingest(source, refused, "odoo");
        }
        Instant now = Instant.now();
        return odooStates.find(source.id(), n.model(), n.recordId()).flatMap(known -> {
            if (known != null && known.writeDate() != null && n.writeDate() != null
                    && n.writeDate().compareTo(known.writeDate()) < 0) {
                // an older notification arriving after a newer one: nothing new to derive
                return Uni.createFrom().item(Response.accepted(IntakeReport.of(List.of())).type(MediaType.APPLICATION_JSON).build());
            }
            OdooWebhookAdapter.Derived derived = OdooWebhookAdapter.derive(source, n,
                    known == null ? null : known.state(), known == null ? java.util.Map.of() : known.tracked(),
                    known != null, now);
            List<Item> items = derived.events().stream().map(e -> new Item(e, null)).toList();
            return IntakeResponses.run(() -> intake.ingest(new Body(true, items), source.id()))
                    .call(report -> odooStates.remember(source.id(), n.model(), n.recordId(), derived.state(),
                            derived.writeDate(), derived.tracked()))
                    .map(report -> answer(report, "/sources/" + source.id() + "/odoo"));
        });
    }

    @POST
    @Path("/ga4")
    @Consumes({MediaType.APPLICATION_JSON, EventsResource.NDJSON})
    @Operation(summary = "GA4 / Firebase: BigQuery export rows (NDJSON, or a JSON array) or a Measurement-Protocol body; "
            + "events up to the source's accepted lateness (72 h)")
    public Uni<Response> ga4(@PathParam("source") String sourceId, @HeaderParam(TOKEN_HEADER) String token,
                             @HeaderParam(SignatureVerifier.TIMESTAMP_HEADER) String timestamp,
                             @HeaderParam(SignatureVerifier.SIGNATURE_HEADER) String signature,
                             @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        SourceDefinition source = guard.authenticate(sourceId, "ga4", new SourceGuard.Presented(token, timestamp, signature),
                body).orElse(null);
        if (source == null) {
            return Uni.createFrom().item(unauthenticated(sourceId, "ga4"));
        }
        List<JsonNode> natives = nativeRecords(body, contentType);
        Response limited = ProblemMapper.refused(rateLimiter.refusal(source.id(), natives.size()));
        if (limited != null) {
            return Uni.createFrom().item(limited);
        }
        Instant now = Instant.now();
        List<Item> items = new ArrayList<>();
        for (JsonNode n : natives) {
            List<Ga4Adapter.Mapped> mapped = Ga4Adapter.isMeasurementProtocol(n)
                    ? Ga4Adapter.fromMeasurementProtocol(source, n, now)
                    : List.of(Ga4Adapter.fromExportRow(source, n));
            mapped.forEach(m -> items.add(m.event() != null ? new Item(m.event(), null)
                    : new Item(m.nativeEvent(), m.problem(), m.field())));
        }
        return ingest(source, items, "ga4");
    }

    @POST
    @Path("/qradar")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "QRadar offense (or an array of offenses) to incident.started/detected/resolved/closed; "
            + "an offense sent again yields only its new events")
    public Uni<Response> qradar(@PathParam("source") String sourceId, @HeaderParam(TOKEN_HEADER) String token,
                                @HeaderParam(SignatureVerifier.TIMESTAMP_HEADER) String timestamp,
                                @HeaderParam(SignatureVerifier.SIGNATURE_HEADER) String signature, byte[] body) {
        SourceDefinition source = guard.authenticate(sourceId, "qradar",
                new SourceGuard.Presented(token, timestamp, signature), body).orElse(null);
        if (source == null) {
            return Uni.createFrom().item(unauthenticated(sourceId, "qradar"));
        }
        List<JsonNode> offenses = QRadarOffenseAdapter.offenses(document(body));
        Response limited = ProblemMapper.refused(rateLimiter.refusal(source.id(), offenses.size()));
        if (limited != null) {
            return Uni.createFrom().item(limited);
        }
        List<Item> items = new ArrayList<>();
        for (JsonNode offense : offenses) {
            QRadarOffenseAdapter.Mapped m = QRadarOffenseAdapter.map(source, offense);
            if (m.problem() != null) {
                items.add(new Item(offense, m.problem(), m.field()));
            } else {
                m.events().forEach(e -> items.add(new Item(e, null)));
            }
        }
        return ingest(source, items, "qradar");
    }

    private Uni<Response> ingest(SourceDefinition source, List<Item> items, String kind) {
        return IntakeResponses.run(() -> intake.ingest(new Body(true, items), source.id()))
                .map(report -> answer(report, "/sources/" + source.id() + "/" + kind));
    }

    /** 202 with the per-item report; 400 when every item was rejected; 202 with nothing when nothing was derived. */
    private static Response answer(IntakeReport report, String path) {
        if (report.items().isEmpty()) {
            return Response.accepted(report).type(MediaType.APPLICATION_JSON).build();
        }
        return IntakeResponses.respond(new Body(true, List.of()), report, path);
    }

    private JsonNode single(byte[] body) {
        List<JsonNode> nodes = new ArrayList<>(1);
        if (reader.json().readDocument(body, 0, body.length, (i, n) -> nodes.add(n))) {
            throw new BoundedJsonReader.MalformedBodyException("an Odoo notification is one JSON object, not an array");
        }
        return nodes.getFirst();
    }

    private JsonNode document(byte[] body) {
        List<JsonNode> nodes = new ArrayList<>();
        boolean array = reader.json().readDocument(body, 0, body.length, (i, n) -> nodes.add(n));
        return array ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode().addAll(nodes) : nodes.getFirst();
    }

    private List<JsonNode> nativeRecords(byte[] body, String contentType) {
        if (contentType != null && contentType.startsWith(EventsResource.NDJSON)) {
            return reader.readNdjson(body).items().stream().map(itemOrProblem()).toList();
        }
        return reader.readJson(body).items().stream().map(Item::node).toList();
    }

    private static Function<Item, JsonNode> itemOrProblem() {
        return item -> {
            if (item.parseError() != null) {
                throw new BoundedJsonReader.MalformedBodyException(item.parseError());
            }
            return item.node();
        };
    }

    static Response unauthenticated(String source, String kind) {
        return ProblemMapper.response(Problem.forStatus(401,
                "source " + source + " (" + kind + ") requires its own secret", "/sources/" + source + "/" + kind));
    }
}
