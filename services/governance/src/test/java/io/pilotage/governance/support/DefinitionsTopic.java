package io.pilotage.governance.support;

import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.Topics;
import io.pilotage.contracts.definition.Definition;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** Reads {@code pilotage.definitions.v1} from the beginning with a plain consumer, as the other services do. */
public final class DefinitionsTopic {

    private DefinitionsTopic() {
    }

    /** A published record: key and value (null for a tombstone). */
    public record Published(String key, Definition value) {
    }

    /** Waits until a record under {@code key} matches, and returns it. */
    public static Published awaitRecord(String key, Predicate<Published> matching) {
        List<Published> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            found.clear();
            read(key).stream().filter(matching).forEach(found::add);
            return !found.isEmpty();
        });
        return found.getLast();
    }

    /** Every record under {@code key}, oldest first. */
    public static List<Published> read(String key) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(Topics.DEFINITIONS).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            var end = consumer.endOffsets(parts);
            List<Published> out = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key())) {
                        out.add(new Published(r.key(), r.value() == null ? null : JsonCodec.decode(r.value(), Definition.class)));
                    }
                }
            }
            return out;
        }
    }
}
