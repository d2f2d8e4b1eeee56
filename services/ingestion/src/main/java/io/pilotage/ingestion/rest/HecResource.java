package io.pilotage.ingestion.rest;

import jakarta.annotation.security.PermitAll;
import com.fasterxml.jackson.databind.JsonNode;
import io.pilotage.contracts.definition.SourceDefinition;
import io.pilotage.ingestion.adapter.SourceGuard;
import io.pilotage.ingestion.adapter.splunk.HecAdapter;
import io.pilotage.ingestion.adapter.splunk.HecAdapter.HecResponse;
import io.pilotage.ingestion.event.BoundedJsonReader;
import io.pilotage.ingestion.event.EventBodyReader;
import io.pilotage.ingestion.event.EventBodyReader.Body;
import io.pilotage.ingestion.event.EventBodyReader.Item;
import io.pilotage.ingestion.event.EventIntake;
import io.pilotage.ingestion.ratelimit.SourceRateLimiter;
import io.pilotage.ingestion.publish.PublicationFailedException;
import io.pilotage.ingestion.publish.StorageUnavailableException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splunk HTTP Event Collector compatible endpoints (DESIGN §2.2): {@code POST /services/collector/event}
 * (and {@code /services/collector}, {@code /services/collector/event/1.0}), HEC envelopes
 * concatenated for a batch, {@code Authorization: Splunk <token>}, and HEC's answers:
 * {@code {"text":"Success","code":0}}, token required 2/401, invalid authorization 3/401, invalid
 * token 4/403, no data 5/400, invalid data format 6/400, event field required 12/400, event
 * field blank 13/400 (with {@code invalid-event-number}), server busy 9/503. A malformed envelope
 * refuses the whole request (nothing ingested); events the mapping or validation rejects are
 * quarantined, not refused, so a forwarder does not resend them forever. {@code POST
 * /services/collector/raw} (and {@code /raw/1.0}) takes raw text, one event per line, the query
 * parameters {@code host}, {@code source}, {@code sourcetype}, {@code index} going into each line's
 * envelope ({@code channel} is accepted: there is no indexer acknowledgement to ask for). A body is
 * read whatever its {@code Content-Type}, and without one, as HEC reads it.
 */
// No Keycloak token: the source authenticates with its own secret, checked in each handler.
@PermitAll
@Path(HecResource.PATH)
@Tag(name = "source adapters")
@Produces(MediaType.APPLICATION_JSON)
public class HecResource {

    /** The resource's path (also how {@link BodyLimit} recognises its requests). */
    static final String PATH = "/services/collector";

    private final SourceGuard guard;
    private final EventIntake intake;
    private final EventBodyReader reader;
    private final SourceRateLimiter rateLimiter;

    public HecResource(SourceGuard guard, EventIntake intake, EventBodyReader reader, SourceRateLimiter rateLimiter) {
        this.guard = guard;
        this.intake = intake;
        this.reader = reader;
        this.rateLimiter = rateLimiter;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Splunk HEC: one or more concatenated event envelopes")
    public Uni<Response> collector(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        return collect(authorization, body);
    }

    @POST
    @Path("/event")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Splunk HEC: one or more concatenated event envelopes")
    public Uni<Response> event(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        return collect(authorization, body);
    }

    @POST
    @Path("/event/1.0")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Splunk HEC (versioned path): one or more concatenated event envelopes")
    public Uni<Response> eventV1(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        return collect(authorization, body);
    }

    @POST
    @Path("/raw")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Splunk HEC raw: one event per line of text (a JSON object line: that object); "
            + "host, source, sourcetype, index from the query")
    public Uni<Response> raw(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                             @QueryParam("host") String host, @QueryParam("source") String source,
                             @QueryParam("sourcetype") String sourcetype, @QueryParam("index") String index,
                             @QueryParam("channel") String channel, byte[] body) {
        return collectRaw(authorization, rawFields(host, source, sourcetype, index), body);
    }

