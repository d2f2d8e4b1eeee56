package io.pilotage.alerting.definition;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pilotage.alerting.evaluation.DeadLetters;
import io.pilotage.alerting.notification.OwnerSubscriber;
import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.definition.Definition;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Duration;

/**
 * Keeps {@link Definitions} up to date from the compacted {@code pilotage.definitions.v1}. A record
 * that cannot be decoded is dead-lettered; a database failure is retried without skipping.
 */
@ApplicationScoped
public class DefinitionConsumer {

    private final Definitions definitions;
    private final DeadLetters deadLetters;
    private final Counter applied;
    private final OwnerSubscriber owners;

    public DefinitionConsumer(Definitions definitions, DeadLetters deadLetters, MeterRegistry registry,
                              OwnerSubscriber owners) {
        this.owners = owners;
        this.definitions = definitions;
        this.deadLetters = deadLetters;
        this.applied = registry.counter("pilotage_alerting_definitions", "outcome", "applied");
    }

    @Incoming("definitions-in")
    public Uni<Void> consume(Message<byte[]> message) {
        if (message.getPayload() == null) {
            // a tombstone: the definition was deleted; alerts on it stop being evaluated with the next values
            return Uni.createFrom().completionStage(message.ack());
        }
        Definition d;
        try {
            d = JsonCodec.decode(message.getPayload(), Definition.class);
        } catch (RuntimeException e) {
            return deadLetters.record(message, "undecodable definition: " + e.getMessage())
                    .chain(() -> Uni.createFrom().completionStage(message.ack()));
        }
        return definitions.apply(d)
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                .invoke(changed -> {
                    if (changed) {
                        applied.increment();
                    }
                })
                // a project's owners or a KPI's owner may have changed: their default subscriptions follow
                .chain(changed -> changed && d.kind() != Definition.Kind.SOURCE
                        ? owners.sync(d.kind() == Definition.Kind.KPI ? d.kpi().project() : d.project().key())
                                .onFailure().recoverWithNull()
                        : Uni.createFrom().voidItem())
                .chain(() -> Uni.createFrom().completionStage(message.ack()));
    }
}
