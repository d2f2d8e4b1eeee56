package io.pilotage.ingestion.event;

import io.pilotage.contracts.CanonicalEvent;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Puts events durably on the events topic; a stage completes on the broker's acknowledgement. */
@FunctionalInterface
public interface EventPublisher {

    CompletionStage<Void> publish(CanonicalEvent event);

    /**
     * Publishes every encoded event, all sent before any acknowledgement is awaited; completes once
     * every one is acknowledged, fails if any could not be. This default decodes each and publishes
     * it alone; the broker's publisher sends the encoded records as they are.
     */
    default CompletionStage<Void> publishAll(List<EncodedEvent> events) {
        return CompletableFuture.allOf(events.stream().map(e -> publish(e.decode()).toCompletableFuture())
                .toArray(CompletableFuture[]::new));
    }
}
