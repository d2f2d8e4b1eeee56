package io.pilotage.ingestion.event;

import io.pilotage.contracts.CanonicalEvent;

import java.util.concurrent.CompletionStage;

/** Puts one event durably on the events topic; the stage completes on the broker's acknowledgement. */
@FunctionalInterface
public interface EventPublisher {
    CompletionStage<Void> publish(CanonicalEvent event);
}
