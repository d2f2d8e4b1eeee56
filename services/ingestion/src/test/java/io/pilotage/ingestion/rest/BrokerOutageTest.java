package io.pilotage.ingestion.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Ingestion whose Kafka is unreachable (nothing listens on the configured port): events are
 * refused with 503 and {@code Retry-After}, never acknowledged from memory, and readiness is DOWN.
 */
@QuarkusTest
@TestProfile(BrokerOutageTest.UnreachableKafka.class)
class BrokerOutageTest {

    public static class UnreachableKafka implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "kafka.bootstrap.servers", "127.0.0.1:1",
                    "mp.messaging.outgoing.events-out.delivery.timeout.ms", "3000",
                    "mp.messaging.outgoing.events-out.request.timeout.ms", "1000",
                    "mp.messaging.outgoing.events-out.max.block.ms", "1000");
        }
    }

    @Test
    @TestSecurity(user = "svc", roles = "ingest")
    void anEventIsRefusedWith503AndNothingIsAcknowledged() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"id":"outage-1","source":"it-source","project":"erp","type":"audit.error","occurredAt":"%s"}"""
                        .formatted(Instant.now().truncatedTo(ChronoUnit.SECONDS)))
                .when().post("/events")
                .then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("status", equalTo(503));
    }

    @Test
    void readinessIsDownWhileKafkaIsUnreachable() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().when().get("/q/health/ready")
                .then().statusCode(503).body("checks.findAll { it.status == 'DOWN' }.name",
                        hasItem("Kafka connection health check")));
        given().when().get("/q/health/live").then().statusCode(200);
    }
}
