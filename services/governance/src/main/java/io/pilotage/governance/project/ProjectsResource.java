package io.pilotage.governance.project;

import io.pilotage.contracts.definition.Definition;
import io.pilotage.governance.definition.DefinitionStore;
import io.pilotage.governance.definition.HistoryView;
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
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;

/**
 * Projects (DESIGN §5.1). Every human role reads; an admin creates and deletes, an admin or one
 * of a project's owners replaces it (only an admin changes its owners). Every change is
 * published on {@code pilotage.definitions.v1} as a {@code project} definition.
 */
@Path("/projects")
@Tag(name = "projects")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"admin", "committee", "project-owner", "analyst"})
public class ProjectsResource {

    private final Pool pool;
    private final DefinitionStore store;
    private final ProjectService projects;
    private final SecurityIdentity identity;
    private final io.pilotage.governance.kpi.KpiService kpis;

    public ProjectsResource(Pool pool, DefinitionStore store, ProjectService projects, SecurityIdentity identity,
                            io.pilotage.governance.kpi.KpiService kpis) {
        this.kpis = kpis;
        this.pool = pool;
        this.store = store;
        this.projects = projects;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "Every project, by key (paginated: page, size; X-Total-Count, Link)")
    public Uni<Response> list(@QueryParam("page") Integer page, @QueryParam("size") Integer size, @Context UriInfo uri) {
        PageRequest p = PageRequest.of(page, size);
        return pool.withConnection(c -> store.list(c, Definition.Kind.PROJECT, null, p.offset(), p.size())
                .flatMap(rows -> store.count(c, Definition.Kind.PROJECT, null)
                        .map(total -> p.response(rows.stream().map(ProjectView::of).toList(), total, uri))));
    }

    @GET
    @Path("/{project}")
    @Operation(summary = "One project; its version is also the ETag")
    public Uni<Response> get(@PathParam("project") String key) {
        return pool.withConnection(c -> projects.get(c, key)).map(s -> ok(Response.ok(ProjectView.of(s)), s.version()));
    }

    @RolesAllowed("admin")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a project (admin)")
    public Uni<Response> create(ProjectRequest request, @Context UriInfo uri) {
        return projects.create(Caller.of(identity), required(request))
                .map(s -> ok(Response.created(URI.create(uri.getPath() + "/" + s.id())).entity(ProjectView.of(s)), s.version()));
    }

    @RolesAllowed("admin")
    @PUT
    @Path("/{project}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a project (admin or one of its owners; only an admin changes owners). "
            + "`version` is the version edited: 409 with the current one if it changed meanwhile")
    public Uni<Response> replace(@PathParam("project") String key, ProjectRequest request) {
        return projects.replace(Caller.of(identity), key, required(request))
                .map(s -> ok(Response.ok(ProjectView.of(s)), s.version()));
    }

    @RolesAllowed("admin")
    @DELETE
    @Path("/{project}")
    @Operation(summary = "Delete a project without KPIs or sources (admin); `version` is required")
    public Uni<Response> delete(@PathParam("project") String key, @QueryParam("version") Integer version,
                                @QueryParam("reason") String reason) {
        return projects.delete(Caller.of(identity), key, version, reason).map(v -> Response.noContent().build());
    }

    @GET
    @Path("/{project}/history")
    @Operation(summary = "Every version of a project: who, when, why, before and after (paginated)")
    public Uni<Response> history(@PathParam("project") String key, @QueryParam("page") Integer page,
                                 @QueryParam("size") Integer size, @Context UriInfo uri) {
        PageRequest p = PageRequest.of(page, size);
        return pool.withConnection(c -> HistoryView.page(store, c, Definition.Kind.PROJECT, key, p, uri));
    }

    @GET
    @Path("/{project}/kpis.yaml")
    @Produces({io.pilotage.governance.kpi.KpiResource.YAML, "text/yaml"})
    @Operation(summary = "The project's KPIs as a YAML file (KPIs as code); POST it to /projects/{project}/kpis")
    public Uni<String> kpisYaml(@PathParam("project") String key) {
        return kpis.exportYaml(key);
    }

    static Response ok(Response.ResponseBuilder r, int version) {
        return r.tag(new EntityTag(Integer.toString(version))).build();
    }

    static ProjectRequest required(ProjectRequest r) {
        if (r == null) {
            throw io.pilotage.governance.rest.ApiException.invalid("body", "a JSON project is required");
        }
        return r;
    }
}
