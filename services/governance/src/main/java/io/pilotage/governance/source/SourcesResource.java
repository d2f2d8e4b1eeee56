package io.pilotage.governance.source;

import io.pilotage.contracts.definition.Definition;
import io.pilotage.contracts.definition.QualityRule;
import io.pilotage.governance.definition.DefinitionStore;
import io.pilotage.governance.definition.HistoryView;
import io.pilotage.governance.rest.ApiException;
import io.pilotage.governance.rest.PageRequest;
import io.pilotage.governance.security.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Registered source systems (DESIGN §5.5) and their data-quality rules (§5.4). Every human role
 * reads (never a secret); an admin or an owner of the source's project writes.
 */
@Path("/sources")
@Tag(name = "sources and data quality")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"admin", "committee", "project-owner", "analyst"})
public class SourcesResource {

    private final Pool pool;
    private final DefinitionStore store;
    private final SourceService sources;
    private final QualityStats quality;
    private final PassRates passRates;
    private final SecurityIdentity identity;

    public SourcesResource(Pool pool, DefinitionStore store, SourceService sources, QualityStats quality, PassRates passRates,
                           SecurityIdentity identity) {
        this.passRates = passRates;
        this.pool = pool;
        this.store = store;
        this.sources = sources;
        this.quality = quality;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "Sources, by id, optionally of one project (paginated)")
    public Uni<Response> list(@QueryParam("project") String project, @QueryParam("page") Integer page,
                              @QueryParam("size") Integer size, @Context UriInfo uri) {
        PageRequest p = PageRequest.of(page, size);
        return pool.withConnection(c -> store.list(c, Definition.Kind.SOURCE, project, p.offset(), p.size())
                .flatMap(rows -> store.count(c, Definition.Kind.SOURCE, project)
                        .map(total -> p.response(rows.stream().map(s -> SourceView.of(s, null)).toList(), total, uri))));
    }

    @GET
    @Path("/{id}")
    public Uni<SourceView> get(@PathParam("id") String id) {
        return pool.withConnection(c -> sources.get(c, id)).map(s -> SourceView.of(s, null));
    }

    @RolesAllowed({"admin", "project-owner"})
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a source (admin or project owner). The answer carries its secret in `secret`: shown "
            + "this once, stored only as a SHA-256 hash")
    public Uni<Response> register(SourceRequest r, @Context UriInfo uri) {
        return sources.register(Caller.of(identity), required(r))
                .map(x -> Response.created(URI.create(uri.getPath() + "/" + x.source().id()))
                        .header("Cache-Control", "no-store").entity(SourceView.of(x.source(), x.secret())).build());
    }

    @RolesAllowed({"admin", "project-owner"})
    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a source's project, kind, mapping, personal fields, intervals (and rules when given); "
            + "secrets are kept. `version` is the version edited (409 if stale)")
    public Uni<SourceView> replace(@PathParam("id") String id, SourceRequest r) {
        return sources.replace(Caller.of(identity), id, required(r)).map(s -> SourceView.of(s, null));
    }

    @RolesAllowed({"admin", "project-owner"})
    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a source (tombstone: ingestion stops accepting it); `version` is required")
    public Uni<Response> delete(@PathParam("id") String id, @QueryParam("version") Integer version, @QueryParam("reason") String reason) {
        return sources.delete(Caller.of(identity), id, version, reason).map(v -> Response.noContent().build());
    }

    @RolesAllowed({"admin", "project-owner"})
    @POST
    @Path("/{id}/secret/rotate")
    @Operation(summary = "Rotate the secret: a new one (in `secret`, shown once) is valid at once, the previous one "
            + "stays valid for `overlap` (ISO-8601, default PT24H, at most P30D)")
    public Uni<Response> rotate(@PathParam("id") String id, @QueryParam("version") Integer version,
                                @QueryParam("overlap") String overlap) {
        Duration d;
        try {
            d = overlap == null ? Duration.ofHours(24) : Duration.parse(overlap);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid("overlap", "an ISO-8601 duration such as PT24H");
        }
        return sources.rotate(Caller.of(identity), id, version, d)
                .map(x -> Response.ok(SourceView.of(x.source(), x.secret())).header("Cache-Control", "no-store").build());
    }

    @GET
    @Path("/{id}/quality-rules")
    @Operation(summary = "The source's data-quality rules")
    public Uni<List<QualityRule>> rules(@PathParam("id") String id) {
        return pool.withConnection(c -> sources.get(c, id)).map(s -> s.asSource().qualityRules());
    }

    /** @param rules the complete list of rules; @param version the source's version edited */
    public record RulesRequest(List<QualityRule> rules, Integer version, String reason) {
    }

    @RolesAllowed({"admin", "project-owner"})
    @PUT
    @Path("/{id}/quality-rules")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the source's data-quality rules (published in the source definition for ingestion to apply)")
    public Uni<SourceView> replaceRules(@PathParam("id") String id, RulesRequest r) {
        if (r == null) {
            throw ApiException.invalid("body", "a JSON object with rules and version is required");
        }
        return sources.replaceRules(Caller.of(identity), id, r.version(), r.rules(), r.reason()).map(s -> SourceView.of(s, null));
    }

    @GET
    @Path("/{id}/quality")
    @Operation(summary = "Data-quality results of the source from the events ingestion rejected: failures per rule and "
            + "field, a sample of the latest failures, and the pass rate per day (1 - rejected/received, in %, "
            + "from ingestion's counts; newest day first, at most 31)")
    public Uni<QualityStats.SourceQuality> quality(@PathParam("id") String id) {
        return pool.withConnection(c -> sources.get(c, id).flatMap(s -> quality.of(c, id))
                .flatMap(q -> passRates.days(c, id, 31).map(q::withPassRate)));
    }

    @GET
    @Path("/{id}/history")
    @Operation(summary = "Every version of the source (hashes of secrets only), newest first (paginated)")
    public Uni<Response> history(@PathParam("id") String id, @QueryParam("page") Integer page, @QueryParam("size") Integer size,
                                 @Context UriInfo uri) {
        PageRequest p = PageRequest.of(page, size);
        return pool.withConnection(c -> HistoryView.page(store, c, Definition.Kind.SOURCE, id, p, uri));
    }

    private static SourceRequest required(SourceRequest r) {
        if (r == null) {
            throw ApiException.invalid("body", "a JSON source is required");
        }
        return r;
    }
}
