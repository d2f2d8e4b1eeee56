package io.pilotage.ingestion.quarantine;

import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.RejectedEvent;
import io.pilotage.contracts.Topics;
import io.pilotage.ingestion.event.RejectionSink;
import io.pilotage.ingestion.publish.PublicationFailedException;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Rejected events to {@link Topics#EVENTS_REJECTED} (key: source, for governance's data-quality
 * statistics) and to the quarantine table, both before the answer is sent.
 */
@ApplicationScoped
public class QuarantineSink implements RejectionSink {

    private final MutinyEmitter<byte[]> emitter;
    private final QuarantineRepository repository;

    public QuarantineSink(@Channel("rejected-out") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) MutinyEmitter<byte[]> emitter, QuarantineRepository repository) {
        this.emitter = emitter;
        this.repository = repository;
    }

    @Override
    public CompletionStage<Void> reject(List<RejectedEvent> rejected) {
        List<Uni<Void>> sends = rejected.stream()
                .map(r -> emitter.sendMessage(Message.of(JsonCodec.encode(r))
                        .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(r.source()).build())))
                .toList();
        return Uni.combine().all().unis(sends).discardItems()
                .onFailure().transform(PublicationFailedException::new)
                .chain(() -> repository.insert(rejected))
                .subscribeAsCompletionStage();
    }
}
