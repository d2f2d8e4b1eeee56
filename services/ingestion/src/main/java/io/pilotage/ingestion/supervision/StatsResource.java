package io.pilotage.ingestion.supervision;

import io.pilotage.contracts.Problem;
import io.pilotage.ingestion.source.SourceRegistry;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * {@code GET /ingestion/sources/stats}: per-source counters since this instance started (received,
 * accepted, duplicate, rejected, flagged, auth failures, rate-limited), last event time, expected
 * interval and whether the source is silent past it. (Not under {@code /sources}: that path is
 * governance's source registry.)
 */
@Path("/ingestion/sources/stats")
@Tag(name = "supervision")
public class StatsResource {

    private final SourceStats stats;
    private final SourceRegistry sources;

    public StatsResource(SourceStats stats, SourceRegistry sources) {
        this.stats = stats;
        this.sources = sources;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @RolesAllowed({"admin", "committee", "project-owner", "analyst"})
    @Operation(summary = "Per-source ingestion counters, last event time and silence")
    public List<SourceStats.SourceSnapshot> stats() {
        return stats.snapshot(List.copyOf(sources.all()));
    }
}