    @POST
    @Path("/raw/1.0")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Splunk HEC raw (versioned path): one event per line of text")
    public Uni<Response> rawV1(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                               @QueryParam("host") String host, @QueryParam("source") String source,
                               @QueryParam("sourcetype") String sourcetype, @QueryParam("index") String index,
                               @QueryParam("channel") String channel, byte[] body) {
        return collectRaw(authorization, rawFields(host, source, sourcetype, index), body);
    }

    @GET
    @Path("/health")
    @Operation(summary = "HEC health: 200 {\"text\":\"HEC is healthy\",\"code\":17}")
    public Response health() {
        return Response.ok(new HecResponse("HEC is healthy", 17, null)).build();
    }

    static Map<String, String> rawFields(String host, String source, String sourcetype, String index) {
        Map<String, String> fields = new HashMap<>();
        fields.put("host", host);
        fields.put("source", source);
        fields.put("sourcetype", sourcetype);
        fields.put("index", index);
        return fields;
    }

    /** The Splunk source of the request, or HEC's refusal (no token, not a Splunk one, unknown, no data). */
    private record Caller(SourceDefinition source, HecResponse refusal) {
    }

    private Caller caller(String authorization, byte[] body) {
        if (authorization == null || authorization.isBlank()) {
            return new Caller(null, HecResponse.TOKEN_REQUIRED);
        }
        if (!authorization.regionMatches(true, 0, "Splunk ", 0, 7)) {
            return new Caller(null, HecResponse.INVALID_AUTHORIZATION);
        }
        SourceDefinition source = guard.byToken("splunk", authorization.substring(7).trim()).orElse(null);
        if (source == null) {
            return new Caller(null, HecResponse.INVALID_TOKEN);
        }
        if (body == null || body.length == 0 || new String(body, StandardCharsets.UTF_8).isBlank()) {
            return new Caller(null, HecResponse.NO_DATA);
        }
        return new Caller(source, null);
    }

    private Uni<Response> collectRaw(String authorization, Map<String, String> fields, byte[] body) {
        Caller caller = caller(authorization, body);
        if (caller.refusal() != null) {
            return done(caller.refusal());
        }
        HecAdapter.Raw raw = HecAdapter.rawEnvelopes(body, fields, reader.json());
        if (raw.problem() != null) {
            return done(raw.problem());
        }
        return publish(caller.source(), raw.envelopes());
    }

    private Uni<Response> collect(String authorization, byte[] body) {
        Caller caller = caller(authorization, body);
        if (caller.refusal() != null) {
            return done(caller.refusal());
        }
        HecAdapter.Raw envelopes = HecAdapter.envelopes(body, reader.json());
        if (envelopes.problem() != null) {
            return done(envelopes.problem());
        }
        return publish(caller.source(), envelopes.envelopes());
    }

    /** The envelopes mapped and ingested: Success once published (what is refused is quarantined), busy otherwise. */
    private Uni<Response> publish(SourceDefinition source, List<? extends JsonNode> envelopes) {
        if (rateLimiter.refusal(source.id(), envelopes.size()) != null) {
            return Uni.createFrom().item(Response.status(503).entity(HecResponse.SERVER_BUSY)
                    .header("Retry-After", "1").type(MediaType.APPLICATION_JSON).build());
        }
        Instant now = Instant.now();
        List<Item> items = envelopes.stream().map(e -> HecAdapter.item(source, e, now)).toList();
        return Uni.createFrom().completionStage(() -> intake.ingest(new Body(true, items), source.id()))
                .map(report -> Response.ok(HecResponse.SUCCESS).type(MediaType.APPLICATION_JSON).build())
                .onFailure().recoverWithItem(e -> Response.status(503).entity(HecResponse.SERVER_BUSY)
                        .header("Retry-After", "5").type(MediaType.APPLICATION_JSON).build());
    }

    private static Uni<Response> done(HecResponse r) {
        return Uni.createFrom().item(Response.status(r.httpStatus()).entity(r).type(MediaType.APPLICATION_JSON).build());
    }
}
