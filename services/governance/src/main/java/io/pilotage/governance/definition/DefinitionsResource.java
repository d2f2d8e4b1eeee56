package io.pilotage.governance.definition;

import io.pilotage.contracts.definition.Definition;
import io.pilotage.governance.rest.ApiException;
import io.pilotage.governance.rest.PageRequest;
import io.pilotage.governance.seed.CatalogueSeeder;
import io.pilotage.governance.security.Caller;
import io.pilotage.governance.security.GovernancePolicy;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

/**
 * The current definitions exactly as published on {@code pilotage.definitions.v1} (contracts
 * {@code Definition}): what a consumer would rebuild from the compacted topic.
 */
@Path("/definitions")
@Tag(name = "definitions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"admin", "committee", "project-owner", "analyst"})
public class DefinitionsResource {

    private final Pool pool;
    private final DefinitionStore store;
    private final CatalogueSeeder seeder;
    private final SecurityIdentity identity;

    public DefinitionsResource(Pool pool, DefinitionStore store, CatalogueSeeder seeder, SecurityIdentity identity) {
        this.pool = pool;
        this.store = store;
        this.seeder = seeder;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "Current definitions of a kind (project, kpi, source), optionally of one project, in the topic's "
            + "format (paginated)")
    public Uni<Response> list(@QueryParam("kind") String kind, @QueryParam("project") String project,
                              @QueryParam("page") Integer page, @QueryParam("size") Integer size, @Context UriInfo uri) {
        PageRequest p = PageRequest.of(page, size);
        Definition.Kind k;
        try {
            k = Definition.Kind.parse(kind == null ? "" : kind);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("kind", "required: project, kpi or source");
        }
        return pool.withConnection(c -> store.list(c, k, project, p.offset(), p.size())
                .flatMap(rows -> store.count(c, k, project)
                        .map(total -> p.response(rows.stream().map(StoredDefinition::toDefinition).toList(), total, uri))));
    }

    @RolesAllowed("admin")
    @POST
    @Path("/republish")
    @Operation(summary = "Publish every current definition again on the compacted topic (admin), e.g. after the topic was lost")
    public Uni<Map<String, Integer>> republish() {
        GovernancePolicy.requireAdmin(Caller.of(identity), "republish the definitions");
        return seeder.republishAll().map(n -> Map.of("published", n));
    }
}
