package io.pilotage.governance.definition;

import io.pilotage.contracts.definition.SourceDefinition;
import io.pilotage.contracts.definition.SourceKeySeal;

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
    private final SourceKeySeal seal;

    public DefinitionPublisher(@Channel("definitions-out") MutinyEmitter<Record<String, byte[]>> emitter, SourceKeySeal seal) {
        this.emitter = emitter;
        this.seal = seal;
    }

    public Uni<Void> publish(Definition definition) {
        return emitter.send(Record.of(definition.key(), JsonCodec.encode(sealed(definition))))
                .onFailure().transform(DefinitionPublicationException::new);
    }

    public Uni<Void> publishAll(List<Definition> definitions) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Definition d : definitions) {
            chain = chain.chain(() -> publish(d));
        }
        return chain;
    }

    /**
     * The definition as it may travel: a source's signing keys sealed ({@link SourceKeySeal}), also
     * those of a source stored before keys were sealed, so the topic never carries one in the clear.
     */
    Definition sealed(Definition d) {
        SourceDefinition s = d.source();
        if (s == null) {
            return d;
        }
        return new Definition(d.kind(), d.version(), d.updatedAt(), d.updatedBy(), d.reason(), d.kpi(), d.project(),
                s.withSecrets(seal.sealAll(s.secrets())));
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
