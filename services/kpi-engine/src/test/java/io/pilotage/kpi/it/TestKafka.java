package io.pilotage.kpi.it;

import io.pilotage.contracts.CanonicalEvent;
import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.Topics;
import io.pilotage.contracts.definition.Definition;
import io.pilotage.contracts.definition.KpiDefinition;
import io.pilotage.contracts.definition.KpiYaml;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * Test helpers on the real Kafka: publish definitions and events, read topics. Every test works in a
 * project of its own ({@link #newProject}), so tests cannot see each other's events or KPIs.
 */
public final class TestKafka {

    private static KafkaProducer<String, byte[]> producer;

    private TestKafka() {
    }

    static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    /** A project key no other test uses. */
    public static String newProject(String hint) {
        return "it" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41), 36) + "-" + hint;
    }

    public static void send(String topic, String key, byte[] value) {
        try {
            producer().send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static void definition(KpiDefinition k) {
        send(Topics.DEFINITIONS, Definition.kpiKey(k.project(), k.key()),
                JsonCodec.encode(Definition.of(k, Instant.now(), "test", "test definition")));
    }

    /** A KPI defined in YAML ({@code key}, {@code measure}, ...) for the project, version {@code version}. */
    public static KpiDefinition kpi(String project, String yaml, int version) {
        KpiDefinition k = KpiYaml.read("project: " + project + "\nkpis:\n" + yaml.indent(2)).kpis().getFirst();
        return k.withVersion(version);
    }

    /** A catalogue KPI copied into a project of its own, under a key of its own. */
    public static KpiDefinition catalogueCopy(String catalogueKey, String project) {
        KpiDefinition c = KpiYaml.catalogue().stream().filter(k -> k.key().equals(catalogueKey)).findFirst().orElseThrow();
        return new KpiDefinition(project + "." + c.key(), project, c.name(), c.unit(), c.direction(), c.target(), c.thresholds(),
                c.frequency(), c.owner(), c.window(), c.measure(), 1);
    }

    public static CanonicalEvent event(String project, String type, String occurredAt, String entity, String subject, Double value,
                                       Map<String, Object> attributes) {
        return new CanonicalEvent("it-" + UUID.randomUUID(), "it-source", project, type, Instant.parse(occurredAt), Instant.now(),
                entity, subject, value, attributes);
    }

    public static void events(List<CanonicalEvent> events) {
        List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
        for (CanonicalEvent e : events) {
            sent.add(producer().send(new ProducerRecord<>(Topics.EVENTS, Topics.eventKey(e), JsonCodec.encode(e))));
        }
        for (java.util.concurrent.Future<?> f : sent) {
            try {
                f.get();
            } catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        }
    }

    /** Every record of a topic whose key matches, read from the beginning up to now. */
    public static List<ConsumerRecord<String, byte[]>> read(String topic, Predicate<String> key) {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 20_000;
            while (parts.stream().anyMatch(p -> c.position(p) < end.get(p)) && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (r.key() != null && key.test(r.key())) {
                        out.add(r);
                    }
                }
            }
            return out;
        }
    }
}
