package io.pilotage.governance.review;

import io.pilotage.governance.rest.ApiException;
import io.pilotage.governance.rest.PageRequest;
import io.pilotage.governance.security.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
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

import java.util.UUID;

/** Actions decided in reviews: listed (overdue ones with {@code overdue=true}) and updated by the committee. */
@Path("/actions")
@Tag(name = "committees and reviews")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"admin", "committee", "project-owner", "analyst"})
public class ActionsResource {

    private final Pool pool;
    private final ReviewStore store;
    private final ReviewService reviews;
    private final SecurityIdentity identity;

    public ActionsResource(Pool pool, ReviewStore store, ReviewService reviews, SecurityIdentity identity) {
        this.pool = pool;
        this.store = store;
        this.reviews = reviews;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "Actions by due date; overdue=true: past due and still open or in progress; filters owner, status, "
            + "review (paginated)")
    public Uni<Response> list(@QueryParam("overdue") @DefaultValue("false") boolean overdue, @QueryParam("owner") String owner,
                              @QueryParam("status") String status, @QueryParam("review") String review,
                              @QueryParam("page") Integer page, @QueryParam("size") Integer size, @Context UriInfo uri) {
        PageRequest p = PageRequest.of(page, size);
        if (status != null && !ReviewRequests.ACTION_STATUSES.contains(status)) {
            throw ApiException.invalid("status", "one of open, in_progress, done, cancelled");
        }
        UUID r = review == null ? null : ReviewsResource.uuid(review);
        var today = reviews.today();
        return pool.withConnection(c -> store.actions(c, overdue, owner, status, r, today, p.offset(), p.size())
                .flatMap(items -> store.countActions(c, overdue, owner, status, r, today).map(total -> p.response(items, total, uri))));
    }

    @GET
    @Path("/{id}")
    public Uni<Review.Action> get(@PathParam("id") String id) {
        java.util.UUID key = ReviewsResource.uuid(id); // outside the connection: a refused id must not leak it
        return pool.withConnection(c -> store.action(c, key, reviews.today()));
    }

    @RolesAllowed({"admin", "committee"})
    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Update an action (committee, admin); `version` is the version edited (409 if stale)")
    public Uni<Review.Action> update(@PathParam("id") String id, ReviewRequests.ActionRequest a) {
        if (a == null) {
            throw ApiException.invalid("body", "a JSON action is required");
        }
        return reviews.updateAction(Caller.of(identity), ReviewsResource.uuid(id), a);
    }
}
