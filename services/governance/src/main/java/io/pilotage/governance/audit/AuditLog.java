package io.pilotage.governance.audit;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Arrays;

/**
 * Appends to the audit log (table {@code audit_log}) in the caller's transaction, so a change and
 * its audit entry commit or roll back together. There is no update or delete here, and the
 * table's trigger refuses them for every database role (see {@code V2__definitions_audit.sql}).
 */
@ApplicationScoped
public class AuditLog {

    /**
     * @param before the entity's JSON before the change (null on create)
     * @param after  its JSON after (null on delete)
     */
    public Uni<Void> append(SqlClient c, String actor, String entityType, String entityId, String action, String reason,
                            String before, String after) {
        return c.preparedQuery("insert into audit_log (actor, entity_type, entity_id, action, reason, before, after)"
                        + " values ($1, $2, $3, $4, $5, $6::text::jsonb, $7::text::jsonb)")
                .execute(Tuple.from(Arrays.asList(actor, entityType, entityId, action, reason, before, after)))
                .replaceWithVoid();
    }
}
