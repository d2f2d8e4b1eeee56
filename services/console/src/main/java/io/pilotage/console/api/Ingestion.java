package io.pilotage.console.api;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.List;

/** Ingestion's supervision and quarantine API, with the signed-in person's token. */
@RegisterRestClient(configKey = "ingestion")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public interface Ingestion {

    @GET
    @Path("ingestion/sources/stats")
    Uni<List<Api.SourceStats>> stats(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer);

    @GET
    @Path("quarantine")
    Uni<List<Api.Quarantined>> quarantine(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @QueryParam("status") String status,
                                          @QueryParam("source") String source, @QueryParam("limit") Integer limit);

    @PUT
    @Path("quarantine/{id}/fix")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> fix(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("id") long id, String event);

    @POST
    @Path("quarantine/{id}/replay")
    Uni<Response> replay(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("id") long id);

    @DELETE
    @Path("quarantine/{id}")
    Uni<Response> discard(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("id") long id);
}
