package io.pilotage.kpi.rest;

import io.pilotage.contracts.DeadLetter;
import io.pilotage.kpi.deadletter.DeadLetters;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.sql.SQLException;
import java.util.List;

/** Records the engine could never apply (also on {@code pilotage.kpi-engine.dlq.v1}). */
@Path("/dead-letters")
@Tag(name = "dead letters")
public class DeadLettersResource {

    private final DeadLetters deadLetters;

    public DeadLettersResource(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "committee", "project-owner", "analyst"})
    @Operation(summary = "The latest dead letters, newest first: reason, topic, partition, offset, payload")
    public List<DeadLetter> list(@Parameter(description = "only this topic") @QueryParam("topic") String topic,
                                 @Parameter(description = "1 to 1000, default 100") @QueryParam("limit") String limit)
            throws SQLException {
        int n = limit == null ? 100 : Params.parse("limit", limit, s -> {
            int v = Integer.parseInt(s);
            if (v < 1 || v > 1000) {
                throw new IllegalArgumentException("must be between 1 and 1000, got " + v);
            }
            return v;
        });
        return deadLetters.latest(topic, n);
    }
}
