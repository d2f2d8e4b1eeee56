package io.pilotage.ingestion.quarantine;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pilotage.contracts.RejectedEvent;

import java.time.Instant;
import java.util.List;

/**
 * One rejected event kept in quarantine: what was received (personal data already out), why it was
 * refused, and its fate ({@code open}, {@code replayed}, {@code discarded}). {@code fixedPayload}
 * is the corrected event an operator saved, replayed instead of {@code payload}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QuarantinedEvent(long id, String source, String project, String eventId, Instant receivedAt,
                               List<RejectedEvent.Reason> reasons, String payload, String status,
                               String fixedPayload, Instant updatedAt) {
}
