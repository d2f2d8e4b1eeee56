package io.pilotage.alerting.it;

import io.pilotage.contracts.definition.Direction;
import io.pilotage.contracts.definition.KpiDefinition;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Silences, mute windows, custom rules and request validation, against the real servers. */
@QuarkusTest
class SilencesAndRulesTest extends ApiTestBase {


    private static String slack(KpiDefinition k, String path) {
        return as(owner).body(Map.of("project", k.project(), "channel", "slack", "target", Harness.slackUrl(path),
                "language", "en", "minSeverity", "critical")).post("/subscriptions").then().statusCode(201)
                .extract().path("id");
    }

    private static String silence(String token, String project, int expected) {
        return as(token).body(Map.of("matchers", List.of(Map.of("name", "project", "value", project)),
                        "reason", "maintenance", "endsAt", Instant.now().plusSeconds(3600).toString()))
                .post("/silences").then().statusCode(expected).extract().path("id");
    }

    @Test
    void whatWasNotifiedGetsItsResolvedEvenWhenSilencedInBetween() {
        KpiDefinition k = newKpi();
        String path = "/services/" + k.project() + "/silenced-later";
        slack(k, path);
        Harness.publishValue(k, 50.0, LAST_MONTH);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(Harness.slackRequests(path)).hasSize(1));

