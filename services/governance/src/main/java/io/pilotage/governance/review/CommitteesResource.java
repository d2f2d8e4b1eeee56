package io.pilotage.governance.review;

import io.pilotage.governance.rest.ApiException;
import io.pilotage.governance.rest.PageRequest;
import io.pilotage.governance.security.Caller;
import io.pilotage.governance.security.GovernancePolicy;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
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

/** Steering committees (DESIGN §5.3): everyone reads, the committee and admins write. */
@Path("/committees")
@Tag(name = "committees and reviews")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"admin", "committee", "project-owner", "analyst"})
public class CommitteesResource {

    private final Pool pool;
    private final ReviewStore store;
    private final SecurityIdentity identity;

    public CommitteesResource(Pool pool, ReviewStore store, SecurityIdentity identity) {
        this.pool = pool;
        this.store = store;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "Committees, by id (paginated)")
    public Uni<Response> list(@QueryParam("page") Integer page, @QueryParam("size") Integer size, @Context UriInfo uri) {
        PageRequest p = PageRequest.of(page, size);
        return pool.withConnection(c -> store.committees(c, p.offset(), p.size())
                .flatMap(items -> store.count(c, "committee").map(total -> p.response(items, total, uri))));
    }

    @GET
    @Path("/{id}")
    public Uni<Committee> get(@PathParam("id") String id) {
        return pool.withConnection(c -> store.committee(c, id));
    }

    @RolesAllowed({"admin", "committee"})
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a committee (committee, admin); it must have members from IT, Finance, Security and Marketing")
    public Uni<Response> create(Committee k, @Context UriInfo uri) {
        Caller caller = Caller.of(identity);
        GovernancePolicy.requireCommittee(caller);
        check(k, true);
        return pool.withTransaction(c -> store.insert(c, k, caller.username()))
                .map(saved -> Response.created(URI.create(uri.getPath() + "/" + saved.id())).entity(saved).build());
    }

    @RolesAllowed({"admin", "committee"})
    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a committee (committee, admin); `version` is the version edited (409 if stale)")
    public Uni<Committee> replace(@PathParam("id") String id, Committee k) {
        Caller caller = Caller.of(identity);
        GovernancePolicy.requireCommittee(caller);
        check(k, false);
        return pool.withTransaction(c -> store.committee(c, id).flatMap(before -> store.update(c, before, k, caller.username())));
    }

    private static void check(Committee k, boolean creating) {
        if (k == null) {
            throw ApiException.invalid("body", "a JSON committee is required");
        }
        var errors = ReviewRequests.check(k, creating);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }
}
