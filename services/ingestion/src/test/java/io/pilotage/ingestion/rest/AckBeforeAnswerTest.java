package io.pilotage.ingestion.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 202 is sent only after the broker's acknowledgement (DESIGN §2.3): the acknowledgement is held
 * at the producer ({@link AckGateInterceptor}) after the broker sent it; while it is held the
 * request must still be waiting. An implementation that answers on "sent", or from memory, answers
 * during the hold and fails this test. With the service at its limit of requests in flight (one,
 * in this profile) while an acknowledgement is held, a further write is shed at once.
 */
@QuarkusTest
@TestProfile(AckBeforeAnswerTest.GatedAcks.class)
class AckBeforeAnswerTest {

    public static class GatedAcks implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.messaging.outgoing.events-out.interceptor.classes", AckGateInterceptor.class.getName(),
                    "mp.messaging.outgoing.events-out.linger.ms", "0",
                    // one request in flight at a time, so a held one puts the service at its limit
                    "pilotage.ingestion.max-in-flight", "1");
        }
    }

    @Test
    @TestSecurity(user = "svc", roles = "ingest")
    void the202WaitsForTheAcknowledgement() {
        String body = """
                {"id":"%s","source":"it-ack","project":"erp","type":"audit.error","occurredAt":"%s"}"""
                .formatted("it-ack-" + UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.SECONDS));
        CountDownLatch gate = new CountDownLatch(1);
        AckGateInterceptor.ackArrived.set(false);
        AckGateInterceptor.gate = gate;
        try {
            CompletableFuture<Response> answer = CompletableFuture.supplyAsync(() ->
                    given().contentType(ContentType.JSON).body(body).when().post("/events"));

            await().atMost(Duration.ofSeconds(15)).untilTrue(AckGateInterceptor.ackArrived);
            // the broker has acknowledged, the producer has not yet said so: no answer may exist yet
            await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(2)).until(() -> !answer.isDone());

            gate.countDown();
            assertThat(answer.join().statusCode()).isEqualTo(202);
        } finally {
            AckGateInterceptor.gate = null;
            gate.countDown();
        }
    }

    @Test
    @TestSecurity(user = "svc", roles = "ingest")
    void aWriteBeyondTheInFlightLimitIsShedAt503WithRetryAfterAndNothingStored() {
        String held = "it-held-" + UUID.randomUUID();
        String shed = "it-shed-" + UUID.randomUUID();
        String event = """
                {"id":"%s","source":"it-ack","project":"erp","type":"audit.error","occurredAt":"%s"}""";
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        CountDownLatch gate = new CountDownLatch(1);
        AckGateInterceptor.ackArrived.set(false);
        AckGateInterceptor.gate = gate;
        try {
            CompletableFuture<Response> first = CompletableFuture.supplyAsync(() ->
                    given().contentType(ContentType.JSON).body(event.formatted(held, now)).when().post("/events"));
            await().atMost(Duration.ofSeconds(15)).untilTrue(AckGateInterceptor.ackArrived);

            given().contentType(ContentType.JSON).body(event.formatted(shed, now)).when().post("/events")
                    .then().statusCode(503).header("Retry-After", "1").contentType("application/problem+json")
                    .body("status", org.hamcrest.Matchers.equalTo(503))
                    .body("detail", org.hamcrest.Matchers.containsString("in flight"));
            // reads are never shed
            given().when().get("/q/health/live").then().statusCode(200);

            gate.countDown();
            assertThat(first.join().statusCode()).isEqualTo(202);
        } finally {
            AckGateInterceptor.gate = null;
            gate.countDown();
        }
        // the place is given back: the shed event can be sent again, and it was not stored before
        given().contentType(ContentType.JSON).body(event.formatted(shed, now)).when().post("/events")
                .then().statusCode(202).body("status", org.hamcrest.Matchers.equalTo("accepted"));
    }
}