        silence(owner, k.project(), 201);
        Harness.publishValue(k, 90.0, THIS_MONTH);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(Harness.slackRequests(path)).hasSize(2));
        assertThat(Harness.slackRequests(path).get(1).get("text").asText()).contains("RESOLVED");
    }

    @Test
    void whatStillFiresWhenASilenceEndsIsNotifiedThen() {
        KpiDefinition k = newKpi();
        String path = "/services/" + k.project() + "/silenced-first";
        String sub = slack(k, path);
        String silence = silence(owner, k.project(), 201);
        Harness.publishValue(k, 50.0, LAST_MONTH);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(admin).queryParam("subscription", sub)
                .get("/notifications").then().body("status", equalTo(List.of("silenced"))));
        assertThat(Harness.slackRequests(path)).isEmpty();

        as(owner).delete("/silences/" + silence).then().statusCode(200).body("author", equalTo("owner"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(Harness.slackRequests(path)).hasSize(1));
        assertThat(Harness.slackRequests(path).getFirst().get("text").asText()).contains("silence ended");
        as(admin).queryParam("subscription", sub).get("/notifications").then()
                .body("kind", equalTo(List.of("unsilenced", "firing"))).body("status", equalTo(List.of("sent", "silenced")));
    }

    @Test
    void aMuteWindowMutesAndItsRemovalNotifiesWhatStillFires() {
        KpiDefinition k = newKpi();
        String path = "/services/" + k.project() + "/muted";
        String sub = slack(k, path);
        String window = as(owner).body(Map.of("name", "all week", "zone", "Africa/Bamako",
                        "days", List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"),
                        "start", "00:00", "end", "00:00",
                        "matchers", List.of(Map.of("name", "project", "value", k.project()))))
                .post("/mute-windows").then().statusCode(201).extract().path("id");
        Harness.publishValue(k, 50.0, LAST_MONTH);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(admin).queryParam("subscription", sub)
                .get("/notifications").then().body("status", equalTo(List.of("silenced"))));

        as(owner).delete("/mute-windows/" + window).then().statusCode(204);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(Harness.slackRequests(path)).hasSize(1));
    }

    @Test
    void aCustomRuleFiresAfterForConsecutiveEvaluations() {
        KpiDefinition k = newKpi();
        String path = "/services/" + k.project() + "/custom";
        as(owner).body(Map.of("project", k.project(), "channel", "slack", "target", Harness.slackUrl(path),
                "language", "fr", "minSeverity", "warning")).post("/subscriptions").then().statusCode(201);
        String rule = as(owner).body(Map.of("kind", "below", "project", k.project(), "kpi", k.key(), "value", 75,
                "severity", "warning", "forEvaluations", 2)).post("/alert-rules").then().statusCode(201)
                .body("kind", equalTo("below")).extract().path("id");
        String alertId = io.pilotage.alerting.evaluation.AlertRow.idOf(rule + ":" + k.project() + "/" + k.key());

        Harness.publishValue(k, 72.0, LAST_MONTH);   // below 75, above the warning threshold 70
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(admin).get("/alerts/" + alertId).then()
                .statusCode(200).body("state", equalTo("PENDING")).body("consecutive", equalTo(1)));
        Harness.publishValue(k, 71.0, THIS_MONTH);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(admin).get("/alerts/" + alertId).then()
                .body("state", equalTo("FIRING")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(Harness.slackRequests(path)).hasSize(1));
        assertThat(Harness.slackRequests(path).getFirst().get("text").asText()).contains("ALERTE")
                .contains("Taux de réussite").contains("avertissement");
        assertThat(Harness.slackRequests(path).getFirst().get("blocks").toString()).contains("*Tendance*\\nen baisse");
    }

    @Test
    void ownersManageOnlyTheirProjects() {
        KpiDefinition k = newKpi();
        silence(ownerMobile, k.project(), 403);
        as(ownerMobile).body(Map.of("project", k.project(), "channel", "email", "target", "a@example.org",
                "language", "en")).post("/subscriptions").then().statusCode(403).contentType("application/problem+json");
        as(owner).body(Map.of("channel", "email", "target", "a@example.org", "language", "en"))
                .post("/subscriptions").then().statusCode(403).body("detail", containsString("every project"));
        as(Harness.token("analyst")).body(Map.of("project", k.project(), "channel", "email", "target", "a@example.org",
                "language", "en")).post("/subscriptions").then().statusCode(403);
    }

    @Test
    void invalidRequestsAreProblemsNamingTheField() {
        KpiDefinition k = newKpi();
        as(admin).body(Map.of("project", k.project(), "channel", "slack", "target", "not a url", "language", "en"))
                .post("/subscriptions").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("target")));
        as(admin).body(Map.of("project", k.project(), "channel", "pigeon", "target", "x", "language", "de"))
                .post("/subscriptions").then().statusCode(400).body("errors.field", equalTo(List.of("channel", "language")));
        as(admin).body(Map.of("project", k.project(), "channel", "webhook", "target", "https://soar.example.org/hook",
                "language", "en")).post("/subscriptions").then().statusCode(400).body("errors.field", equalTo(List.of("secret")));
        // a NUL, which PostgreSQL cannot store, is named, not a 500
        as(admin).body(Map.of("project", k.project(), "channel", "webhook", "target", "https://soar.example.org/hook",
                        "secret", "s\u0000cret", "language", "en")).post("/subscriptions").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItem("secret"))
                .body("errors.reason", org.hamcrest.Matchers.hasItem("holds a control character"));
        as(admin).body(Map.of("matchers", List.of(Map.of("name", "colour", "value", "red")), "reason", "x",
                        "startsAt", "2026-11-02T10:00:00Z", "endsAt", "2026-11-02T09:00:00Z"))
                .post("/silences").then().statusCode(400)
                .body("errors.field", equalTo(List.of("matchers[0].name", "endsAt")));
        as(admin).body(Map.of("matchers", List.of(Map.of("name", "kpi", "value", "(", "regex", true)), "reason", "x",
                "endsAt", "2099-01-01T00:00:00Z")).post("/silences").then().statusCode(400)
                .body("errors.field", equalTo(List.of("matchers[0].value")));
        as(admin).body("{\"matchers\": 3}").post("/silences").then().statusCode(400).body("errors.field", hasItem("matchers"));
        as(admin).body(Map.of("kind", "sideways", "project", k.project())).post("/alert-rules").then().statusCode(400)
                .body("errors.field", hasItem("kind"));
        as(admin).body(Map.of("kind", "no_data", "project", k.project(), "kpi", k.key(), "duration", "two hours"))
                .post("/alert-rules").then().statusCode(400).body("errors.field", equalTo(List.of("duration")));
        as(admin).body(Map.of("name", "w", "zone", "Mars/Olympus", "days", List.of("FUNDAY"), "start", "25:00",
                        "end", "07:00", "matchers", List.of(Map.of("name", "project", "value", k.project()))))
                .post("/mute-windows").then().statusCode(400)
                .body("errors.field", equalTo(List.of("zone", "days[0]", "start")));
        as(admin).queryParam("state", "burning").get("/alerts").then().statusCode(400)
                .body("errors.field", equalTo(List.of("state")));
        as(admin).queryParam("status", "lost").get("/notifications").then().statusCode(400)
                .body("errors.field", equalTo(List.of("status")));
    }
}
