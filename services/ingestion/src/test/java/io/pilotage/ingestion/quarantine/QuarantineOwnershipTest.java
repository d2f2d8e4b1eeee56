package io.pilotage.ingestion.quarantine;

import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.Topics;
import io.pilotage.contracts.definition.Definition;
import io.pilotage.contracts.definition.ProjectDefinition;
import io.pilotage.ingestion.ownership.ProjectOwners;
import io.pilotage.ingestion.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * A project owner acts on the quarantined events of the projects they own only, with real tokens of
 * the demo users {@code owner} and {@code owner-mobile}; the projects (and their owners) are published
 * on {@code pilotage.definitions.v1} as governance publishes them, under keys of this test's own.
 */
@QuarkusTest
class QuarantineOwnershipTest {

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String own = "it-own-" + suffix;        // owned by "owner"
    private final String others = "it-others-" + suffix;  // owned by "owner-mobile"
    private final String source = "it-qo-" + suffix;

    @Inject
    ProjectOwners owners;

    private static RequestSpecification as(String user) {
        return given().header("Authorization", Tokens.bearer(user));
    }

    @BeforeEach
    void projects() {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class), ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (var p : List.of(new ProjectDefinition(own, "Own", "test", "IT", List.of("owner"), "active"),
                    new ProjectDefinition(others, "Others", "test", "IT", List.of("owner-mobile"), "active"))) {
                Definition d = Definition.of(p, 1, Instant.now(), "test", "ownership test");
                producer.send(new ProducerRecord<>(Topics.DEFINITIONS, d.key(), JsonCodec.encode(d)));
            }
            producer.flush();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> owners.owns("owner", own) && owners.owns("owner-mobile", others));
    }

    /** Quarantines an event of {@code project} (an invalid type) and answers its quarantine id. */
    private long quarantined(String project) {
        String id = "it-qo-" + UUID.randomUUID();
        as("admin").contentType(ContentType.JSON).body(event(id, project, "Not A Type")).when().post("/events")
                .then().statusCode(400);
        return as("admin").queryParam("source", source).queryParam("status", "open").when().get("/quarantine")
                .then().statusCode(200).extract().jsonPath().getList("findAll { it.eventId == '" + id + "' }.id", Long.class)
                .getFirst();
    }

    private String event(String id, String project, String type) {
        return """
                {"id":"%s","source":"%s","project":"%s","type":"%s","occurredAt":"%s"}"""
                .formatted(id, source, project, type, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    @Test
    void anOwnerCannotDiscardFixOrReplayAnotherProjectsEventsButStillReadsThem() {
        long qid = quarantined(others);

        as("owner").when().delete("/quarantine/" + qid).then().statusCode(403)
                .contentType(startsWith("application/problem+json"));
        as("owner").contentType(ContentType.JSON).body(event("x-" + qid, others, "audit.error"))
                .when().put("/quarantine/" + qid + "/fix").then().statusCode(403);
        as("owner").when().post("/quarantine/" + qid + "/replay").then().statusCode(403);
        // reads stay open to every reader
        as("owner").when().get("/quarantine/" + qid).then().statusCode(200).body("status", equalTo("open"));

        // its own owner may
        as("owner-mobile").when().delete("/quarantine/" + qid).then().statusCode(200).body("status", equalTo("discarded"));
    }

    @Test
    void anOwnerFixesAndReplaysTheirOwnProjectsEventsButCannotMoveThemToAnotherProject() {
        long qid = quarantined(own);
        String id = as("owner").when().get("/quarantine/" + qid).then().statusCode(200).extract().path("eventId");

        as("owner").contentType(ContentType.JSON).body(event(id, others, "audit.error"))
                .when().put("/quarantine/" + qid + "/fix").then().statusCode(403)
                .body("detail", org.hamcrest.Matchers.containsString(others));
        as("owner").contentType(ContentType.JSON).body(event(id, own, "audit.error"))
                .when().put("/quarantine/" + qid + "/fix").then().statusCode(200);
        as("owner").when().post("/quarantine/" + qid + "/replay").then().statusCode(200).body("status", equalTo("accepted"));
    }

    @Test
    void anAdminActsOnEveryProjectAndAnOwnerCannotReplayWhatAnAdminMovedAway() {
        long qid = quarantined(own);
        String id = as("admin").when().get("/quarantine/" + qid).then().extract().path("eventId");
        // an admin saves a fix that moves the event to a project "owner" does not own
        as("admin").contentType(ContentType.JSON).body(event(id, others, "audit.error"))
                .when().put("/quarantine/" + qid + "/fix").then().statusCode(200);
        as("owner").when().post("/quarantine/" + qid + "/replay").then().statusCode(403);
        as("admin").when().post("/quarantine/" + qid + "/replay").then().statusCode(200).body("status", equalTo("accepted"));

        long unowned = quarantined(others);
        as("admin").when().delete("/quarantine/" + unowned).then().statusCode(200);
        assertThat(unowned).isNotEqualTo(qid);
    }
}
