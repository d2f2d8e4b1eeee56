package io.pilotage.kpi.rest;

import io.pilotage.kpi.job.JobView;
import io.pilotage.kpi.job.Jobs;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/** Recompute, replay and backfill jobs: progress and cancellation. */
@Path("/kpi-jobs")
@Tag(name = "jobs")
public class JobsResource {

    private final Jobs jobs;

    public JobsResource(Jobs jobs) {
        this.jobs = jobs;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "committee", "project-owner", "analyst"})
    @Operation(summary = "The 100 latest jobs, newest first")
    public List<JobView> list() throws SQLException {
        return jobs.latest(100);
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "committee", "project-owner", "analyst"})
    @Operation(summary = "A job: state, events done of total, estimated seconds left")
    public JobView get(@PathParam("id") String id) throws SQLException {
        return jobs.find(uuid(id)).orElseThrow(() -> Params.notFound("no job '" + id + "'"));
    }

    @POST
    @Path("/{id}/cancel")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(summary = "Cancel a job: a queued job at once, a running one after the day it is rebuilding")
    public JobView cancel(@PathParam("id") String id) throws SQLException {
        return jobs.cancel(uuid(id)).orElseThrow(() -> Params.notFound("no job '" + id + "'"));
    }

    @DELETE
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(summary = "Same as POST /kpi-jobs/{id}/cancel")
    public JobView delete(@PathParam("id") String id) throws SQLException {
        return cancel(id);
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw Params.notFound("no job '" + id + "'");
        }
    }
}
