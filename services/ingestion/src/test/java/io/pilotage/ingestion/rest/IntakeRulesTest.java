package io.pilotage.ingestion.rest;

import io.pilotage.contracts.CanonicalEvent;
import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.Topics;
import io.pilotage.ingestion.support.TopicWatcher;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** The rules of the road of DESIGN §2.3 against the harness' real Kafka and PostgreSQL. */
@QuarkusTest
@TestSecurity(user = "svc", roles = "ingest")
class IntakeRulesTest {

    @Inject
    Pool pool;

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String event(String id, String extra) {
        return """
                {"id":"%s","source":"it-rules","project":"erp","type":"audit.error","occurredAt":"%s"%s}"""
                .formatted(id, now(), extra);
    }

    @Test
    void tenMegabytesOfEmptyObjectsIs413NamingTheLimitAndTheServiceStaysHealthy() {
        StringBuilder sb = new StringBuilder(10_000_000).append('[');
        for (int i = 0; i < 3_300_000; i++) {
            sb.append(i == 0 ? "{}" : ",{}");
        }
        byte[] array = sb.append(']').toString().getBytes(StandardCharsets.US_ASCII);
        assertThat(array.length).isLessThan(10 * 1024 * 1024);

        given().contentType(ContentType.JSON).body(array).when().post("/events")
                .then().statusCode(413).contentType("application/problem+json")
                .body("detail", containsString("maxItems")).body("errors[0].field", equalTo("(body)"));
        given().contentType("application/x-ndjson").body("{}\n".repeat(3_300_000).getBytes(StandardCharsets.US_ASCII))
                .when().post("/events")
                .then().statusCode(413).contentType("application/problem+json").body("detail", containsString("maxItems"));

        given().when().get("/q/health/live").then().statusCode(200);
        String id = "it-" + UUID.randomUUID();
        given().contentType(ContentType.JSON).body(event(id, "")).when().post("/events")
                .then().statusCode(202).body("status", equalTo("accepted"));
    }

    @Test
    void deepNestingAndHugeStringsAre400NamingTheLimitAndField() {
        given().contentType(ContentType.JSON).body(event("it-deep", ",\"attributes\":{\"a\":" + "[".repeat(50) + "]".repeat(50) + "}"))
                .when().post("/events")
                .then().statusCode(400).body("detail", containsString("maxDepth"))
                .body("errors[0].field", containsString("attributes.a"));
        given().contentType(ContentType.JSON).body(event("x".repeat(20_000), ""))
                .when().post("/events")
                .then().statusCode(400).body("detail", containsString("maxStringLength"))
                .body("errors[0].field", equalTo("id"));
    }

