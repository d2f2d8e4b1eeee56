package io.pilotage.governance.audit;

import io.pilotage.contracts.JsonCodec;
import io.pilotage.governance.rest.ApiException;
import io.pilotage.governance.rest.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The audit log (DESIGN §5.6), read-only: this resource has no write method, and the table
 * refuses UPDATE, DELETE and TRUNCATE to every database role.
 */
@Path("/audit")
@Tag(name = "audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"admin", "committee", "project-owner", "analyst"})
public class AuditResource {

    private static final String FILTER = " where ($1::text is null or entity_type = $1) and ($2::text is null or entity_id = $2)"
            + " and ($3::text is null or actor = $3) and ($4::timestamptz is null or at >= $4) and ($5::timestamptz is null or at < $5)";

    private final Pool pool;

    public AuditResource(Pool pool) {
        this.pool = pool;
    }

    @GET
    @Operation(summary = "Audit entries, newest first, filtered by entity (entityType: project, kpi, source, committee, "
            + "review, decision, action, lesson; entityId), user (actor) and time ([from, to), ISO-8601); paginated")
    public Uni<Response> list(@QueryParam("entityType") String entityType, @QueryParam("entityId") String entityId,
                              @QueryParam("actor") String actor, @QueryParam("from") String from, @QueryParam("to") String to,
                              @QueryParam("page") Integer page, @QueryParam("size") Integer size, @Context UriInfo uri) {
        PageRequest p = PageRequest.of(page, size);
        OffsetDateTime f = instant("from", from);
        OffsetDateTime t = instant("to", to);
        if (f != null && t != null && !f.isBefore(t)) {
            throw ApiException.invalid("to", "must be after from");
        }
        List<Object> args = Arrays.asList(entityType, entityId, actor, f, t);
        return pool.withConnection(c -> c.preparedQuery("select count(*) from audit_log" + FILTER).execute(Tuple.from(args))
                .map(rs -> rs.iterator().next().getLong(0))
                .flatMap(total -> {
                    List<Object> paged = new ArrayList<>(args);
                    paged.add(p.offset());
                    paged.add(p.size());
                    return c.preparedQuery("select id, at, actor, entity_type, entity_id, action, reason, before::text as before,"
                                    + " after::text as after from audit_log" + FILTER + " order by id desc offset $6 limit $7")
                            .execute(Tuple.from(paged))
                            .map(rs -> {
                                List<AuditEntry> out = new ArrayList<>();
                                for (Row r : rs) {
                                    out.add(entry(r));
                                }
                                return p.response(out, total, uri);
                            });
                }));
    }

    private static AuditEntry entry(Row r) {
        return new AuditEntry(r.getLong("id"), r.getOffsetDateTime("at").toInstant(), r.getString("actor"),
                r.getString("entity_type"), r.getString("entity_id"), r.getString("action"), r.getString("reason"),
                json(r.getString("before")), json(r.getString("after")));
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String s) {
        try {
            return s == null ? null : JsonCodec.mapper().readTree(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OffsetDateTime instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value).atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(field, "not an ISO-8601 instant such as 2026-11-02T09:14:03Z");
        }
    }
}
