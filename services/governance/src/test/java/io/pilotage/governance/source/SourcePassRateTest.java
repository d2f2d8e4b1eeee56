package io.pilotage.governance.source;

import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.KpiStatus;
import io.pilotage.contracts.KpiValue;
import io.pilotage.contracts.SourceStatus;
import io.pilotage.contracts.Topics;
import io.pilotage.contracts.definition.Definition;
import io.pilotage.governance.support.Api;
import io.pilotage.governance.support.DefinitionsTopic;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static io.pilotage.governance.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Ingestion's per-source counts on the real {@code pilotage.source-status.v1} become per-day pass
 * rates in the quality results and the KPI {@code quality.<source>.pass_rate} on the real
 * {@code pilotage.kpi-values.v1}, with its definition on {@code pilotage.definitions.v1}.
 */
@QuarkusTest
class SourcePassRateTest {

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    @Test
    void countsOfEveryInstanceGiveTheDaysPassRateInTheApiAndOnTheKpiValuesTopic() throws Exception {
        String project = Api.uniqueKey("pr");
        Api.createProject(project, "owner");
        String id = project + "-src";
        as("owner").body(SourcesResourceTest.source(id, project)).when().post("/sources").then().statusCode(201);
        Instant t0 = Instant.now().minusSeconds(5);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            send(producer, new SourceStatus(id, project, "a", t0, 100, 100, 0, 0, 0, 0, t0));
            producer.send(new ProducerRecord<>(Topics.SOURCE_STATUS, id + "/bad",
                    ("not json " + id).getBytes(StandardCharsets.UTF_8))).get();
            // PostgreSQL cannot store a NUL: dead-lettered at once, not retried, and the consumer goes on
            send(producer, new SourceStatus(id + "\u0000nul", project, "a", t0, 100, 0, 0, 100, 0, 0, t0));
            send(producer, new SourceStatus(id, project, "a", t0, 200, 197, 0, 3, 0, 0, t0.plusSeconds(1)));
            // a redelivered older status counts nothing
            send(producer, new SourceStatus(id, project, "a", t0, 100, 100, 0, 0, 0, 0, t0));
            send(producer, new SourceStatus(id, project, "b", t0, 100, 93, 0, 7, 0, 0, t0.plusSeconds(2)));
        }
        LocalDate day = t0.atZone(ZoneId.of("Africa/Bamako")).toLocalDate();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as("analyst").when().get("/sources/" + id + "/quality")
                .then().statusCode(200).body("passRate[0].received", equalTo(300)));
        Number rate = as("analyst").when().get("/sources/" + id + "/quality").then()
                .body("passRate[0].day", equalTo(day.toString()))
                .body("passRate[0].rejected", equalTo(10))
                .extract().path("passRate[0].passRate");
        assertThat(rate.doubleValue()).isCloseTo(96.667, within(0.001));

        String kpi = PassRate.kpiKey(id);
        DefinitionsTopic.Published def = DefinitionsTopic.awaitRecord(Definition.kpiKey(project, kpi),
                d -> d.value() != null && d.value().kind() == Definition.Kind.KPI);
        assertThat(def.value().kpi().unit()).isEqualTo("%");
        assertThat(def.value().kpi().thresholds().critical()).isEqualTo(95.0);

        KpiValue last = lastValue(Topics.kpiKey(project, kpi), v -> v.sampleSize() == 300);
        assertThat(last.value()).isCloseTo(96.667, within(0.001));
        assertThat(last.status()).isEqualTo(KpiStatus.AMBER);
        assertThat(last.unit()).isEqualTo("%");
        assertThat(last.period().start()).isEqualTo(day);
        assertThat(last.target()).isEqualTo(99.0);
    }

    private static void send(KafkaProducer<String, byte[]> producer, SourceStatus s) throws Exception {
        producer.send(new ProducerRecord<>(Topics.SOURCE_STATUS, s.key(), JsonCodec.encode(s))).get();
    }

    /** Waits for a KPI value under {@code key} on the real topic that matches. */
    private static KpiValue lastValue(String key, java.util.function.Predicate<KpiValue> matching) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "governance-test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        AtomicReference<KpiValue> found = new AtomicReference<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.KPI_VALUES));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key()) && r.value() != null) {
                        KpiValue v = JsonCodec.decode(r.value(), KpiValue.class);
                        if (matching.test(v)) {
                            found.set(v);
                        }
                    }
                }
                return found.get() != null;
            });
        }
        return found.get();
    }
}
