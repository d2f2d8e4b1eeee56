package io.pilotage.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * A record a consumer can never apply (undecodable, unstorable, violating a definition), as
 * published on a dead-letter topic such as {@link Topics#KPI_ENGINE_DLQ}.
 *
 * @param consumer  which consumer gave up on it (e.g. {@code kpi-engine})
 * @param topic     the record's topic
 * @param partition the record's partition
 * @param offset    the record's offset
 * @param key       the record's key, when it had one
 * @param reason    why it can never be applied
 * @param payload   the record's value as text, truncated to a bounded length
 * @param at        when it was dead-lettered
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetter(String consumer, String topic, int partition, long offset, String key, String reason,
                         String payload, Instant at) {

    /** Longest payload kept, in characters. */
    public static final int MAX_PAYLOAD = 4096;

    public DeadLetter {
        if (payload != null && payload.length() > MAX_PAYLOAD) {
            payload = payload.substring(0, MAX_PAYLOAD) + "…";
        }
    }
}
