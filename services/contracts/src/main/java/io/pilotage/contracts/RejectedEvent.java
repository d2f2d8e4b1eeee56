package io.pilotage.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * An event ingestion refused, published on {@link Topics#EVENTS_REJECTED} (key: source) with
 * every reason, for governance's data-quality statistics.
 *
 * @param source     source id
 * @param project    project key when known
 * @param eventId    the event's id when known
 * @param receivedAt when ingestion received it
 * @param reasons    every failed check
 * @param payload    the offending item as received, truncated to a bounded length, personal data
 *                   already pseudonymised
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RejectedEvent(String source, String project, String eventId, Instant receivedAt,
                            List<Reason> reasons, String payload) {

    public RejectedEvent {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    /**
     * @param field   the failing field ({@code occurredAt}, {@code attributes.severity}, ...)
     * @param rule    the rule ({@code required}, {@code not_null}, {@code between}, a quality
     *                rule's name, ...)
     * @param message a readable explanation
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Reason(String field, String rule, String message) {
    }
}
