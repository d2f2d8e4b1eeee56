package io.pilotage.governance.source;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.RejectedEvent;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Duration;

/**
 * Counts the events ingestion rejected ({@code pilotage.events.rejected.v1}) into per-source
 * quality results. Never halted by one record: a record that cannot be read (not a
 * {@code RejectedEvent}, no source) is nacked to the dead-letter topic
 * {@code pilotage.governance.dlq.v1} (with its reason, partition and offset in
 * headers) and counted in {@code pilotage_governance_rejected_dead_letters_total}; a database
 * failure is retried with backoff without skipping. A redelivered record is not counted twice
 * (the applied offset is stored with the counts).
 */
@ApplicationScoped
public class RejectedEventsConsumer {

    private final Pool pool;
    private final QualityStats stats;
    private final Counter deadLetters;
    private final Counter applied;

    public RejectedEventsConsumer(Pool pool, QualityStats stats, MeterRegistry registry) {
        this.pool = pool;
        this.stats = stats;
        this.deadLetters = registry.counter("pilotage.governance.rejected.dead.letters");
        this.applied = registry.counter("pilotage.governance.rejected.applied");
    }

    /** A record that retrying cannot fix. */
    static final class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    @Incoming("rejected-in")
    public Uni<Void> consume(Message<byte[]> message) {
        var meta = message.getMetadata(IncomingKafkaRecordMetadata.class).orElse(null);
        int partition = meta == null ? -1 : meta.getPartition();
        long offset = meta == null ? -1 : meta.getOffset();
        RejectedEvent event;
        try {
            event = decode(message.getPayload());
        } catch (Unreadable e) {
            return deadLetter(message, e, partition, offset);
        }
        return pool.withTransaction(c -> stats.apply(c, partition, offset, event))
                .onFailure(e -> !permanent(e)).retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(30)).indefinitely()
                .onItem().transformToUni(counted -> {
                    if (counted) {
                        applied.increment();
                    }
                    return Uni.createFrom().completionStage(message.ack());
                })
                .onFailure().recoverWithUni(e -> deadLetter(message, e, partition, offset));
    }

    private Uni<Void> deadLetter(Message<byte[]> message, Throwable reason, int partition, long offset) {
        deadLetters.increment();
        Log.warnf("rejected-event record at partition %d offset %d dead-lettered: %s", partition, offset, reason.getMessage());
        return Uni.createFrom().completionStage(message.nack(reason));
    }

    static RejectedEvent decode(byte[] payload) {
        if (payload == null) {
            throw new Unreadable("empty record (no value)");
        }
        RejectedEvent e;
        try {
            e = JsonCodec.decode(payload, RejectedEvent.class);
        } catch (RuntimeException x) {
            throw new Unreadable("not a RejectedEvent: " + x.getMessage());
        }
        if (e == null || e.source() == null || e.source().isBlank()) {
            throw new Unreadable("a rejected event must name its source");
        }
        if (e.source().length() > 200) {
            throw new Unreadable("source id longer than 200 characters");
        }
        return e;
    }

    /** Data errors (SQLSTATE classes 22 and 23) will fail again: dead-letter them instead of retrying. */
    static boolean permanent(Throwable e) {
        return e instanceof PgException pg && pg.getSqlState() != null
                && (pg.getSqlState().startsWith("22") || pg.getSqlState().startsWith("23"));
    }
}
