package io.pilotage.ingestion.event;

import io.pilotage.contracts.RejectedEvent;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Where rejected events go (DESIGN §2.3): the rejected-events topic and the quarantine. The stage
 * completes once both hold them, so a rejection is never silently dropped.
 */
@FunctionalInterface
public interface RejectionSink {
    CompletionStage<Void> reject(List<RejectedEvent> rejected);
}
