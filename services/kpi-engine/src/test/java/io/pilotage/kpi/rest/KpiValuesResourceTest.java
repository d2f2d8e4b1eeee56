package io.pilotage.kpi.rest;

import io.pilotage.contracts.CanonicalEvent;
import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** Events on the real Kafka topic, aggregates in the real PostgreSQL, read back over REST. */
@QuarkusTest
@TestSecurity(user = "reader", roles = "analyst")
class KpiValuesResourceTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    /** A day of its own in the past, so other tests' events on the shared topic do not count here. */
    private static LocalDate isolatedDay() {
        return LocalDate.of(2000, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(0, 9000));
    }

    private void publish(String id, String project, String type, LocalDate day) throws Exception {
        CanonicalEvent e = new CanonicalEvent(id, "it-source", project, type,
                day.atTime(10, 0).toInstant(ZoneOffset.UTC), Instant.now(), null, null, null, null);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.EVENTS, Topics.eventKey(e), JsonCodec.encode(e))).get();
        }
    }

    private io.restassured.response.ValidatableResponse day(String kpi, LocalDate day) {
        return given().queryParam("granularity", "day").queryParam("from", day.toString()).queryParam("to", day.toString())
                .when().get("/kpis/" + kpi + "/values").then();
    }

    @Test
    void countsEventsOfTheKpiOnceEachEvenWhenRedelivered() throws Exception {
        LocalDate day = isolatedDay();
        String first = "it-" + UUID.randomUUID();
        publish(first, "erp", "audit.error", day);
        publish(first, "erp", "audit.error", day);          // the same event again: no effect
        publish("it-" + UUID.randomUUID(), "erp", "audit.error", day);
        publish("it-" + UUID.randomUUID(), "erp", "document.validated", day); // another type: not counted
        publish("it-" + UUID.randomUUID(), "mobile-app", "audit.error", day); // another project: not counted

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> day("erp.audit_errors", day)
                .statusCode(200).body("", hasSize(1)).body("[0].value", equalTo(2.0f)).body("[0].sampleSize", equalTo(2)));
        day("erp.audit_errors", day).body("[0].period.granularity", equalTo("day"))
                .body("[0].period.start", equalTo(day.toString())).body("[0].status", equalTo("GREEN"));
    }

    @Test
    void aDayWithoutEventsIsNoData() {
        day("security.incidents_prevented", LocalDate.of(1999, 12, 31))
                .statusCode(200).body("[0].status", equalTo("NO_DATA")).body("[0].sampleSize", equalTo(0));
    }

    @Test
    void unknownKpiIs404Problem() {
        given().when().get("/kpis/erp.nope/values").then().statusCode(404)
                .contentType("application/problem+json").body("detail", equalTo("no KPI with key 'erp.nope'"));
    }

    @Test
    void badQueryParametersNameTheField() {
        given().queryParam("granularity", "fortnight").when().get("/kpis/erp.audit_errors/values").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("granularity"));
        given().queryParam("from", "2026-13-01").when().get("/kpis/erp.audit_errors/values").then()
                .statusCode(400).body("errors[0].field", equalTo("from"));
        given().queryParam("from", "2026-11-02").queryParam("to", "2026-11-01").when().get("/kpis/erp.audit_errors/values")
                .then().statusCode(400).body("errors[0].reason", equalTo("'to' (2026-11-01) is before 'from' (2026-11-02)"));
    }

    @Test
    @TestSecurity(user = "svc", roles = "ingest")
    void theIngestRoleMayNotReadKpis() {
        given().when().get("/kpis/erp.audit_errors/values").then().statusCode(403)
                .contentType("application/problem+json");
    }
}
