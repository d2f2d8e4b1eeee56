package io.pilotage.governance.definition;

import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.definition.Definition;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

import java.util.List;

/**
 * Publishes definitions on the compacted {@code pilotage.definitions.v1}, keyed by
 * {@link Definition#key()}; a deletion is a tombstone (null value) under the same key. Each
 * returned {@link Uni} completes once the broker acknowledged ({@code acks=all}), and callers
 * publish inside their database transaction: a change Kafka did not take is rolled back.
 */
@ApplicationScoped
public class DefinitionPublisher {

    private final MutinyEmitter<Record<String, byte[]>> emitter;

    public DefinitionPublisher(@Channel("definitions-out") MutinyEmitter<Record<String, byte[]>> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> publish(Definition definition) {
        return emitter.send(Record.of(definition.key(), JsonCodec.encode(definition)))
                .onFailure().transform(DefinitionPublicationException::new);
    }

    public Uni<Void> publishAll(List<Definition> definitions) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Definition d : definitions) {
            chain = chain.chain(() -> publish(d));
        }
        return chain;
    }

    /** Deletes a definition from the compacted topic. */
    public Uni<Void> tombstone(String key) {
        return emitter.send(Record.<String, byte[]>of(key, null))
                .onFailure().transform(DefinitionPublicationException::new);
    }

    /** Kafka did not acknowledge a definition: the change is rolled back, the client may retry. */
    public static class DefinitionPublicationException extends RuntimeException {
        DefinitionPublicationException(Throwable cause) {
            super("the definition could not be published: " + cause.getMessage(), cause);
        }
    }
}
