package io.pilotage.ingestion.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilotage.contracts.CanonicalEvent;
import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.Topics;
import io.pilotage.ingestion.adapter.Fixtures;
import io.pilotage.ingestion.support.TopicWatcher;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** The source adapters end to end against real Kafka and PostgreSQL, with the bundled sources and their demo secrets. */
@QuarkusTest
class SourceAdaptersTest {

    private static final String ODOO = "/sources/odoo-prod/odoo/odoo-prod-demo-secret";
    private static final String TOKEN = SourceAdapterResource.TOKEN_HEADER;

    private static long randomId() {
        return ThreadLocalRandom.current().nextLong(1_000_000, Long.MAX_VALUE / 2);
    }

    private static String odooDateTime(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString().replace("T", " ").replace("Z", "");
    }

    private static ObjectNode odoo(long id, String state, Instant writtenAt) {
        ObjectNode n = (ObjectNode) Fixtures.json("odoo-account-move-posted.json");
        return n.put("_id", id).put("id", id).put("state", state).put("write_date", odooDateTime(writtenAt))
                .put("create_date", odooDateTime(writtenAt.minusSeconds(3600)));
    }

    @Test
    void odooTransitionsAreDerivedFromTheLastKnownStateAndARepeatIsNotPublishedTwice() {
        long id = randomId();
        Instant t0 = Instant.now().minusSeconds(600);
        try (TopicWatcher events = TopicWatcher.open(Topics.EVENTS)) {
            given().contentType(ContentType.JSON).body(odoo(id, "draft", t0).toString()).when().post(ODOO)
                    .then().statusCode(202).body("accepted", equalTo(1)).body("items[0].status", equalTo("accepted"));

            String posted = odoo(id, "posted", t0.plusSeconds(60)).toString();
            given().contentType(ContentType.JSON).body(posted).when().post(ODOO)
                    .then().statusCode(202).body("accepted", equalTo(1));
            // the same notification again (Odoo re-sends on any field change): nothing new
            given().contentType(ContentType.JSON).body(posted).when().post(ODOO)
                    .then().statusCode(202).body("accepted", equalTo(0));

            var records = events.await("account.move:" + id + ":", 2);
            assertThat(records).extracting(r -> JsonCodec.decode(r.value(), CanonicalEvent.class).type())
                    .containsExactly("document.created", "document.validated");
            assertThat(records).extracting(r -> r.key()).containsOnly("erp/account.move/" + id);
        }
    }

    @Test
    void aWrongSecretIs401AndCountedAndAnUnconfiguredModelIsNamed() {
        given().contentType(ContentType.JSON).body(odoo(randomId(), "draft", Instant.now()).toString())
                .when().post("/sources/odoo-prod/odoo/not-the-secret")
                .then().statusCode(401).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(odoo(randomId(), "draft", Instant.now()).put("_model", "sale.order").toString())
                .when().post(ODOO)
                .then().statusCode(400).body("errors.field", hasItem("[0]._model"));
        given().header(TOKEN, "wrong").contentType(ContentType.JSON).body("{}").when().post("/sources/qradar-soc/qradar")
                .then().statusCode(401);
        given().header(TOKEN, "qradar-soc-demo-token").contentType(ContentType.JSON).body("{}")
                .when().post("/sources/ga4-mobile/ga4").then().statusCode(401);
    }

    @Test
    @TestSecurity(user = "analyst", roles = "analyst")
    void authFailuresShowInTheStats() {
        given().contentType(ContentType.JSON).body("{}").when().post("/sources/odoo-prod/odoo/wrong-again").then().statusCode(401);
        given().when().get("/ingestion/sources/stats").then().statusCode(200)
                .body("find { it.source == 'odoo-prod' }.authFailures", org.hamcrest.Matchers.greaterThan(0));
    }

