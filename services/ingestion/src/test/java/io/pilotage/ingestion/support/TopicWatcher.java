package io.pilotage.ingestion.support;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.awaitility.Awaitility;

/**
 * Reads a topic of the harness' real Kafka from its current end (records produced after
 * {@link #open}), so a test sees only what it caused.
 */
public final class TopicWatcher implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    private TopicWatcher(String topic) {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "ingestion-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        // wait for the assignment, so "latest" is the end before the test acts
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            consumer.poll(Duration.ofMillis(100));
            return !consumer.assignment().isEmpty();
        });
        consumer.assignment().forEach(tp -> consumer.position(tp));
    }

    public static TopicWatcher open(String topic) {
        return new TopicWatcher(topic);
    }

    /** Waits until records whose value contains {@code marker} number at least {@code count}, and returns them. */
    public List<ConsumerRecord<String, byte[]>> await(String marker, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            poll();
            return matching(marker).size() >= count;
        });
        return matching(marker);
    }

    /** Waits until a record whose value contains every one of {@code markers} has been seen, and returns those records. */
    public List<ConsumerRecord<String, byte[]>> awaitAll(String... markers) {
        Predicate<ConsumerRecord<String, byte[]>> all = r -> true;
        for (String marker : markers) {
            all = all.and(valueContains(marker));
        }
        Predicate<ConsumerRecord<String, byte[]>> wanted = all;
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            poll();
            return seen.stream().anyMatch(wanted);
        });
        return seen.stream().filter(wanted).toList();
    }

    /** Every record seen so far (after one more poll) whose value contains {@code marker}. */
    public List<ConsumerRecord<String, byte[]>> matching(String marker) {
        return seen.stream().filter(valueContains(marker)).toList();
    }

    public void poll() {
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
    }

    private static Predicate<ConsumerRecord<String, byte[]>> valueContains(String marker) {
        return r -> r.value() != null && new String(r.value(), StandardCharsets.UTF_8).contains(marker);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
