package io.pilotage.ingestion.source;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.Topics;
import io.pilotage.contracts.definition.Definition;
import io.pilotage.contracts.definition.SourceDefinition;
import io.pilotage.contracts.definition.SourceKeySeal;
import io.pilotage.ingestion.ownership.ProjectOwners;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the {@link SourceRegistry} in step with {@code pilotage.definitions.v1} (kind
 * {@code source}), and the {@link ProjectOwners} (kind {@code project}); KPI records are skipped. Every instance reads the whole compacted
 * topic from the beginning (no consumer group: each needs every source), then follows it.
 *
 * <p>At start-up the bundled {@code sources/<id>.yaml} files are registered at once (so ingestion
 * serves its sources even before Kafka answers); once the topic has been read to its end, each
 * bundled source that governance has not published yet is published there, version 1, by
 * {@code system}, in the same {@link Definition} format governance uses.
 *
 * <p>A record that cannot be decoded is logged with its partition and offset, counted
 * ({@code pilotage_ingestion_definitions_invalid_total}) and skipped; a broker outage is retried
 * with backoff by the consumer itself.
 */
@ApplicationScoped
public class SourceDefinitions {

    private final SourceRegistry registry;
    private final ProjectOwners owners;
    private final String bootstrap;
    private final List<String> bundled;
    private final Map<String, String> secretOverrides;
    private final Counter invalid;
    private final Counter unopened;
    private final SourceKeySeal seal;
    private volatile boolean running = true;
    private volatile boolean caughtUp;
    private KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    public SourceDefinitions(SourceRegistry registry, ProjectOwners owners, MeterRegistry meters,
                             @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
                             @ConfigProperty(name = "pilotage.ingestion.bundled-sources") Optional<List<String>> bundled,
                             SourceKeySeal seal) {
        this.seal = seal;
        this.registry = registry;
        this.owners = owners;
        this.bootstrap = bootstrap;
        this.bundled = bundledIds(bundled);
        this.secretOverrides = System.getenv();
        this.invalid = Counter.builder("pilotage.ingestion.definitions.invalid").register(meters);
        this.unopened = Counter.builder("pilotage.ingestion.signing.keys.unopened")
                .description("sealed signing keys of sources that did not open with this instance's PILOTAGE_SOURCE_KEY_SECRET")
                .register(meters);
    }

    void start(@Observes StartupEvent event) {
        List<SourceDefinition> files = bundledSources();
        files.forEach(s -> registry.put(s, 0));
        thread = Thread.ofPlatform().name("source-definitions").daemon().start(() -> follow(files));
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
    }

    /** Whether the topic has been read to its end once since start-up. */
    public boolean caughtUp() {
        return caughtUp;
    }

