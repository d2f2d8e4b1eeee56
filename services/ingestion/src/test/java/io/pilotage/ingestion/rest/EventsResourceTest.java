package io.pilotage.ingestion.rest;

import io.pilotage.contracts.CanonicalEvent;
import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** {@code POST /events} against the real Kafka of the test harness. */
@QuarkusTest
class EventsResourceTest {

    private static String event(String id, String subject) {
        return """
                {"id":"%s","source":"it-source","project":"erp","type":"audit.error",
                 "occurredAt":"%s","entity":"audit/%s","subject":"%s"}"""
                .formatted(id, Instant.now().truncatedTo(ChronoUnit.SECONDS), id, subject);
    }

    @Test
    @TestSecurity(user = "svc", roles = "ingest")
    void anAcceptedEventIsOnTheTopicWithAPseudonymisedSubjectBeforeThe202() {
        String id = "it-" + UUID.randomUUID();
        // reads from the topic's end (not from the beginning: the shared topic may hold millions of records)
        try (io.pilotage.ingestion.support.TopicWatcher events = io.pilotage.ingestion.support.TopicWatcher.open(Topics.EVENTS)) {
            given().contentType(ContentType.JSON).body(event(id, "+22370000000"))
                    .when().post("/events")
                    .then().statusCode(202).body("id", equalTo(id)).body("status", equalTo("accepted"));

            List<ConsumerRecord<String, byte[]>> seen = events.await(id, 1);
            assertThat(seen).hasSize(1);
            ConsumerRecord<String, byte[]> record = seen.getFirst();
            CanonicalEvent stored = JsonCodec.decode(record.value(), CanonicalEvent.class);
            assertThat(record.key()).isEqualTo("erp/audit/" + id);
            assertThat(stored.subject()).startsWith("u_");
            assertThat(new String(record.value())).doesNotContain("22370000000");
            assertThat(stored.receivedAt()).isNotNull();
        }
    }

    @Test
    @TestSecurity(user = "svc", roles = "ingest")
    void aBatchReportsEveryItem() {
        String ok = "it-" + UUID.randomUUID();
        given().contentType(ContentType.JSON).body("[" + event(ok, "a") + ",{\"id\":\"x\"}]")
                .when().post("/events")
                .then().statusCode(202)
                .body("accepted", equalTo(1)).body("rejected", equalTo(1))
                .body("items[0].status", equalTo("accepted"))
                .body("items[1].status", equalTo("rejected"))
                .body("items[1].errors.field", hasItem("[1].occurredAt"));
    }

    @Test
    @TestSecurity(user = "svc", roles = "ingest")
    void malformedJsonIsAProblem() {
        given().contentType(ContentType.JSON).body("{\"id\": \"a\",")
                .when().post("/events")
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400)).body("title", equalTo("Bad request"));
    }

    @Test
    @TestSecurity(user = "svc", roles = "ingest")
    void anInvalidEventNamesItsFields() {
        given().contentType(ContentType.JSON).body("{\"id\":\"a\",\"source\":\"s\",\"project\":\"erp\",\"type\":\"t\"}")
                .when().post("/events")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("occurredAt")).body("errors[0].reason", equalTo("is required"));
    }

    @Test
    @TestSecurity(user = "reader", roles = "analyst")
    void anAnalystMayNotPostEvents() {
        given().contentType(ContentType.JSON).body(event("it-" + UUID.randomUUID(), "a"))
                .when().post("/events")
                .then().statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
    }

    @Test
    void withoutATokenItIs401() {
        given().contentType(ContentType.JSON).body(event("it-" + UUID.randomUUID(), "a"))
                .when().post("/events")
                .then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
    }
}
