package io.pilotage.governance.audit;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** One entry of the audit log: who did what to which entity, when, why, and the entity before and after. */
public record AuditEntry(long id, Instant at, String actor, String entityType, String entityId, String action,
                         String reason, JsonNode before, JsonNode after) {
}
