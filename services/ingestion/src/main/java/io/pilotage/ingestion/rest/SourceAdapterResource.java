package io.pilotage.ingestion.rest;

import jakarta.annotation.security.PermitAll;
import com.fasterxml.jackson.databind.JsonNode;
import io.pilotage.contracts.Problem;
import io.pilotage.contracts.definition.SourceDefinition;
import io.pilotage.ingestion.adapter.SourceGuard;
import io.pilotage.ingestion.adapter.splunk.HecAdapter;
import io.pilotage.ingestion.backfill.Backfill;
import io.pilotage.ingestion.backfill.BackfillAudit;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
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
import io.smallrye.mutiny.Multi;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Source adapters authenticated by the source's own secret, not by a Keycloak token (DESIGN
 * §2.2): Odoo by a secret path segment (it can send no header), GA4 and QRadar by the header
 * {@value #TOKEN_HEADER} or by an HMAC signature of the body ({@value SignatureVerifier#TIMESTAMP_HEADER}
 * and {@value SignatureVerifier#SIGNATURE_HEADER}, see {@link SignatureVerifier}). Each maps the native payload with the source's mapping and hands the
 * events to the same intake as {@code POST /events}; answers are the per-item report (202) or a
 * problem. {@code POST /sources/{source}/backfill} takes the same bodies from an admin's bearer
 * token instead of the source's secret, as a history import (see {@link BackfillAudit}).
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

    private final BackfillAudit audit;
    private final SecurityIdentity identity;

    public SourceAdapterResource(SourceGuard guard, EventIntake intake, EventBodyReader reader,
                                 OdooStateRepository odooStates, SourceRateLimiter rateLimiter, BackfillAudit audit,
                                 SecurityIdentity identity) {
        this.audit = audit;
        this.identity = identity;
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
        try {
            OdooWebhookAdapter.parse(payload, source);   // a refusal of one notification is answered as Odoo needs
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
        return odooEvents(source, List.of(payload)).flatMap(derived -> IntakeResponses.run(
                        () -> intake.ingest(new Body(true, derived.items()), source.id()))
                .call(report -> derived.remember(odooStates, source.id()))
                .map(report -> answer(report, "/sources/" + source.id() + "/odoo")));
    }

    /** A record of an Odoo model: what its last known state is kept under. */
    private record OdooRecord(String model, long id) {
    }

    /**
     * The events derived from Odoo notifications, in order (a notification that cannot be read is an
     * item refused with its reason), and the last state of each record they name, to remember once
     * ingested.
     */
    private record OdooDerivation(List<Item> items, Map<OdooRecord, OdooStateRepository.Known> states) {
        Uni<Void> remember(OdooStateRepository repository, String source) {
            return Multi.createFrom().iterable(states.entrySet())
                    .onItem().transformToUniAndConcatenate(e -> repository.remember(source, e.getKey().model(),
                            e.getKey().id(), e.getValue().state(), e.getValue().writeDate(), e.getValue().tracked()))
                    .collect().last().replaceWithVoid();
        }
    }

    /**
     * Derives the events of {@code notifications}, one after the other, each from the state its record
     * had before it (the earlier notifications of the same request included): a notification older
     * than the state known of its record derives nothing.
     */
    private Uni<OdooDerivation> odooEvents(SourceDefinition source, List<JsonNode> notifications) {
        Instant now = Instant.now();
        List<Item> items = new ArrayList<>();
        Map<OdooRecord, OdooStateRepository.Known> states = new LinkedHashMap<>();
        // one after the other (Multi, not a chain of Unis: thousands of notifications must not nest thousands of stages)
        return Multi.createFrom().iterable(notifications).onItem().transformToUniAndConcatenate(payload -> {
            OdooWebhookAdapter.Notification n;
            try {
                n = OdooWebhookAdapter.parse(payload, source);
            } catch (OdooWebhookAdapter.InvalidNotification e) {
                items.add(new Item(payload, e.getMessage(), e.field(), false, e.rule()));
                return Uni.createFrom().voidItem();
            }
            OdooRecord record = new OdooRecord(n.model(), n.recordId());
            Uni<OdooStateRepository.Known> known = states.containsKey(record)
                    ? Uni.createFrom().item(states.get(record))
                    : odooStates.find(source.id(), n.model(), n.recordId());
            return known.invoke(k -> {
                if (k != null && k.writeDate() != null && n.writeDate() != null
                        && n.writeDate().compareTo(k.writeDate()) < 0) {
                    return;   // an older notification arriving after a newer one: nothing new to derive
                }
                OdooWebhookAdapter.Derived derived = OdooWebhookAdapter.derive(source, n,
                        k == null ? null : k.state(), k == null ? Map.of() : k.tracked(), k != null, now);
                derived.events().forEach(e -> items.add(new Item(e, null)));
                states.put(record, new OdooStateRepository.Known(derived.state(), derived.writeDate(), derived.tracked()));
            }).replaceWithVoid();
        }).collect().last().map(done -> new OdooDerivation(items, states));
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
        List<Item> items = ga4Items(source, body, contentType);
        Response limited = ProblemMapper.refused(rateLimiter.refusal(source.id(), items.size()));
        if (limited != null) {
            return Uni.createFrom().item(limited);
        }
        return ingest(source, items, "ga4");
    }

    /** The intake's items of a GA4 body: export rows (NDJSON or a JSON array), or Measurement-Protocol bodies. */
    private List<Item> ga4Items(SourceDefinition source, byte[] body, String contentType) {
        Instant now = Instant.now();
        List<Item> items = new ArrayList<>();
        for (JsonNode n : nativeRecords(body, contentType)) {
            List<Ga4Adapter.Mapped> mapped = Ga4Adapter.isMeasurementProtocol(n)
                    ? Ga4Adapter.fromMeasurementProtocol(source, n, now)
                    : List.of(Ga4Adapter.fromExportRow(source, n));
            mapped.forEach(m -> items.add(m.event() != null ? new Item(m.event(), null)
                    : new Item(m.nativeEvent(), m.problem(), m.field())));
        }
        return items;
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
        return ingest(source, qradarItems(source, offenses), "qradar");
    }

    /** The intake's items of QRadar offenses: each offense's events, or the offense refused with its reason. */
    private static List<Item> qradarItems(SourceDefinition source, List<JsonNode> offenses) {
        List<Item> items = new ArrayList<>();
        for (JsonNode offense : offenses) {
            QRadarOffenseAdapter.Mapped m = QRadarOffenseAdapter.map(source, offense);
            if (m.problem() != null) {
                items.add(new Item(offense, m.problem(), m.field()));
            } else {
                m.events().forEach(e -> items.add(new Item(e, null)));
            }
        }
        return items;
    }

    @POST
    @Path("/backfill")
    // what the source's own route takes; HEC bodies may come as anything, as on /services/collector
    @Consumes({MediaType.APPLICATION_JSON, EventsResource.NDJSON, MediaType.TEXT_PLAIN, MediaType.WILDCARD})
    @RolesAllowed(Backfill.ROLE)
    @Operation(summary = "History import (admin): the body the source's own route takes, chosen by its kind (odoo: a "
            + "notification or an array of them; ga4: export rows or a Measurement-Protocol body; qradar: an offense or "
            + "an array; splunk: HEC envelopes, or raw lines with format=raw); the source's accepted lateness and "
            + "max_lateness rules lifted; audited")
    public Uni<Response> backfill(@PathParam("source") String sourceId,
                                  @Parameter(description = "splunk only: raw for one event per line of text")
                                  @QueryParam("format") String format,
                                  @QueryParam("host") String host, @QueryParam("sourcetype") String sourcetype,
                                  @QueryParam("index") String index,
                                  @Parameter(description = "splunk raw only: the envelopes' source field")
                                  @QueryParam("source") String splunkSource,
                                  @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        String path = PREFIX + sourceId + "/backfill";
        SourceDefinition source = guard.registered(sourceId).orElse(null);
        if (source == null) {
            return Uni.createFrom().item(ProblemMapper.response(Problem.forStatus(404, "no source " + sourceId, path)));
        }
        if (format != null && !(format.equals("raw") && "splunk".equals(source.kind()))) {
            return Uni.createFrom().item(ProblemMapper.response(Problem.invalid("format is raw, for a splunk source only",
                    path, List.of(new Problem.FieldError("format", "must be raw, and only for a splunk source")))));
        }
        String actor = identity.getPrincipal().getName();
        if ("odoo".equals(source.kind())) {
            List<JsonNode> notifications = new ArrayList<>();
            reader.json().readDocument(body, 0, body.length, (i, n) -> notifications.add(n));
            Response limited = ProblemMapper.refused(rateLimiter.refusal(source.id(), notifications.size()));
            if (limited != null) {
                return Uni.createFrom().item(limited);
            }
            return odooEvents(source, notifications).flatMap(derived -> IntakeResponses.run(
                            () -> audit.importHistory(new Body(true, derived.items()), source.id(), actor, path))
                    .call(report -> derived.remember(odooStates, source.id()))
                    .map(report -> answer(report, path)));
        }
        List<Item> items;
        switch (source.kind()) {
            case "ga4" -> items = ga4Items(source, body, contentType);
            case "qradar" -> items = qradarItems(source, QRadarOffenseAdapter.offenses(document(body)));
            case "splunk" -> {
                HecAdapter.Raw envelopes = "raw".equals(format)
                        ? HecAdapter.rawEnvelopes(body, HecResource.rawFields(host, splunkSource, sourcetype, index), reader.json())
                        : HecAdapter.envelopes(body, reader.json());
                if (envelopes.problem() != null) {
                    HecAdapter.HecResponse p = envelopes.problem();
                    String field = p.invalidEventNumber() == null ? "(body)" : "[" + p.invalidEventNumber() + "]";
                    return Uni.createFrom().item(ProblemMapper.response(Problem.invalid(p.text(), path,
                            List.of(new Problem.FieldError(field, p.text())))));
                }
                Instant now = Instant.now();
                items = envelopes.envelopes().stream().map(e -> HecAdapter.item(source, e, now)).toList();
            }
            default -> {
                return Uni.createFrom().item(ProblemMapper.response(Problem.invalid("source " + source.id() + " is of kind "
                        + source.kind() + ", which has no adapter: import its events with POST /events?backfill=true", path,
                        List.of(new Problem.FieldError("source", "has no adapter (kind " + source.kind() + ")")))));
            }
        }
        Response limited = ProblemMapper.refused(rateLimiter.refusal(source.id(), items.size()));
        if (limited != null) {
            return Uni.createFrom().item(limited);
        }
        return IntakeResponses.run(() -> audit.importHistory(new Body(true, items), source.id(), actor, path))
                .map(report -> answer(report, path));
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
