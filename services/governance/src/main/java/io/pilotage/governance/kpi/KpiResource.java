package io.pilotage.governance.kpi;

import io.pilotage.contracts.definition.Definition;
import io.pilotage.contracts.definition.KpiDefinition;
import io.pilotage.governance.definition.DefinitionStore;
import io.pilotage.governance.definition.HistoryView;
import io.pilotage.governance.definition.StoredDefinition;
import io.pilotage.governance.project.ProjectService;
import io.pilotage.governance.rest.ApiException;
import io.pilotage.governance.rest.PageRequest;
import io.pilotage.governance.security.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;

/**
 * KPI definitions of a project (DESIGN §3.1, §5.2). Every human role reads; an admin or an owner
 * of the project edits (403 for the owners of other projects). JSON one KPI at a time, or the
 * whole project as a YAML file ("KPIs as code": {@code Accept: application/yaml} here, or
 * {@code /projects/{project}/kpis.yaml}).
 */
@Path("/projects/{project}/kpis")
@Tag(name = "kpi definitions")
@RolesAllowed({"admin", "committee", "project-owner", "analyst"})
public class KpiResource {

    public static final String YAML = "application/yaml";

    private final Pool pool;
    private final DefinitionStore store;
    private final KpiService kpis;
    private final ProjectService projects;
    private final SecurityIdentity identity;

    public KpiResource(Pool pool, DefinitionStore store, KpiService kpis, ProjectService projects, SecurityIdentity identity) {
        this.pool = pool;
        this.store = store;
        this.kpis = kpis;
        this.projects = projects;
        this.identity = identity;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The project's KPI definitions, by key (paginated)")
    public Uni<Response> list(@PathParam("project") String project, @QueryParam("page") Integer page,
                              @QueryParam("size") Integer size, @Context UriInfo uri) {
        PageRequest p = PageRequest.of(page, size);
        return pool.withConnection(c -> projects.get(c, project)
                .flatMap(x -> store.list(c, Definition.Kind.KPI, project, p.offset(), p.size()))
                .flatMap(rows -> store.count(c, Definition.Kind.KPI, project)
                        .map(total -> p.response(rows.stream().map(StoredDefinition::asKpi).toList(), total, uri))));
    }

    @GET
    @Produces({YAML, "text/yaml"})
    @Operation(summary = "The project's KPIs as a YAML file (KPIs as code), each with its current version")
    public Uni<String> yaml(@PathParam("project") String project) {
        return kpis.exportYaml(project);
    }

    @RolesAllowed({"admin", "project-owner"})
    @POST
    @Consumes({YAML, "text/yaml", "application/x-yaml", MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Apply a project's KPI file (YAML). dryRun=true: every validation error and the diff, nothing "
            + "changed. Otherwise: applied atomically (400 with every error; 409 when a KPI's `version` in the file is "
            + "no longer current). prune=true deletes the project's KPIs absent from the file")
    public Uni<KpiPlan> applyFile(@PathParam("project") String project, @QueryParam("dryRun") @DefaultValue("false") boolean dryRun,
                                  @QueryParam("prune") @DefaultValue("false") boolean prune,
                                  @QueryParam("reason") String reason, String yaml) {
        return dryRun ? kpis.dryRun(project, yaml, prune) : kpis.apply(Caller.of(identity), project, yaml, prune, reason);
    }

    @RolesAllowed({"admin", "project-owner"})
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create one KPI definition (admin or project owner)")
    public Uni<Response> create(@PathParam("project") String project, @QueryParam("reason") String reason,
                                KpiDefinition k, @Context UriInfo uri) {
        if (k == null) {
            throw ApiException.invalid("body", "a JSON KPI definition is required");
        }
        return kpis.create(Caller.of(identity), project, k, reason)
                .map(s -> Response.created(URI.create(uri.getPath() + "/" + s.id())).entity(s.asKpi())
                        .tag(new EntityTag(Integer.toString(s.version()))).build());
    }

    @GET
    @Path("/{kpi}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One KPI definition; its version is also the ETag")
    public Uni<Response> get(@PathParam("project") String project, @PathParam("kpi") String key) {
        return pool.withConnection(c -> kpis.get(c, project, key))
                .map(s -> Response.ok(s.asKpi()).tag(new EntityTag(Integer.toString(s.version()))).build());
    }

    @RolesAllowed({"admin", "project-owner"})
    @PUT
    @Path("/{kpi}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a KPI definition. `version` is the version edited: 409 with the current one "
            + "(also as ETag) when it changed meanwhile. `reason` says why (kept in the history)")
    public Uni<Response> replace(@PathParam("project") String project, @PathParam("kpi") String key,
                                 @QueryParam("reason") String reason, KpiDefinition k) {
        if (k == null) {
            throw ApiException.invalid("body", "a JSON KPI definition is required");
        }
        return kpis.replace(Caller.of(identity), project, key, k, reason)
                .map(s -> Response.ok(s.asKpi()).tag(new EntityTag(Integer.toString(s.version()))).build());
    }

    @RolesAllowed({"admin", "project-owner"})
    @DELETE
    @Path("/{kpi}")
    @Operation(summary = "Delete a KPI definition (tombstone on the definitions topic); `version` is required")
    public Uni<Response> delete(@PathParam("project") String project, @PathParam("kpi") String key,
                                @QueryParam("version") Integer version, @QueryParam("reason") String reason) {
        return kpis.delete(Caller.of(identity), project, key, version, reason).map(v -> Response.noContent().build());
    }

    @GET
    @Path("/{kpi}/history")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every version of a KPI definition: who changed what, when, why (before/after), newest first")
    public Uni<Response> history(@PathParam("project") String project, @PathParam("kpi") String key,
                                 @QueryParam("page") Integer page, @QueryParam("size") Integer size, @Context UriInfo uri) {
        PageRequest p = PageRequest.of(page, size);
        return pool.withConnection(c -> HistoryView.page(store, c, Definition.Kind.KPI, key, p, uri));
    }
}
