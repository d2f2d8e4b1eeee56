package io.pilotage.ingestion.backfill;

import io.pilotage.contracts.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** {@code GET /ingestion/backfills}: the audit of history imports, newest first, for admins. */
@Path("/ingestion/backfills")
@Tag(name = "history import")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@RolesAllowed(Backfill.ROLE)
public class BackfillResource {

    private final BackfillAudit audit;

    public BackfillResource(BackfillAudit audit) {
        this.audit = audit;
    }

    @GET
    @Operation(summary = "Audited history imports (who, when, source, route, items accepted/duplicate/rejected, "
            + "earliest and latest occurredAt), newest first; admin only")
    public Uni<Response> list(@QueryParam("source") String source, @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 1000) {
            Problem p = Problem.invalid("limit must be between 1 and 1000", "/ingestion/backfills",
                    List.of(new Problem.FieldError("limit", "must be between 1 and 1000")));
            return Uni.createFrom().item(Response.status(400).type(Problem.MEDIA_TYPE).entity(p).build());
        }
        return audit.list(source == null || source.isBlank() ? null : source, limit)
                .map(rows -> Response.ok(rows).build());
    }
}
