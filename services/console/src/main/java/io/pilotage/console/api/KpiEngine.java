package io.pilotage.console.api;

import io.pilotage.contracts.KpiValue;
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

/** The KPI engine's read API; every call carries the signed-in person's bearer token. */
@RegisterRestClient(configKey = "kpi-engine")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public interface KpiEngine {

    @GET
    @Path("kpis")
    Uni<List<Api.Kpi>> kpis(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @QueryParam("project") String project);

    @GET
    @Path("kpis/{key}/values")
    Uni<List<KpiValue>> values(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("key") String key,
                               @QueryParam("granularity") String granularity, @QueryParam("from") String from,
                               @QueryParam("to") String to);

    @GET
    @Path("kpis/{key}/values")
    @Produces("text/csv")
    Uni<String> valuesCsv(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("key") String key,
                          @QueryParam("granularity") String granularity, @QueryParam("from") String from,
                          @QueryParam("to") String to);

    @GET
    @Path("kpis/{key}/explain")
    Uni<Api.Explanation> explain(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("key") String key,
                                 @QueryParam("period") String period);

    @GET
    @Path("kpis/{key}/forecast")
    Uni<Api.Forecast> forecast(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("key") String key,
                               @QueryParam("period") String period);

    @GET
    @Path("projects/{project}/scorecard")
    Uni<Api.Scorecard> scorecard(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("project") String project,
                                 @QueryParam("period") String period);

    @GET
    @Path("portfolio/scorecard")
    Uni<Api.Portfolio> portfolio(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @QueryParam("period") String period);
}
