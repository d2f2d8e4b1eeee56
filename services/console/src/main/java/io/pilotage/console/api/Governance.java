package io.pilotage.console.api;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.List;

/** Governance's API (projects, definition history, committees, reviews), with the signed-in person's token. */
@RegisterRestClient(configKey = "governance")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public interface Governance {

    @GET
    @Path("projects")
    Uni<List<Api.Project>> projects(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @QueryParam("size") Integer size);

    @GET
    @Path("projects/{project}/kpis/{kpi}/history")
    Uni<List<Api.DefinitionVersion>> kpiHistory(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
                                                @PathParam("project") String project, @PathParam("kpi") String kpi,
                                                @QueryParam("size") Integer size);

    @GET
    @Path("sources")
    Uni<List<Api.Source>> sources(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @QueryParam("size") Integer size);

    @GET
    @Path("sources/{id}/quality")
    Uni<Api.SourceQuality> quality(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("id") String id);

    @GET
    @Path("committees")
    Uni<List<Api.Committee>> committees(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @QueryParam("size") Integer size);

    @GET
    @Path("reviews")
    Uni<List<Api.Review>> reviews(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @QueryParam("size") Integer size);

    @GET
    @Path("reviews/{id}")
    Uni<Api.Review> review(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("id") String id);

    @GET
    @Path("reviews/{id}/pack.html")
    @Produces(MediaType.TEXT_HTML)
    Uni<String> pack(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("id") String id);
}
