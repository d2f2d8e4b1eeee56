package io.pilotage.ingestion.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilotage.contracts.CanonicalEvent;
import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.RejectedEvent;
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
    void aSalesOrderConfirmedIsATransactionOfItsProcessingCostAndACompletedProcess() {
        long id = randomId();
        Instant confirmedAt = Instant.now().minusSeconds(300);
        ObjectNode order = (ObjectNode) Fixtures.json("odoo-sale-order-confirmed.json");
        order.put("_id", id).put("id", id).put("write_date", odooDateTime(confirmedAt))
                .put("create_date", odooDateTime(confirmedAt.minusSeconds(7200)));
        try (TopicWatcher events = TopicWatcher.open(Topics.EVENTS)) {
            given().contentType(ContentType.JSON).body(order.toString()).when().post(ODOO)
                    .then().statusCode(202).body("accepted", equalTo(2));

            var records = events.await("sale.order:" + id + ":", 2);
            assertThat(records).extracting(r -> JsonCodec.decode(r.value(), CanonicalEvent.class))
                    .extracting(e -> e.type() + " " + e.value() + " " + e.entity())
                    .containsExactlyInAnyOrder("transaction.processed 1350.0 sale.order/" + id,
                            "process.completed 1350.0 sale.order/" + id);
            assertThat(records).extracting(r -> r.key()).containsOnly("erp/sale.order/" + id);
        }
    }

    @Test
    void anInvoicePaidFromItsPaymentStateIsPaidOnce() {
        long id = randomId();
        Instant t0 = Instant.now().minusSeconds(900);
        ObjectNode invoice = (ObjectNode) Fixtures.json("odoo-account-move-paid.json");
        invoice.put("_id", id).put("id", id).put("create_date", odooDateTime(t0.minusSeconds(3600)))
                .put("write_date", odooDateTime(t0)).put("payment_state", "not_paid");
        try (TopicWatcher events = TopicWatcher.open(Topics.EVENTS)) {
            given().contentType(ContentType.JSON).body(invoice.toString()).when().post(ODOO)
                    .then().statusCode(202).body("accepted", equalTo(2));
            invoice.put("payment_state", "in_payment").put("write_date", odooDateTime(t0.plusSeconds(60)));
            given().contentType(ContentType.JSON).body(invoice.toString()).when().post(ODOO)
                    .then().statusCode(202).body("accepted", equalTo(1)).body("items[0].id", org.hamcrest.Matchers.containsString("payment_state=in_payment"));
            // reconciled: in_payment → paid is the same payment
            invoice.put("payment_state", "paid").put("write_date", odooDateTime(t0.plusSeconds(120)));
            given().contentType(ContentType.JSON).body(invoice.toString()).when().post(ODOO)
                    .then().statusCode(202).body("items", org.hamcrest.Matchers.empty());

            var records = events.await("account.move:" + id + ":", 3);
            assertThat(records).extracting(r -> JsonCodec.decode(r.value(), CanonicalEvent.class).type())
                    .containsExactly("document.created", "document.validated", "document.paid");
        }
    }

    @Test
    @TestSecurity(user = "analyst", roles = "analyst")
    void aNotificationOfAnUnmappedModelIsAnswered202QuarantinedWithItsReasonAndCountedRejected() {
        long id = randomId();
        Number before = given().when().get("/ingestion/sources/stats").then().statusCode(200)
                .extract().path("find { it.source == 'odoo-prod' }.rejected");
        String name = "WH-OUT-" + Long.toString(id, 36);   // letters and digits: no pseudonymised number
        ObjectNode picking = odoo(id, "done", Instant.now()).put("_model", "stock.picking").put("name", name);
        try (TopicWatcher rejected = TopicWatcher.open(Topics.EVENTS_REJECTED)) {
            given().contentType(ContentType.JSON).body(picking.toString()).when().post(ODOO)
                    .then().statusCode(202).body("accepted", equalTo(0)).body("rejected", equalTo(1))
                    .body("items[0].errors[0].field", equalTo("_model"));

            var record = rejected.await(name, 1).getFirst();
            assertThat(record.key()).isEqualTo("odoo-prod");
            RejectedEvent r = JsonCodec.decode(record.value(), RejectedEvent.class);
            assertThat(r.source()).isEqualTo("odoo-prod");
            assertThat(r.reasons()).singleElement().satisfies(reason -> {
                assertThat(reason.field()).isEqualTo("_model");
                assertThat(reason.rule()).isEqualTo("unmapped_model");
                assertThat(reason.message()).contains("stock.picking").contains("odoo-prod");
            });
        }
        given().queryParam("source", "odoo-prod").queryParam("rule", "unmapped_model").queryParam("field", "_model")
                .when().get("/quarantine")
                .then().statusCode(200).body("payload", hasItem(org.hamcrest.Matchers.containsString(name)));
        given().when().get("/ingestion/sources/stats").then().statusCode(200)
                .body("find { it.source == 'odoo-prod' }.rejected",
                        org.hamcrest.Matchers.greaterThan(before == null ? 0 : before.intValue()));
    }

    @Test
    void aWrongSecretIs401AndCounted() {
        given().contentType(ContentType.JSON).body(odoo(randomId(), "draft", Instant.now()).toString())
                .when().post("/sources/odoo-prod/odoo/not-the-secret")
                .then().statusCode(401).contentType("application/problem+json");
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

    /** {@code chunked}: sent in chunks, without a length either. */
    private static java.net.http.HttpResponse<String> postWithoutContentType(String path, String authorization, String body,
                                                                             boolean chunked) throws Exception {
        // java.net.http sends no Content-Type unless told (RestAssured always adds one)
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + io.restassured.RestAssured.port + path))
                        .header("Authorization", authorization)
                        .POST(chunked ? java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes))
                                : java.net.http.HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void splunkHecReadsABodyWithoutContentTypeAndRawTextOneEventPerLine() throws Exception {
        String marker = "R-" + Long.toString(randomId(), 36);   // no long run of digits, which would be pseudonymised
        String envelope = "{\"time\": " + Instant.now().getEpochSecond() + ", \"host\": \"fw-01\", "
                + "\"event\": {\"action\": \"incident_prevented\", \"id\": \"" + marker + "e\"}}";
        String raw = "{\"action\": \"incident_prevented\", \"id\": \"" + marker + "a\", \"severity\": \"high\"}\n"
                + "{\"action\": \"audit_completed\", \"id\": \"" + marker + "b\"}\r\n"
                + "\n"
                + "Nov  2 09:14:03 fw-01 blocked 10.1.2.3 " + marker + "c\n";
        try (TopicWatcher events = TopicWatcher.open(Topics.EVENTS); TopicWatcher rejected = TopicWatcher.open(Topics.EVENTS_REJECTED)) {
            var event = postWithoutContentType("/services/collector/event", "Splunk splunk-soc-demo-token", envelope, false);
            assertThat(event.statusCode()).isEqualTo(200);
            assertThat(event.body()).contains("\"text\":\"Success\"").contains("\"code\":0");
            var rawAnswer = postWithoutContentType("/services/collector/raw?sourcetype=fw:syslog&host=fw-01&channel="
                    + java.util.UUID.randomUUID(), "Splunk splunk-soc-demo-token", raw, true);
            assertThat(rawAnswer.statusCode()).isEqualTo(200);
            assertThat(rawAnswer.body()).contains("\"text\":\"Success\"").contains("\"code\":0");

            var published = events.await(marker, 3).stream().map(r -> JsonCodec.decode(r.value(), CanonicalEvent.class)).toList();
            assertThat(published).extracting(e -> e.id() + " " + e.type()).containsExactlyInAnyOrder(
                    "splunk-soc:" + marker + "e incident.prevented", "splunk-soc:" + marker + "a incident.prevented",
                    "splunk-soc:" + marker + "b audit.completed");
            CanonicalEvent a = published.stream().filter(e -> e.id().endsWith(marker + "a")).findFirst().orElseThrow();
            assertThat(a.attributes()).containsEntry("sourcetype", "fw:syslog").containsEntry("host", "fw-01")
                    .containsEntry("severity", "high");
            // the text line has no action: kept in quarantine with its reason, not lost
            RejectedEvent text = JsonCodec.decode(rejected.await(marker + "c", 1).getFirst().value(), RejectedEvent.class);
            assertThat(text.source()).isEqualTo("splunk-soc");
            assertThat(text.reasons()).extracting(r -> r.field() + " " + r.rule()).containsExactly("[2].type required");
            assertThat(text.payload()).contains("blocked 10.1.2.3 " + marker + "c").contains("fw:syslog");
        }
        // the same answers as /services/collector/event
        given().body("x").when().post("/services/collector/raw").then().statusCode(401).body("code", equalTo(2));
        given().header("Authorization", "Bearer x").body("x").when().post("/services/collector/raw").then().statusCode(401).body("code", equalTo(3));
        given().header("Authorization", "Splunk nope").body("x").when().post("/services/collector/raw").then().statusCode(403).body("code", equalTo(4));
        given().header("Authorization", "Splunk splunk-soc-demo-token").body(" \n").when().post("/services/collector/raw")
                .then().statusCode(400).body("code", equalTo(5));
        given().header("Authorization", "Splunk splunk-soc-demo-token").contentType("text/plain").body("a line")
                .when().post("/services/collector/raw/1.0").then().statusCode(200).body("code", equalTo(0));
    }
}
