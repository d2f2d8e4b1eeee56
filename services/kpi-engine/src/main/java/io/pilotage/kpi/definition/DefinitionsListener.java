package io.pilotage.kpi.definition;

import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.Topics;
import io.pilotage.contracts.definition.Definition;
import io.pilotage.contracts.definition.KpiDefinition;
import io.pilotage.contracts.definition.KpiYaml;
import io.pilotage.kpi.deadletter.DeadLetters;
import io.pilotage.kpi.job.Jobs;
import io.pilotage.kpi.kafka.Producer;
import io.pilotage.kpi.publish.ValuePublisher;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Keeps {@link KpiRegistry} equal to the compacted {@code pilotage.definitions.v1}: every instance
 * reads the whole topic (no consumer group) from the beginning, then follows it. Records of kind
 * {@code project} or {@code source} are ignored; a tombstone removes a KPI; a definition that
 * cannot be computed is dead-lettered. Once caught up it publishes the built-in catalogue's KPIs
 * whose key the topic has never carried (version 1, by {@code system}; never over a newer one),
 * and schedules a backfill for every KPI whose measure differs from the one its states were built
 * with. The event consumer waits until it is caught up.
 */
@ApplicationScoped
public class DefinitionsListener {

    private final String bootstrap;
    private final boolean seedCatalogue;
    private final KpiRegistry registry;
    private final Producer producer;
    private final DeadLetters deadLetters;
    private final Jobs jobs;
    private final ValuePublisher publisher;
    private final javax.sql.DataSource db;
    private final io.pilotage.kpi.store.StoredValues stored;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Set<String> keysSeen = new HashSet<>();
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    public DefinitionsListener(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
                               @ConfigProperty(name = "pilotage.kpi.seed-catalogue", defaultValue = "true") boolean seedCatalogue,
                               KpiRegistry registry, Producer producer, DeadLetters deadLetters, Jobs jobs,
                               ValuePublisher publisher, javax.sql.DataSource db, io.pilotage.kpi.store.StoredValues stored) {
        this.db = db;
        this.stored = stored;
        this.bootstrap = bootstrap;
        this.seedCatalogue = seedCatalogue;
        this.registry = registry;
        this.producer = producer;
        this.deadLetters = deadLetters;
        this.jobs = jobs;
        this.publisher = publisher;
    }

    void start(@Observes StartupEvent ignored) {
        thread = Thread.ofPlatform().name("kpi-definitions").daemon().start(this::run);
    }

    void stop(@Observes ShutdownEvent ignored) {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    public boolean isCaughtUp() {
        return caughtUp.getCount() == 0;
    }

    /** Blocks until every definition present at start has been applied. */
    public void awaitCaughtUp() throws InterruptedException {
        while (!caughtUp.await(10, TimeUnit.SECONDS)) {
            Log.info("waiting for the KPI definitions to be read before applying events");
        }
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.CLIENT_ID_CONFIG, "pilotage-kpi-engine-definitions"),
                    new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer = c;
                follow(c);
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                Log.warnf("reading %s failed, retrying in 2 s: %s", Topics.DEFINITIONS, e.getMessage());
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void follow(KafkaConsumer<String, byte[]> c) {
        List<PartitionInfo> infos = c.partitionsFor(Topics.DEFINITIONS, Duration.ofSeconds(30));
        List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        c.assign(partitions);
        c.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = c.endOffsets(partitions);
        while (running) {
            for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
                handle(r);
            }
            if (!isCaughtUp() && partitions.stream().allMatch(p -> c.position(p) >= end.get(p))) {
                onCaughtUp();
            }
        }
    }

    private void handle(ConsumerRecord<String, byte[]> r) {
        if (r.key() != null) {
            keysSeen.add(r.key());
        }
        if (r.value() == null) {
            if (r.key() != null && r.key().contains("/")) {
                String kpi = r.key().substring(r.key().indexOf('/') + 1);
                registry.remove(kpi);
                record(c -> stored.deleteDefinition(c, kpi));
            }
            return;
        }
        Definition d;
        try {
            d = JsonCodec.decode(r.value(), Definition.class);
        } catch (RuntimeException e) {
            deadLetter(r, "undecodable", "cannot decode a definition: " + e.getMessage());
            return;
        }
        if (d.kind() != Definition.Kind.KPI) {
            return;
        }
        if (d.kpi().measure() == null) {
            // a KPI whose values another service computes (governance's quality.<source>.pass_rate):
            // nothing for the engine to compute, and nothing wrong with it
            Log.debugf("KPI %s has no measure: computed elsewhere, not by the engine", d.kpi().key());
            return;
        }
        KpiRegistry.Change change;
        try {
            change = registry.apply(d.kpi());
        } catch (IllegalArgumentException e) {
            deadLetter(r, "invalid-definition", "KPI " + d.kpi().key() + " v" + d.version() + ": " + e.getMessage());
            return;
        }
        Log.infof("KPI %s v%d: %s", d.kpi().key(), d.kpi().version(), change);
        if (change != KpiRegistry.Change.OLDER) {
            record(c -> stored.upsertDefinition(c, d.kpi()));
        }
        if (isCaughtUp()) {
            registry.find(d.kpi().key()).ifPresent(k -> {
                switch (change) {
                    case NEW, MEASURE_CHANGED -> jobs.backfillIfStale(k);
                    case STATUS_ONLY -> publisher.publishCurrent(k);
                    default -> { }
                }
            });
        }
    }

    private void onCaughtUp() {
        if (seedCatalogue) {
            for (KpiDefinition k : KpiYaml.catalogue()) {
                String key = Definition.kpiKey(k.project(), k.key());
                if (!keysSeen.contains(key)) {
                    try {
                        producer.send(Topics.DEFINITIONS, key, JsonCodec.encode(Definition.of(k, Clock.systemUTC().instant(),
                                "system", "built-in catalogue"))).get(30, TimeUnit.SECONDS);
                        keysSeen.add(key);
                        registry.apply(k); // in force now; the record read back is the same version
                        record(c -> stored.upsertDefinition(c, k));
                    } catch (Exception e) {
                        Log.warnf("cannot publish the catalogue KPI %s (retried at the next start): %s", key, e.getMessage());
                    }
                }
            }
        }
        for (CompiledKpi k : registry.all()) {
            jobs.backfillIfStale(k);
        }
        caughtUp.countDown();
        Log.infof("KPI definitions read: %d KPIs", registry.all().size());
    }

    private interface SqlWork {
        void run(java.sql.Connection c) throws java.sql.SQLException;
    }

    /** Keeps the reporting copy of the definitions; a failure is logged (the next version repairs it). */
    private void record(SqlWork work) {
        try (java.sql.Connection c = db.getConnection()) {
            work.run(c);
        } catch (java.sql.SQLException e) {
            Log.warnf("cannot record a definition for reporting: %s", e.getMessage());
        }
    }

    private void deadLetter(ConsumerRecord<String, byte[]> r, String category, String reason) {
        try {
            deadLetters.record(r.topic(), r.partition(), r.offset(), r.key(), category, reason, r.value());
        } catch (Exception e) {
            Log.errorf("cannot dead-letter %s-%d@%d (%s): %s", r.topic(), r.partition(), r.offset(), reason, e.getMessage());
        }
    }
}
