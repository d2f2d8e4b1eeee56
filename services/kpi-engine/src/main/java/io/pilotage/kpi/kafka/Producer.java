package io.pilotage.kpi.kafka;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;
import java.util.concurrent.Future;

/**
 * The engine's one Kafka producer (KPI values, dead letters, the seed catalogue): idempotent,
 * {@code acks=all}, so what it reports sent is durably in Kafka.
 */
@ApplicationScoped
public class Producer {

    private final KafkaProducer<String, byte[]> producer;

    public Producer(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.CLIENT_ID_CONFIG, "pilotage-kpi-engine-producer"),
                new StringSerializer(), new ByteArraySerializer());
    }

    public Future<RecordMetadata> send(String topic, String key, byte[] value) {
        return producer.send(new ProducerRecord<>(topic, key, value));
    }

    void close(@Observes ShutdownEvent ignored) {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
