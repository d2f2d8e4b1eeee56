package io.pilotage.console.api;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.List;
import java.util.Map;

/** Alerting's API; every call carries the signed-in person's bearer token, so alerting's own checks decide. */
@RegisterRestClient(configKey = "alerting")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public interface Alerting {

    @GET
    @Path("alerts")
    Uni<List<Api.Alert>> alerts(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @QueryParam("project") String project,
                                @QueryParam("state") String state, @QueryParam("kpi") String kpi,
                                @QueryParam("limit") Integer limit);

    @GET
    @Path("alerts/{id}/history")
    Uni<Api.AlertHistory> history(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("id") String id);

    @POST
    @Path("alerts/{id}/ack")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Api.Alert> acknowledge(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("id") String id,
                               Map<String, Object> body);

    @POST
    @Path("silences")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Map<String, Object>> silence(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, Map<String, Object> body);

    @GET
    @Path("notifications")
    Uni<List<Api.Notification>> notifications(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
                                              @QueryParam("project") String project, @QueryParam("limit") Integer limit);

    @GET
    @Path("subscriptions")
    Uni<List<Api.Subscription>> subscriptions(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer);
}
