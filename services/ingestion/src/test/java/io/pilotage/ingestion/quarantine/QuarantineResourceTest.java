package io.pilotage.ingestion.quarantine;

import io.pilotage.contracts.Topics;
import io.pilotage.ingestion.support.TopicWatcher;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

/** A rejected event is listed, fixed and replayed through {@code /quarantine}, against real Kafka and PostgreSQL. */
@QuarkusTest
class QuarantineResourceTest {

    private final String source = "it-q-" + UUID.randomUUID().toString().substring(0, 8);

    private String event(String id, String type) {
        return """
                {"id":"%s","source":"%s","project":"erp","type":"%s","occurredAt":"%s","subject":"awa@example.ml"}"""
                .formatted(id, source, type, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void aRejectedEventIsListedFixedAndReplayed() {
        String id = "it-q-" + UUID.randomUUID();
        given().contentType(ContentType.JSON).body(event(id, "Not A Type")).when().post("/events").then().statusCode(400);

        long qid = given().queryParam("source", source).queryParam("status", "open").queryParam("rule", "invalid")
                .when().get("/quarantine")
                .then().statusCode(200).body("", hasSize(1)).body("[0].eventId", equalTo(id))
                .body("[0].reasons.field", hasItem("type"))
                .extract().jsonPath().getLong("[0].id");
        String payload = given().when().get("/quarantine/" + qid).then().statusCode(200).extract().path("payload");
        assertThat(payload).doesNotContain("awa@example.ml").contains("u_");

        // replaying the unfixed event is refused with its reasons, the row stays open
        given().when().post("/quarantine/" + qid + "/replay").then().statusCode(422).body("errors.field", hasItem("type"));

        given().contentType(ContentType.JSON).body(event(id, "audit.error")).when().put("/quarantine/" + qid + "/fix")
                .then().statusCode(200).body("status", equalTo("open"));
        try (TopicWatcher events = TopicWatcher.open(Topics.EVENTS)) {
            given().when().post("/quarantine/" + qid + "/replay")
                    .then().statusCode(200).body("status", equalTo("accepted"));
            assertThat(new String(events.await(id, 1).getFirst().value())).doesNotContain("awa@example.ml");
        }
        given().when().get("/quarantine/" + qid).then().body("status", equalTo("replayed"));
        given().when().post("/quarantine/" + qid + "/replay").then().statusCode(409);
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void aQuarantinedEventCanBeDiscardedAndFiltersAreValidated() {
        given().contentType(ContentType.JSON).body(event("it-q-" + UUID.randomUUID(), "Bad")).when().post("/events");
        long qid = given().queryParam("source", source).when().get("/quarantine")
                .then().statusCode(200).extract().jsonPath().getLong("[0].id");

        given().when().delete("/quarantine/" + qid).then().statusCode(200).body("status", equalTo("discarded"));
        given().queryParam("source", source).queryParam("status", "open").when().get("/quarantine")
                .then().statusCode(200).body("", hasSize(0));
        given().queryParam("status", "nope").when().get("/quarantine")
                .then().statusCode(400).body("errors[0].field", equalTo("status"));
        given().when().get("/quarantine/999999999").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "ingestor", roles = "ingest")
    void aSourceServiceAccountCannotReadTheQuarantine() {
        given().when().get("/quarantine").then().statusCode(403);
    }
}