    @Test
    void aQRadarOffenseSentAgainAsItEvolvesYieldsOnlyItsNewEvents() {
        long id = randomId();
        Instant start = Instant.now().minus(Duration.ofHours(5));
        ObjectNode offense = (ObjectNode) Fixtures.json("qradar-offense-closed.json");
        offense.put("id", id).put("status", "OPEN").put("start_time", start.toEpochMilli())
                .put("first_persisted_time", start.plusSeconds(900).toEpochMilli()).putNull("close_time").putNull("closing_reason_id");
        try (TopicWatcher events = TopicWatcher.open(Topics.EVENTS)) {
            given().header(TOKEN, "qradar-soc-demo-token").contentType(ContentType.JSON).body(offense.toString())
                    .when().post("/sources/qradar-soc/qradar")
                    .then().statusCode(202).body("accepted", equalTo(2));
            offense.put("status", "CLOSED").put("close_time", start.plusSeconds(7200).toEpochMilli()).put("closing_reason_id", 2);
            given().header(TOKEN, "qradar-soc-demo-token").contentType(ContentType.JSON).body("[" + offense + "]")
                    .when().post("/sources/qradar-soc/qradar")
                    .then().statusCode(202).body("accepted", equalTo(2)).body("duplicates", equalTo(2));

            var records = events.await("offense:" + id + ":", 4);
            CanonicalEvent closed = records.stream().map(r -> JsonCodec.decode(r.value(), CanonicalEvent.class))
                    .filter(e -> e.type().equals("incident.closed")).findFirst().orElseThrow();
            assertThat(closed.attributes()).containsEntry("false_positive", true);
            assertThat(closed.attributes().get("assigned_to").toString()).startsWith("u_"); // a personal field of the source
        }
    }

    @Test
    void ga4ExportRowsAreAcceptedUpTo72HoursLateAndRefusedBeyond() {
        String user = "it-" + randomId();
        ObjectNode recent = (ObjectNode) Fixtures.json("ga4-export-purchase.json");
        recent.put("user_pseudo_id", user).remove("user_id");
        recent.put("event_timestamp", String.valueOf(Instant.now().minus(Duration.ofHours(70)).toEpochMilli() * 1000));
        ObjectNode tooLate = recent.deepCopy().put("event_timestamp",
                String.valueOf(Instant.now().minus(Duration.ofHours(73)).toEpochMilli() * 1000));
        try (TopicWatcher events = TopicWatcher.open(Topics.EVENTS)) {
            given().header(TOKEN, "ga4-mobile-demo-token").contentType("application/x-ndjson").body((recent + "\n" + tooLate + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .when().post("/sources/ga4-mobile/ga4")
                    .then().statusCode(202).body("accepted", equalTo(1)).body("rejected", equalTo(1))
                    .body("items[1].errors[0].field", equalTo("[1].occurredAt"));
            CanonicalEvent e = JsonCodec.decode(events.await("\"purchase\"", 1).stream()
                    .filter(r -> new String(r.value()).contains("XOF")).findFirst().orElseThrow().value(), CanonicalEvent.class);
            assertThat(e.subject()).startsWith("u_").isNotEqualTo(user);
        }
    }

    @Test
    void splunkHecAnswersLikeHec() {
        String marker = "V-" + randomId();
        String batch = Fixtures.text("splunk-hec-batch.txt").replace("\"V-77\"", "\"" + marker + "a\"")
                .replace("\"V-78\"", "\"" + marker + "b\"")
                .replace("1793610843.123", String.valueOf(Instant.now().getEpochSecond()))
                .replace("\"1793697243\"", "\"" + Instant.now().getEpochSecond() + "\"");
        try (TopicWatcher events = TopicWatcher.open(Topics.EVENTS)) {
            given().header("Authorization", "Splunk splunk-soc-demo-token").body(batch).when().post("/services/collector/event")
                    .then().statusCode(200).body("text", equalTo("Success")).body("code", equalTo(0));
            events.await(marker, 2);
        }
        given().body(batch).when().post("/services/collector").then().statusCode(401).body("code", equalTo(2));
        given().header("Authorization", "Bearer x").body(batch).when().post("/services/collector").then().statusCode(401).body("code", equalTo(3));
        given().header("Authorization", "Splunk nope").body(batch).when().post("/services/collector").then().statusCode(403).body("code", equalTo(4));
        given().header("Authorization", "Splunk splunk-soc-demo-token").body("").when().post("/services/collector").then().statusCode(400).body("code", equalTo(5));
        given().header("Authorization", "Splunk splunk-soc-demo-token").body("{\"event\":\"x\"}{\"host\":\"h\"}")
                .when().post("/services/collector/event")
                .then().statusCode(400).body("code", equalTo(12)).body("invalid-event-number", equalTo(1));
        given().header("Authorization", "Splunk splunk-soc-demo-token").body("{\"event\":").when().post("/services/collector/event")
                .then().statusCode(400).body("code", equalTo(6));
        given().when().get("/services/collector/health").then().statusCode(200).body("code", equalTo(17));
    }
}
