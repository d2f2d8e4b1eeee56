package io.pilotage.governance.source;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.SourceStatus;
import io.pilotage.contracts.definition.Definition;
import io.pilotage.governance.definition.DefinitionStore;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Duration;
import java.time.LocalDate;

/**
 * Counts ingestion's {@link SourceStatus} records ({@code pilotage.source-status.v1}) into per-day
 * pass rates ({@link PassRates}) and publishes each changed day of a source registered here (in
 * its registered project). Never halted by one record: one
 * that cannot be read (undecodable, no source, instance or time) is nacked to the dead-letter topic
 * {@code pilotage.governance.dlq.v1} and counted in
 * {@code pilotage_governance_source_status_dead_letters_total}; so is one whose database write
 * breaks a data rule (SQLSTATE classes 22 and 23). A database or broker failure is retried with
 * backoff for about two minutes and then dead-lettered too: a status carries cumulative counts, so
 * the instance's next status brings the counts the dead-lettered one would have added, and the
 * consumer never stops on one record.
 */
@ApplicationScoped
public class SourceStatusConsumer {

    private final Pool pool;
    private final PassRates rates;
    private final Counter deadLetters;
    private final DefinitionStore store;

    public SourceStatusConsumer(Pool pool, PassRates rates, DefinitionStore store, MeterRegistry registry) {
        this.pool = pool;
        this.store = store;
        this.rates = rates;
        this.deadLetters = registry.counter("pilotage.governance.source.status.dead.letters");
    }

    @Incoming("source-status-in")
    public Uni<Void> consume(Message<byte[]> message) {
        SourceStatus s;
        try {
            s = decode(message.getPayload());
        } catch (IllegalArgumentException e) {
            return deadLetter(message, e);
        }
        LocalDate day = rates.dayOf(s.at());
        // counted for every source; published for sources registered here, in their registered project
        return pool.withTransaction(c -> rates.apply(c, s, day).flatMap(counts -> counts == null
                        ? Uni.createFrom().<Published>nullItem()
                        : store.find(c, Definition.Kind.SOURCE, s.source())
                                .map(src -> src == null ? null : new Published(src.project(), counts))))
                .chain(p -> p == null ? Uni.createFrom().voidItem() : rates.publish(s.source(), p.project(), day, p.counts()))
                // bounded: statuses carry cumulative counts, so the next status of the instance
                // brings whatever a dead-lettered one would have added
                .onFailure(e -> !RejectedEventsConsumer.permanent(e)).retry()
                .withBackOff(Duration.ofMillis(500), Duration.ofSeconds(15)).atMost(RETRIES)
                .chain(() -> Uni.createFrom().completionStage(message.ack()))
                .onFailure().recoverWithUni(e -> deadLetter(message, e));
    }

    /** Attempts after the first before a status is dead-lettered (about two minutes of backoff). */
    static final int RETRIES = 10;

    private Uni<Void> deadLetter(Message<byte[]> message, Throwable reason) {
        var meta = message.getMetadata(IncomingKafkaRecordMetadata.class).orElse(null);
        deadLetters.increment();
        Log.warnf("source-status record at partition %d offset %d dead-lettered: %s",
                meta == null ? -1 : meta.getPartition(), meta == null ? -1 : meta.getOffset(), reason.getMessage());
        return Uni.createFrom().completionStage(message.nack(reason));
    }

    private record Published(String project, PassRate.Counts counts) {
    }

    static SourceStatus decode(byte[] payload) {
        if (payload == null) {
            throw new IllegalArgumentException("empty record (no value)");
        }
        SourceStatus s;
        try {
            s = JsonCodec.decode(payload, SourceStatus.class);
        } catch (RuntimeException x) {
            throw new IllegalArgumentException("not a SourceStatus: " + x.getMessage());
        }
        if (s == null || s.source() == null || s.source().isBlank() || s.source().length() > 200) {
            throw new IllegalArgumentException("a source status must name its source (at most 200 characters)");
        }
        if (s.instance() == null || s.instance().isBlank() || s.at() == null) {
            throw new IllegalArgumentException("a source status must name its instance and time");
        }
        if (s.received() < 0 || s.rejected() < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
        return s;
    }
}
