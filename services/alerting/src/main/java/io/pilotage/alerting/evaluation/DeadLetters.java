package io.pilotage.alerting.evaluation;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Records that can never be applied (undecodable, invalid, unknown KPI): stored with their reason,
 * topic, partition and offset in table {@code dead_letter}, counted in
 * {@code pilotage_alerting_dead_letters_total{topic}}, listed by {@code GET /alerts/dead-letters}; the
 * consumer goes on with the next record.
 */
@ApplicationScoped
public class DeadLetters {

    private static final int MAX_PAYLOAD = 4000;

    private final Pool pool;
    private final MeterRegistry registry;

    public DeadLetters(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        this.registry = registry;
    }

    public Uni<Void> record(Message<byte[]> message, String reason) {
        var meta = message.getMetadata(IncomingKafkaRecordMetadata.class).orElse(null);
        String topic = meta == null ? "?" : meta.getTopic();
        int partition = meta == null ? -1 : meta.getPartition();
        long offset = meta == null ? -1 : meta.getOffset();
        String key = meta == null || meta.getKey() == null ? null : meta.getKey().toString();
        String payload = message.getPayload() == null ? null
                : new String(message.getPayload(), StandardCharsets.UTF_8);
        if (payload != null && payload.length() > MAX_PAYLOAD) {
            payload = payload.substring(0, MAX_PAYLOAD);
        }
        if (payload != null) {
            payload = payload.replace('\u0000', '\uFFFD');
        }
        String cleanReason = reason.length() > 1000 ? reason.substring(0, 1000) : reason;
        registry.counter("pilotage_alerting_dead_letters", "topic", topic).increment();
        Log.warnf("dead-lettered %s-%d@%d: %s", topic, partition, offset, cleanReason);
        return pool.preparedQuery("insert into dead_letter (topic, partition, \"offset\", key, reason, payload) "
                        + "values ($1, $2, $3, $4, $5, $6)")
                .execute(Tuple.from(new Object[] {topic, partition, offset, key, cleanReason, payload}))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                .replaceWithVoid();
    }
}
