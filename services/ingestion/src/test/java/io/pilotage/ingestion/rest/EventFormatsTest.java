package io.pilotage.ingestion.rest;

import io.pilotage.contracts.CanonicalEvent;
import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.Topics;
import io.pilotage.ingestion.support.TopicWatcher;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** CloudEvents and CSV on {@code POST /events}, against real Kafka and PostgreSQL. */
@QuarkusTest
@TestSecurity(user = "svc", roles = "ingest")
class EventFormatsTest {

    private static final String NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aStructuredCloudEventIsACanonicalEvent() {
        String id = "it-ce-" + UUID.randomUUID();
        try (TopicWatcher events = TopicWatcher.open(Topics.EVENTS)) {
            given().contentType("application/cloudevents+json").body(bytes("""
                    {"specversion":"1.0","id":"%s","source":"/sources/it-ce","type":"audit.error","time":"%s",
                     "subject":"audit/7","datacontenttype":"application/json",
                     "data":{"project":"erp","value":3,"attributes":{"auditor":"ext"}}}""".formatted(id, NOW)))
                    .when().post("/events")
                    .then().statusCode(202).body("id", equalTo(id)).body("status", equalTo("accepted"));
            CanonicalEvent e = JsonCodec.decode(events.await(id, 1).getFirst().value(), CanonicalEvent.class);
            assertThat(e.source()).isEqualTo("it-ce");
            assertThat(e.entity()).isEqualTo("audit/7");
            assertThat(e.value()).isEqualTo(3.0);
            assertThat(e.attributes()).containsEntry("auditor", "ext");
        }
    }

    @Test
    void aCloudEventsBatchReportsEachItemAndAnInvalidCloudEventIsNamed() {
        String id = "it-ceb-" + UUID.randomUUID();
        given().contentType("application/cloudevents-batch+json").body(bytes("""
                [{"specversion":"1.0","id":"%s","source":"it-ce","type":"audit.error","time":"%s","data":{"project":"erp"}},
                 {"specversion":"1.0","source":"it-ce","type":"audit.error"}]""".formatted(id, NOW)))
                .when().post("/events")
                .then().statusCode(202).body("accepted", equalTo(1)).body("items[1].status", equalTo("rejected"))
                .body("items[1].errors[0].field", equalTo("[1].(cloudevent)"));
    }

    @Test
    void aContentTypeThatIsNoMediaTypeIsA415NamingTheHeader() {
        for (String contentType : new String[] {"garbage", "*/*", "application/*", "json"}) {
            given().header("Content-Type", contentType).body(bytes("{}")).when().post("/events")
                    .then().statusCode(415).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("Content-Type"));
        }
    }

    @Test
    @TestSecurity(user = "analyst", roles = "analyst")
    void aCsvImportMapsColumnsAndReportsEachLineByNumber() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String csv = """
                invoice_no,date,montant,devise
                F-%1$s-1,%2$s,125000,XOF
                F-%1$s-2,not-a-date,10,XOF

                "F-%1$s-3","%2$s","99,5","XOF"
                """.formatted(run, NOW);
        given().contentType("text/csv").body(bytes(csv))
                .queryParam("map", "invoice_no:id", "date:occurredAt", "montant:value", "devise:attributes.currency")
                .queryParam("set", "source:it-csv", "project:erp", "type:transaction.processed")
                .when().post("/events/csv")
                .then().statusCode(202).body("accepted", equalTo(2)).body("rejected", equalTo(1))
                .body("lines[1].line", equalTo(3)).body("lines[1].status", equalTo("rejected"))
                .body("lines[1].errors[0].field", equalTo("line 3.occurredAt"))
                .body("lines[2].line", equalTo(5));
    }

    @Test
    @TestSecurity(user = "analyst", roles = "analyst")
    void aCsvWithARaggedLineOrNoLineIsNamed() {
        given().contentType("text/csv").body(bytes("id,type\nonly-one-cell\n")).queryParam("set", "source:it-csv")
                .when().post("/events/csv")
                .then().statusCode(400).body("errors.field", hasItem("line 2"));
        given().contentType("text/csv").body(bytes("id,type\n")).when().post("/events/csv").then().statusCode(400);
    }
}
