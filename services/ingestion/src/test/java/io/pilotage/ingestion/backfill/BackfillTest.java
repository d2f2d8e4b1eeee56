package io.pilotage.ingestion.backfill;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilotage.contracts.CanonicalEvent;
import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.Topics;
import io.pilotage.ingestion.adapter.Fixtures;
import io.pilotage.ingestion.rest.SourceAdapterResource;
import io.pilotage.ingestion.support.TopicWatcher;
import io.pilotage.ingestion.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * History import against real Kafka, PostgreSQL and Keycloak (real tokens of the demo users), through
 * the bundled sources' adapters and {@code POST /events?backfill=true}.
 */
@QuarkusTest
class BackfillTest {

    private static Map<String, String> bearer;

    @BeforeAll
    static void tokens() {
        bearer = Map.of("admin", Tokens.bearer("admin"), "owner", Tokens.bearer("owner"),
                "analyst", Tokens.bearer("analyst"), "ingestor", Tokens.bearer("ingestor"),
                "committee", Tokens.bearer("committee"));
    }

    private static RequestSpecification as(String user) {
        return given().header("Authorization", bearer.get(user));
    }

    private static long randomId() {
        return ThreadLocalRandom.current().nextLong(1_000_000, Long.MAX_VALUE / 2);
    }

    /** Two GA4 export rows of a user of its own, {@code ageDays} old, as NDJSON. */
    private static String ga4Rows(String user, int ageDays) {
        ObjectNode row = (ObjectNode) Fixtures.json("ga4-export-purchase.json");
        row.put("user_pseudo_id", user).remove("user_id");
        Instant at = Instant.now().minus(Duration.ofDays(ageDays));
        row.put("event_timestamp", String.valueOf(at.toEpochMilli() * 1000));
        ObjectNode later = row.deepCopy().put("event_timestamp", String.valueOf(at.plusSeconds(3600).toEpochMilli() * 1000));
        return row + "\n" + later + "\n";
    }

    @Test
    void ga4RowsTenDaysOldAreRefusedLiveAndImportedByAnAdminAndTheImportIsAudited() {
        String user = "it-bf-" + randomId();
        byte[] rows = ga4Rows(user, 10).getBytes(StandardCharsets.UTF_8);
        Instant before = Instant.now();

        given().header(SourceAdapterResource.TOKEN_HEADER, "ga4-mobile-demo-token").contentType("application/x-ndjson")
                .body(rows).when().post("/sources/ga4-mobile/ga4")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("[0].occurredAt"))
                .body("errors[0].reason", org.hamcrest.Matchers.containsString("PT72H"));

        try (TopicWatcher events = TopicWatcher.open(Topics.EVENTS)) {
            as("admin").contentType("application/x-ndjson").body(rows).when().post("/sources/ga4-mobile/backfill")
                    .then().statusCode(202).contentType(ContentType.JSON)
                    .body("accepted", equalTo(2)).body("duplicates", equalTo(0)).body("rejected", equalTo(0))
                    .body("items[0].status", equalTo("accepted"));
            var published = events.await("ga4-mobile:", 2).stream().map(r -> JsonCodec.decode(r.value(), CanonicalEvent.class))
                    .filter(e -> e.occurredAt().isBefore(Instant.now().minus(Duration.ofDays(9)))).toList();
            assertThat(published).hasSizeGreaterThanOrEqualTo(2)
                    .allSatisfy(e -> assertThat(e.subject()).startsWith("u_").isNotEqualTo(user));
        }
        // the same rows again: duplicates, as live
        as("admin").contentType("application/x-ndjson").body(rows).when().post("/sources/ga4-mobile/backfill")
                .then().statusCode(202).body("accepted", equalTo(0)).body("duplicates", equalTo(2));

