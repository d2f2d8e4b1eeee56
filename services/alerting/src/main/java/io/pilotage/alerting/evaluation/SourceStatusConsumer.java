package io.pilotage.alerting.evaluation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pilotage.alerting.rule.SourceActivity;
import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.SourceStatus;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.Optional;

/**
 * Reads the compacted {@code pilotage.source-status.v1} from its beginning at every start (a group of
 * its own per process) into {@link SourceActivity}, which {@link SilenceWatch} evaluates
 * {@code source_silent} rules from. An undecodable or invalid record is dead-lettered and counted;
 * the consumer goes on.
 */
@ApplicationScoped
public class SourceStatusConsumer {

    private final SourceActivity activity;
    private final DeadLetters deadLetters;
    private final Counter applied;

    public SourceStatusConsumer(SourceActivity activity, DeadLetters deadLetters, MeterRegistry registry) {
        this.activity = activity;
        this.deadLetters = deadLetters;
        this.applied = registry.counter("pilotage_alerting_source_statuses", "outcome", "applied");
    }

    @Produces
    @ApplicationScoped
    static SourceActivity sourceActivity() {
        return new SourceActivity();
    }

    @Incoming("source-status-in")
    public Uni<Void> consume(Message<byte[]> message) {
        if (message.getPayload() == null) {
            return Uni.createFrom().completionStage(message.ack());
        }
        SourceStatus status;
        try {
            status = JsonCodec.decode(message.getPayload(), SourceStatus.class);
        } catch (RuntimeException e) {
            return deadLetter(message, "undecodable source status: " + e.getMessage());
        }
        Optional<String> invalid = SourceActivity.invalid(status);
        if (invalid.isPresent()) {
            return deadLetter(message, invalid.get());
        }
        activity.apply(status);
        applied.increment();
        return Uni.createFrom().completionStage(message.ack());
    }

    private Uni<Void> deadLetter(Message<byte[]> message, String reason) {
        return deadLetters.record(message, reason).chain(() -> Uni.createFrom().completionStage(message.ack()));
    }
}