    List<SourceDefinition> bundledSources() {
        List<SourceDefinition> out = new ArrayList<>();
        for (String id : bundled) {
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream("sources/" + id + ".yaml")) {
                if (in == null) {
                    Log.warnf("bundled source %s: sources/%s.yaml not found", id, id);
                    continue;
                }
                SourceDefinition s = SourceYaml.read(in);
                String secret = secretOverrides.get(secretVariable(s.id()));
                if (secret != null && !secret.isBlank()) {
                    s = s.withSecrets(SourceDefinition.SecretHash.of(secret));
                } else {
                    Log.warnf("bundled source %s accepts its public demo secret: set %s, or register the source through "
                            + "governance, before real events flow", id, secretVariable(s.id()));
                }
                out.add(s);
            } catch (Exception e) {
                Log.errorf("bundled source %s is invalid and was not loaded: %s", id, e.getMessage());
            }
        }
        return out;
    }

    /** The bundled sources to load: the configured ids, none for {@code none} (what the Helm chart sets by default). */
    static List<String> bundledIds(Optional<List<String>> configured) {
        return configured.orElse(List.of()).stream().map(String::trim)
                .filter(id -> !id.isEmpty() && !id.equalsIgnoreCase("none")).toList();
    }

    /** The environment variable that overrides a bundled source's secret: {@code PILOTAGE_SOURCE_SECRET_ODOO_PROD}. */
    public static String secretVariable(String sourceId) {
        return "PILOTAGE_SOURCE_SECRET_" + sourceId.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private void follow(List<SourceDefinition> files) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 10_000);
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        try {
            List<TopicPartition> partitions = partitions();
            if (partitions == null) {
                return;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Set<String> published = new HashSet<>();
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
                    apply(r, published);
                }
                if (!caughtUp && end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    caughtUp = true;
                    publishMissing(files, published);
                }
            }
        } catch (WakeupException e) {
            // shutting down
        } catch (RuntimeException e) {
            Log.errorf("source definitions: follower stopped: %s", e.toString());
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private List<TopicPartition> partitions() {
        while (running) {
            try {
                List<PartitionInfo> infos = consumer.partitionsFor(Topics.DEFINITIONS, Duration.ofSeconds(10));
                if (infos != null && !infos.isEmpty()) {
                    return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                }
            } catch (WakeupException e) {
                return null;
            } catch (RuntimeException e) {
                Log.warnf("source definitions: %s unavailable (%s), retrying", Topics.DEFINITIONS, e.getMessage());
            }
            try {
                TimeUnit.SECONDS.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private void apply(ConsumerRecord<String, byte[]> r, Set<String> published) {
        if (r.key() != null && r.key().startsWith(PROJECT_PREFIX)) {
            applyProject(r);
            return;
        }
        if (r.key() == null || !r.key().startsWith("source:")) {
            return;
        }
        String id = r.key().substring("source:".length());
        published.add(id);
        if (r.value() == null) {
            registry.remove(id);
            return;
        }
        try {
            Definition d = JsonCodec.decode(r.value(), Definition.class);
            if (d.kind() == Definition.Kind.SOURCE) {
                registry.put(opened(d.source()), d.version());
            }
        } catch (RuntimeException e) {
            invalid.increment();
            Log.warnf("source definitions: record at %s-%d offset %d skipped: %s", r.topic(), r.partition(), r.offset(),
                    e.getMessage());
        }
    }

    private static final String PROJECT_PREFIX = Definition.projectKey("");

    /** A project record: its owners decide who may act on its quarantined events. */
    private void applyProject(ConsumerRecord<String, byte[]> r) {
        String key = r.key().substring(PROJECT_PREFIX.length());
        if (r.value() == null) {
            owners.remove(key);
            return;
        }
        try {
            Definition d = JsonCodec.decode(r.value(), Definition.class);
            if (d.kind() == Definition.Kind.PROJECT) {
                owners.put(d.project(), d.version());
            }
        } catch (RuntimeException e) {
            invalid.increment();
            Log.warnf("project definitions: record at %s-%d offset %d skipped: %s", r.topic(), r.partition(), r.offset(),
                    e.getMessage());
        }
    }

    /**
     * The source with its sealed signing keys opened, to check signatures with. A key that does not
     * open (governance sealed it under another {@code PILOTAGE_SOURCE_KEY_SECRET}) is left out: the
     * source's signed requests are then refused (401) until the two services share the secret.
     */
    SourceDefinition opened(SourceDefinition s) {
        List<SourceDefinition.SecretHash> opened = seal.openAll(s.secrets());
        // openAll keeps every entry but the sealed keys that do not open
        int lost = s.secrets().size() - opened.size();
        if (lost > 0) {
            unopened.increment(lost);
            Log.warnf("source %s: %d sealed signing key(s) do not open with this PILOTAGE_SOURCE_KEY_SECRET; its signed "
                    + "requests are refused until governance and ingestion share the secret", s.id(), lost);
        }
        return s.withSecrets(opened);
    }

    private void publishMissing(List<SourceDefinition> files, Set<String> published) {
        List<SourceDefinition> missing = files.stream().filter(s -> !published.contains(s.id())).toList();
        if (missing.isEmpty()) {
            return;
        }
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (SourceDefinition s : missing) {
                Definition d = Definition.of(s.withSecrets(seal.sealAll(s.secrets())), 1, Instant.now(), "system",
                        "bundled with ingestion (sources/" + s.id() + ".yaml)");
                producer.send(new ProducerRecord<>(Topics.DEFINITIONS, d.key(), JsonCodec.encode(d)));
            }
            producer.flush();
            Log.infof("published %d bundled source definition(s) on %s", missing.size(), Topics.DEFINITIONS);
        } catch (RuntimeException e) {
            Log.warnf("could not publish the bundled sources: %s", e.getMessage());
        }
    }
}
