package io.pilotage.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.Map;

/**
 * The canonical event (DESIGN §2.1): what every source adapter produces and what the KPI engine
 * consumes from {@link Topics#EVENTS}.
 *
 * @param id         idempotency key, unique per {@code source}
 * @param source     registered source id (e.g. {@code odoo-prod})
 * @param project    project key (e.g. {@code erp})
 * @param type       event type (e.g. {@code document.validated})
 * @param occurredAt when it happened at the source; periods are placed by this instant
 * @param receivedAt when ingestion received it
 * @param entity     correlates lifecycle events (a document, an incident); optional
 * @param subject    a person, always a pseudonym once it leaves ingestion; optional
 * @param value      the event's main measure; optional
 * @param attributes further typed attributes; never null once decoded
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CanonicalEvent(
        String id,
        String source,
        String project,
        String type,
        Instant occurredAt,
        Instant receivedAt,
        String entity,
        String subject,
        Double value,
        Map<String, Object> attributes) {

    public CanonicalEvent {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** A copy with {@code receivedAt} set. */
    public CanonicalEvent withReceivedAt(Instant at) {
        return new CanonicalEvent(id, source, project, type, occurredAt, at, entity, subject, value, attributes);
    }

    /** A copy with {@code subject} replaced (used by pseudonymisation). */
    public CanonicalEvent withSubject(String newSubject) {
        return new CanonicalEvent(id, source, project, type, occurredAt, receivedAt, entity, newSubject, value, attributes);
    }
}
