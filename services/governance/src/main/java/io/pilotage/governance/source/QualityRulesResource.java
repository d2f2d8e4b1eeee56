package io.pilotage.governance.source;

import io.pilotage.contracts.definition.Definition;
import io.pilotage.contracts.definition.QualityRule;
import io.pilotage.governance.definition.DefinitionStore;
import io.pilotage.governance.rest.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Every data-quality rule of every source (or of one project's sources), for review. Edited under {@code /sources/{id}/quality-rules}. */
@Path("/quality-rules")
@Tag(name = "sources and data quality")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"admin", "committee", "project-owner", "analyst"})
public class QualityRulesResource {

    private final Pool pool;
    private final DefinitionStore store;

    public QualityRulesResource(Pool pool, DefinitionStore store) {
        this.pool = pool;
        this.store = store;
    }

    public record SourceRule(String source, String project, QualityRule rule) {
    }

    @GET
    @Operation(summary = "Quality rules with their source, by source, optionally of one project (paginated by source)")
    public Uni<Response> list(@QueryParam("project") String project, @QueryParam("page") Integer page,
                              @QueryParam("size") Integer size, @Context UriInfo uri) {
        PageRequest p = PageRequest.of(page, size);
        return pool.withConnection(c -> store.list(c, Definition.Kind.SOURCE, project, p.offset(), p.size())
                .flatMap(rows -> store.count(c, Definition.Kind.SOURCE, project).map(total -> {
                    List<SourceRule> rules = rows.stream().map(r -> r.asSource())
                            .flatMap(s -> s.qualityRules().stream().map(q -> new SourceRule(s.id(), s.project(), q))).toList();
                    return p.response(rules, total, uri);
                })));
    }
}
