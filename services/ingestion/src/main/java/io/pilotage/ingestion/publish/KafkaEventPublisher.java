package io.pilotage.ingestion.publish;

import io.pilotage.contracts.CanonicalEvent;
import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.Topics;
import io.pilotage.ingestion.event.EventPublisher;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletionStage;

/**
 * Publishes canonical events to {@link Topics#EVENTS}, keyed by {@link Topics#eventKey} ({@code project/entity}, else {@code project/subject}, else
 * {@code project/id}). The returned
 * stage completes when the broker has acknowledged the record ({@code acks=all}, idempotent
 * producer: see {@code mp.messaging.outgoing.events-out.*}), and fails if it could not. The
 * emitter buffers without bound: what it holds is bounded by the requests in progress (each
 * bounded by the item limit), and the producer's own buffer and {@code max.block.ms} turn an
 * overloaded broker into failed sends (503), never into a silent drop.
 */
@ApplicationScoped
public class KafkaEventPublisher implements EventPublisher {

    private final MutinyEmitter<byte[]> emitter;

    public KafkaEventPublisher(@Channel("events-out") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    @Override
    public CompletionStage<Void> publish(CanonicalEvent event) {
        Message<byte[]> message = Message.of(JsonCodec.encode(event))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(Topics.eventKey(event)).build());
        return emitter.sendMessage(message)
                .onFailure().transform(PublicationFailedException::new)
                .subscribeAsCompletionStage();
    }
}