        var audit = as("admin").queryParam("source", "ga4-mobile").queryParam("limit", 2).when().get("/ingestion/backfills")
                .then().statusCode(200).extract().jsonPath();
        assertThat(audit.getList("")).hasSize(2);
        assertThat(audit.getString("[1].actor")).isEqualTo("admin");
        assertThat(audit.getString("[1].route")).isEqualTo("/sources/ga4-mobile/backfill");
        assertThat(audit.getInt("[1].accepted")).isEqualTo(2);
        assertThat(audit.getInt("[0].duplicates")).isEqualTo(2);
        assertThat(Instant.parse(audit.getString("[1].at"))).isAfterOrEqualTo(before.truncatedTo(ChronoUnit.SECONDS));
        Instant earliest = Instant.parse(audit.getString("[1].earliestOccurredAt"));
        Instant latest = Instant.parse(audit.getString("[1].latestOccurredAt"));
        assertThat(Duration.between(earliest, latest)).isEqualTo(Duration.ofHours(1));
        assertThat(earliest).isBefore(Instant.now().minus(Duration.ofDays(9)));
    }

    @Test
    void onlyAnAdminMayImportHistoryOrReadTheAudit() {
        byte[] rows = ga4Rows("it-bf-" + randomId(), 10).getBytes(StandardCharsets.UTF_8);
        for (String user : new String[] {"owner", "analyst", "ingestor", "committee"}) {
            as(user).contentType("application/x-ndjson").body(rows).when().post("/sources/ga4-mobile/backfill")
                    .then().statusCode(403).contentType(startsWith("application/problem+json"));
            as(user).when().get("/ingestion/backfills").then().statusCode(403);
        }
        given().contentType("application/x-ndjson").body(rows).when().post("/sources/ga4-mobile/backfill")
                .then().statusCode(401).contentType(startsWith("application/problem+json"));
        given().when().get("/ingestion/backfills").then().statusCode(401);
        // the source's own token is no admin token
        given().header(SourceAdapterResource.TOKEN_HEADER, "ga4-mobile-demo-token").contentType("application/x-ndjson")
                .body(rows).when().post("/sources/ga4-mobile/backfill").then().statusCode(401);
        as("admin").contentType(ContentType.JSON).body("{}").when().post("/sources/no-such-source/backfill")
                .then().statusCode(404).contentType(startsWith("application/problem+json"));
    }

    @Test
    void eventsWithBackfillLiftTheLatenessForAnAdminOnly() {
        String id = "it-bf-ev-" + UUID.randomUUID();
        String event = """
                {"id":"%s","source":"ga4-mobile","project":"mobile-app","type":"session_start","occurredAt":"%s"}"""
                .formatted(id, Instant.now().minus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS));

        as("ingestor").contentType(ContentType.JSON).body(event).when().post("/events")
                .then().statusCode(400).body("errors[0].field", equalTo("occurredAt"));
        as("ingestor").contentType(ContentType.JSON).body(event).when().post("/events?backfill=true")
                .then().statusCode(403).contentType(startsWith("application/problem+json"));
        as("admin").contentType(ContentType.JSON).body(event).when().post("/events?backfill=maybe")
                .then().statusCode(400).body("errors[0].field", equalTo("backfill"));
        as("admin").contentType(ContentType.JSON).body(event).when().post("/events?backfill=true")
                .then().statusCode(202).body("id", equalTo(id)).body("status", equalTo("accepted"));

        String csvId = "it-bf-csv-" + UUID.randomUUID();
        String csv = "id,source,project,type,occurredAt\n" + csvId + ",ga4-mobile,mobile-app,session_start,"
                + Instant.now().minus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS) + "\n";
        as("analyst").contentType("text/csv").body(csv).when().post("/events/csv?backfill=true").then().statusCode(403);
        as("admin").contentType("text/csv").body(csv).when().post("/events/csv?backfill=true")
                .then().statusCode(202).body("accepted", equalTo(1));

        var audit = as("admin").queryParam("source", "ga4-mobile").queryParam("limit", 50).when().get("/ingestion/backfills")
                .then().statusCode(200).extract().jsonPath();
        assertThat(audit.getList("route")).contains("/events", "/events/csv");
    }

    @Test
    void aQRadarAndAnOdooImportGoThroughTheirAdapters() {
        long offenseId = randomId();
        Instant start = Instant.now().minus(Duration.ofDays(30));
        ObjectNode offense = (ObjectNode) Fixtures.json("qradar-offense-closed.json");
        offense.put("id", offenseId).put("start_time", start.toEpochMilli())
                .put("first_persisted_time", start.plusSeconds(900).toEpochMilli())
                .put("close_time", start.plusSeconds(7200).toEpochMilli());

        long move = randomId();
        Instant written = Instant.now().minus(Duration.ofDays(40)).truncatedTo(ChronoUnit.SECONDS);
        ObjectNode draft = (ObjectNode) Fixtures.json("odoo-account-move-posted.json");
        draft.put("_id", move).put("id", move).put("state", "draft").put("write_date", odoo(written))
                .put("create_date", odoo(written.minusSeconds(3600)));
        ObjectNode posted = draft.deepCopy().put("state", "posted").put("write_date", odoo(written.plusSeconds(600)));

        try (TopicWatcher events = TopicWatcher.open(Topics.EVENTS)) {
            as("admin").contentType(ContentType.JSON).body("[" + offense + "]").when().post("/sources/qradar-soc/backfill")
                    .then().statusCode(202).body("rejected", equalTo(0));
            var incident = events.await("offense:" + offenseId + ":", 4).stream()
                    .map(r -> JsonCodec.decode(r.value(), CanonicalEvent.class)).toList();
            assertThat(incident).extracting(CanonicalEvent::type).contains("incident.closed");
            assertThat(incident).allSatisfy(e -> assertThat(e.project()).isEqualTo("cybersecurity"));

            // two notifications of one record in one import: the second derives from the first
            as("admin").contentType(ContentType.JSON).body("[" + draft + "," + posted + "]").when()
                    .post("/sources/odoo-prod/backfill")
                    .then().statusCode(202).body("accepted", equalTo(2));
            var invoice = events.await("account.move:" + move + ":", 2).stream()
                    .map(r -> JsonCodec.decode(r.value(), CanonicalEvent.class)).toList();
            assertThat(invoice).extracting(CanonicalEvent::type).containsExactly("document.created", "document.validated");
        }
        // the record's state is remembered: the same notification live derives nothing new
        given().contentType(ContentType.JSON).body(posted.toString()).when().post("/sources/odoo-prod/odoo/odoo-prod-demo-secret")
                .then().statusCode(202).body("accepted", equalTo(0));
    }

    private static String odoo(Instant at) {
        return at.toString().replace("T", " ").replace("Z", "");
    }
}