    @Test
    void aNulInIdOrEntityIsRefusedNamingTheFieldAndNothingIsPublished() {
        String marker = "it-nul-" + UUID.randomUUID();
        try (TopicWatcher events = TopicWatcher.open(Topics.EVENTS)) {
            given().contentType(ContentType.JSON).body(event(marker + "\\u0000x", ",\"entity\":\"doc/\\u00001\""))
                    .when().post("/events")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("id")).body("errors.field", hasItem("entity"))
                    .body("errors.reason", hasItem(containsString("NUL")));
            String ok = marker + "-ok";
            given().contentType(ContentType.JSON).body(event(ok, "")).when().post("/events").then().statusCode(202);
            assertThat(events.await(marker, 1)).extracting(r -> decode(r).id()).containsExactly(ok);
        }
    }

    @Test
    void personalDataNeverReachesTheTopicNorItsKey() {
        String marker = "it-pd-" + UUID.randomUUID();
        try (TopicWatcher events = TopicWatcher.open(Topics.EVENTS)) {
            given().contentType(ContentType.JSON)
                    .body(event(marker + ":awa.traore@example.ml",
                            ",\"entity\":\"subscriber/+22370000000\",\"attributes\":{\"contact\":\"awa.traore@example.ml\"}"))
                    .when().post("/events").then().statusCode(202);

            ConsumerRecord<String, byte[]> record = events.await(marker, 1).getFirst();
            String value = new String(record.value(), StandardCharsets.UTF_8);
            assertThat(value).doesNotContain("awa.traore").doesNotContain("22370000000");
            assertThat(record.key()).doesNotContain("22370000000").startsWith("erp/subscriber/u_");
        }
    }

    @Test
    void theRecordKeyIsEntityElseSubjectElseId() {
        String marker = "it-key-" + UUID.randomUUID();
        try (TopicWatcher events = TopicWatcher.open(Topics.EVENTS)) {
            given().contentType(ContentType.JSON).body("[" + event(marker + "-e", ",\"entity\":\"doc/1\",\"subject\":\"s1\"")
                            + "," + event(marker + "-s", ",\"subject\":\"s1\"") + "," + event(marker + "-i", "") + "]")
                    .when().post("/events").then().statusCode(202).body("accepted", equalTo(3));

            List<ConsumerRecord<String, byte[]>> records = events.await(marker, 3);
            CanonicalEvent bySubject = records.stream().map(IntakeRulesTest::decode).filter(e -> e.id().endsWith("-s")).findFirst().orElseThrow();
            assertThat(records).extracting(ConsumerRecord::key)
                    .containsExactlyInAnyOrder("erp/doc/1", "erp/" + bySubject.subject(), "erp/" + marker + "-i");
            assertThat(bySubject.subject()).startsWith("u_");
        }
    }

    @Test
    void aRepeatedIdIsAnsweredDuplicateAndPublishedOnceAndTheLedgerHoldsIt() {
        String id = "it-dup-" + UUID.randomUUID();
        try (TopicWatcher events = TopicWatcher.open(Topics.EVENTS)) {
            given().contentType(ContentType.JSON).body(event(id, "")).when().post("/events")
                    .then().statusCode(202).body("status", equalTo("accepted"));
            given().contentType(ContentType.JSON).body("[" + event(id, "") + "," + event(id + "-2", "") + "]")
                    .when().post("/events")
                    .then().statusCode(202).body("items[0].status", equalTo("duplicate"))
                    .body("items[1].status", equalTo("accepted")).body("duplicates", equalTo(1));

            events.await(id + "-2", 1);
            assertThat(events.matching("\"" + id + "\"")).hasSize(1);
        }
        // the confirmation follows the answer (it is not awaited by the client): one row for the request's ticket
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> pool
                .preparedQuery("SELECT EXISTS (SELECT 1 FROM event_claim l JOIN ledger_confirmation c ON c.ticket = l.ticket "
                        + "WHERE l.key = ledger_key($1, $2))")
                .execute(Tuple.of("it-rules", id)).await().indefinitely().iterator().next().getBoolean(0));
    }

    @Test
    void aRejectedEventGoesToTheRejectedTopicAndTheQuarantine() {
        String marker = "it-rej-" + UUID.randomUUID();
        try (TopicWatcher rejected = TopicWatcher.open(Topics.EVENTS_REJECTED)) {
            given().contentType(ContentType.JSON).body("[" + event(marker, "").replace("audit.error", "Bad Type") + "]")
                    .when().post("/events").then().statusCode(400);
            ConsumerRecord<String, byte[]> record = rejected.await(marker, 1).getFirst();
            assertThat(record.key()).isEqualTo("it-rules");
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).contains("\"field\":\"[0].type\"");
        }
        long rows = pool.preparedQuery("SELECT count(*) FROM quarantine WHERE event_id = $1").execute(Tuple.of(marker))
                .await().indefinitely().iterator().next().getLong(0);
        assertThat(rows).isEqualTo(1);
    }

    private static CanonicalEvent decode(ConsumerRecord<String, byte[]> r) {
        return JsonCodec.decode(r.value(), CanonicalEvent.class);
    }
}
