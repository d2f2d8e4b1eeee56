package io.pilotage.alerting.it;

import org.eclipse.microprofile.config.ConfigProvider;
import com.fasterxml.jackson.databind.JsonNode;
import io.pilotage.alerting.delivery.WebhookSigner;
import io.pilotage.alerting.evaluation.AlertRow;
import io.pilotage.contracts.Topics;
import io.pilotage.contracts.definition.Direction;
import io.pilotage.contracts.definition.KpiDefinition;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

/**
 * The whole path against the real servers: KPI definitions and values on the real Kafka topics →
 * alert state in the real PostgreSQL → messages received by the real Slack stand-in (WireMock)
 * and SMTP server (GreenMail), with real Keycloak tokens.
 */
@QuarkusTest
class AlertingFlowTest extends ApiTestBase {


    private static String subscribe(KpiDefinition k, String channel, String target, String language, String minSeverity,
                                    String secret) {
        return as(admin).body(Map.of("project", k.project(), "channel", channel, "target", target, "language", language,
                        "minSeverity", minSeverity, "secret", secret == null ? "" : secret).entrySet().stream()
                        .filter(e -> !e.getValue().isEmpty()).collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                                Map.Entry::getValue)))
                .post("/subscriptions").then().statusCode(201).extract().path("id");
    }

    private static String criticalAlertId(KpiDefinition k) {
        return AlertRow.idOf("threshold-critical:" + k.project() + "/" + k.key());
    }

    private static String text(JsonNode slack) {
        return slack.toString();
    }

    @Test
    void aCriticalBreachIsNotifiedOnSlackAndByEmailInEachLanguageThenResolved() {
        KpiDefinition k = newKpi();
        String path = "/services/" + k.project() + "/slack";
        String mailbox = k.project() + "@example.org";
        subscribe(k, "slack", Harness.slackUrl(path), "en", "critical", null);
        subscribe(k, "email", mailbox, "fr", "critical", null);

        Harness.publishValue(k, 55.0, LAST_MONTH);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(Harness.slackRequests(path)).hasSize(1));
        JsonNode slack = Harness.slackRequests(path).getFirst();
        assertThat(slack.get("blocks").get(0).get("type").asText()).isEqualTo("header");
        assertThat(slack.get("text").asText()).contains("FIRING").contains("Success rate").contains(k.project());
        String fields = text(slack.get("blocks"));
        assertThat(fields).contains("*KPI*").contains("Success rate (" + k.key() + ")")
                .contains("*Value*\\n55 %").contains("*Target*\\n80 %").contains("*Threshold*\\n60 %")
                .contains("*Status*").contains("critical").contains("*Trend*").contains("*Period*")
                .contains("month " + LAST_MONTH)
                .contains("/console/kpis/" + k.key() + "?period=" + java.time.YearMonth.from(LAST_MONTH));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(Harness.mails(mailbox)).hasSize(1));
        JsonNode mail = Harness.mails(mailbox).getFirst();
        assertThat(mail.get("subject").asText()).contains("ALERTE").contains("Taux de r").contains(k.project());
        String mime = mail.get("mimeMessage").asText();
        assertThat(mime).contains("multipart/alternative").contains("text/plain").contains("text/html")
                .contains("Indicateur").contains("Cible").contains("Voir le tableau de bord");

        as(analyst).queryParam("project", k.project()).queryParam("state", "firing").get("/alerts").then()
                .statusCode(200).body("severity", org.hamcrest.Matchers.containsInAnyOrder("warning", "critical"))
                .body("find { it.severity == 'critical' }.id", equalTo(criticalAlertId(k)))
                .body("find { it.severity == 'critical' }.value", equalTo(55.0f))
                .body("find { it.severity == 'critical' }.threshold", equalTo(60.0f));

        Harness.publishValue(k, 85.0, THIS_MONTH);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(Harness.slackRequests(path)).hasSize(2));
        JsonNode resolved = Harness.slackRequests(path).get(1);
        assertThat(resolved.get("text").asText()).contains("RESOLVED");
        assertThat(text(resolved.get("blocks"))).contains("*Trend*\\nup").contains("*Value*\\n85 %");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(Harness.mails(mailbox)).hasSize(2));
        assertThat(Harness.mails(mailbox).get(1).get("subject").asText()).contains("RÉSOLU");

        // every transition stored, in order, and published on pilotage.alerts.v1
        as(analyst).get("/alerts/" + criticalAlertId(k) + "/history").then().statusCode(200)
                .body("transitions.to", equalTo(List.of("FIRING", "RESOLVED")))
                .body("notifications.kind", equalTo(List.of("firing", "firing", "resolved", "resolved")))
                .body("notifications.status", equalTo(List.of("sent", "sent", "sent", "sent")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                Harness.alertEvents(criticalAlertId(k)).stream().map(e -> e.get("state").asText()).toList())
                .containsExactly("FIRING", "RESOLVED"));
    }

    @Test
    void warningSubscribersHearOfBothSeveritiesCriticalOnlySubscribersOnlyOfCritical() {
        KpiDefinition k = newKpi();
        String all = "/services/" + k.project() + "/all";
        String critical = "/services/" + k.project() + "/critical";
        subscribe(k, "slack", Harness.slackUrl(all), "en", "warning", null);
        subscribe(k, "slack", Harness.slackUrl(critical), "en", "critical", null);

        Harness.publishValue(k, 65.0, LAST_MONTH);   // past warning (70), not critical (60)

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(Harness.slackRequests(all)).hasSize(1));
        assertThat(Harness.slackRequests(all).getFirst().get("text").asText()).contains("warning");
        assertThat(Harness.slackRequests(critical)).isEmpty();
    }

    @Test
    void onlyOwnersOfTheProjectAcknowledgeAndAnAcknowledgedAlertStaysVisible() {
        KpiDefinition k = newKpi();
        Harness.publishValue(k, 50.0, LAST_MONTH);
        String id = criticalAlertId(k);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(analyst).get("/alerts/" + id).then()
                .statusCode(200).body("state", equalTo("FIRING")));

        as(ownerMobile).body(Map.of("comment", "not mine")).post("/alerts/" + id + "/ack").then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString(k.project()));
        as(analyst).body(Map.of("comment", "x")).post("/alerts/" + id + "/ack").then().statusCode(403);
        as(owner).body(Map.of("comment", "on it")).post("/alerts/" + id + "/ack").then().statusCode(200)
                .body("state", equalTo("ACKNOWLEDGED")).body("acknowledgedBy", equalTo("owner"))
                .body("ackComment", equalTo("on it"));
        as(owner).body(Map.of()).post("/alerts/" + id + "/ack").then().statusCode(409)
                .body("detail", containsString("already acknowledged"));
        as(analyst).queryParam("project", k.project()).queryParam("state", "ACKNOWLEDGED").get("/alerts").then()
                .statusCode(200).body("id", hasItem(id));
        as(analyst).get("/alerts/" + id + "/history").then().body("transitions.to", equalTo(List.of("FIRING",
                "ACKNOWLEDGED"))).body("transitions[1].by", equalTo("owner"));
        given().get("/alerts").then().statusCode(401).contentType("application/problem+json");
        as(admin).get("/alerts/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aSlackAnswering500IsRetriedAndEveryAttemptIsRecorded() {
        KpiDefinition k = newKpi();
        String path = "/services/" + k.project() + "/flaky";
        Harness.failOnceThenOk(path);
        String sub = subscribe(k, "slack", Harness.slackUrl(path), "en", "critical", null);

        Harness.publishValue(k, 10.0, LAST_MONTH);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(analyst).queryParam("subscription", sub)
                .get("/notifications").then().body("status", equalTo(List.of("sent"))).body("attempts", equalTo(List.of(2))));
        assertThat(Harness.slackRequests(path)).hasSize(2);
        long nid = as(analyst).queryParam("subscription", sub).get("/notifications").then().extract().jsonPath()
                .getLong("[0].id");
        as(analyst).get("/notifications/" + nid + "/attempts").then().statusCode(200)
                .body("outcome", equalTo(List.of("failed", "delivered"))).body("statusCode", equalTo(List.of(500, 200)))
                .body("[0].error", containsString("HTTP 500")).body("[0].latencyMs", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void aSlackThatTimesOutEndsDeadAndTheChannelShowsFailing() {
        KpiDefinition k = newKpi();
        String path = "/services/" + k.project() + "/slow";
        Harness.slow(path, 4000);   // the test profile's delivery timeout is 1.5 s
        String sub = subscribe(k, "slack", Harness.slackUrl(path), "en", "critical", null);
        String other = "/services/" + k.project() + "/other-channel";
        subscribe(k, "slack", Harness.slackUrl(other), "en", "critical", null);

        Harness.publishValue(k, 10.0, LAST_MONTH);

        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> as(analyst).queryParam("subscription", sub)
                .get("/notifications").then().body("status", equalTo(List.of("dead"))).body("attempts", equalTo(List.of(3))));
        long nid = as(analyst).queryParam("subscription", sub).get("/notifications").then().extract().jsonPath()
                .getLong("[0].id");
        as(analyst).get("/notifications/" + nid + "/attempts").then()
                .body("outcome", equalTo(List.of("timeout", "timeout", "timeout")));
        as(analyst).get("/notifications/channels").then().statusCode(200)
                .body("find { it.subscription == '" + sub + "' }.health", equalTo("failing"))
                .body("find { it.subscription == '" + sub + "' }.consecutiveFailures", equalTo(3));
        as(analyst).queryParam("status", "dead").get("/notifications").then().body("id", hasItem((int) nid));
        // the failing channel raises its own alert, told on the project's other channel
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(Harness.slackRequests(other))
                .anySatisfy(m -> assertThat(m.toString()).contains("[FIRING]").contains(sub)));
    }

    @Test
    void theWebhookIsSignedWithHmacAndATimestamp() {
        KpiDefinition k = newKpi();
        String path = "/hooks/" + k.project();
        String secret = "s3cret-" + UUID.randomUUID();
        subscribe(k, "webhook", Harness.slackUrl(path), "en", "warning", secret);

        Harness.publishValue(k, 10.0, LAST_MONTH);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(Harness.slackRequests(path)).isNotEmpty());
        JsonNode body = Harness.slackRequests(path).getFirst();
        JsonNode headers = body.get("_headers");
        long ts = Long.parseLong(headers.get(WebhookSigner.TIMESTAMP_HEADER).asText());
        String signature = headers.get(WebhookSigner.SIGNATURE_HEADER).asText();
        byte[] raw = body.get("_raw").asText().getBytes(StandardCharsets.UTF_8);
        assertThat(WebhookSigner.verify(secret, ts, raw, signature, Instant.now().getEpochSecond(), 300)).isTrue();
        assertThat(WebhookSigner.verify("another-secret-123", ts, raw, signature, Instant.now().getEpochSecond(), 300))
                .isFalse();
        assertThat(body.get("project").asText()).isEqualTo(k.project());
        assertThat(body.get("notifications").get(0).get("kind").asText()).isEqualTo("firing");
        assertThat(body.get("notifications").get(0).get("alert").get("kpi").asText()).isEqualTo(k.key());
    }

    @Test
    void poisonValuesAreDeadLetteredAndTheConsumerGoesOn() {
        KpiDefinition k = newKpi();
        String path = "/services/" + k.project() + "/after-poison";
        subscribe(k, "slack", Harness.slackUrl(path), "en", "critical", null);
        String marker = "poison-" + UUID.randomUUID();
        Harness.send(Topics.KPI_VALUES, k.project() + "/x", ("{not json " + marker).getBytes(StandardCharsets.UTF_8));
        Harness.send(Topics.KPI_VALUES, k.project() + "/unknown", ("{\"kpi\":\"" + marker + "\",\"project\":\""
                + k.project() + "\",\"period\":{\"granularity\":\"month\",\"start\":\"" + LAST_MONTH + "\",\"end\":\"" + LAST_MONTH.plusMonths(1).minusDays(1) + "\"},"
                + "\"value\":1,\"status\":\"RED\",\"sampleSize\":1,\"exact\":true,\"definitionVersion\":1}")
                .getBytes(StandardCharsets.UTF_8));
        Harness.publishValue(k, 1.0, LAST_MONTH);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(Harness.slackRequests(path)).hasSize(1));
        // the three records sit on different partitions: the value may be delivered before a poison one is read
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(analyst).queryParam("limit", 1000)
                .get("/alerts/dead-letters").then().statusCode(200)
                .body("findAll { it.payload != null && it.payload.contains('" + marker + "') }.reason",
                        org.hamcrest.Matchers.containsInAnyOrder(containsString("undecodable"),
                                containsString("unknown KPI"))));
        // metrics are on the management interface (a random port in tests), never on the API port
        given().port(ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class))
                .get("/q/metrics").then().body(containsString("pilotage_alerting_dead_letters_total"));
    }
}
