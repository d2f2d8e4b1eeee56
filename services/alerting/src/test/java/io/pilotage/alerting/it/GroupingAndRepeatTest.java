package io.pilotage.alerting.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilotage.alerting.evaluation.AlertRow;
import io.pilotage.contracts.definition.Direction;
import io.pilotage.contracts.definition.KpiDefinition;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

/** Group wait, group interval and repeat interval, with clocks short enough to watch them. */
@QuarkusTest
@TestProfile(GroupingAndRepeatTest.ShortClocks.class)
class GroupingAndRepeatTest {

    public static class ShortClocks implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pilotage.alerting.group-wait", "1s", "pilotage.alerting.group-interval", "2s",
                    "pilotage.alerting.repeat-interval", "3s");
        }
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    @Test
    void alertsOfAProjectAreGroupedRepeatedWhileUnacknowledgedAndAcknowledgementStopsRepeats() {
        String admin = Harness.token("admin");
        String owner = Harness.token("owner");
        Harness.awaitEvaluating(() -> as(admin));
        String project = Harness.newProject();
        KpiDefinition k = Harness.publishKpi(project, List.of("owner"), Direction.HIGHER_IS_BETTER, 80, 70, 60);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(admin).queryParam("project", project)
                .get("/alert-rules").then().statusCode(200).body("id", hasItem("threshold-critical")));
        // a second critical rule on the KPI: one value, two critical alerts (and a warning, inhibited)
        String custom = as(owner).body(Map.of("kind", "below", "project", project, "kpi", k.key(), "value", 75,
                "severity", "critical")).post("/alert-rules").then().statusCode(201).extract().path("id");
        String path = "/services/" + project + "/grouped";
        as(admin).body(Map.of("project", project, "channel", "slack", "target", Harness.slackUrl(path), "language", "en",
                "minSeverity", "warning")).post("/subscriptions").then().statusCode(201);

        Harness.publishValue(k, 50.0, Harness.LAST_MONTH);   // past 75, warning (70) and critical (60)

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(Harness.slackRequests(path)).isNotEmpty());
        JsonNode first = Harness.slackRequests(path).getFirst();
        assertThat(first.get("text").asText()).as("both alerts in one message").isEqualTo("[Pilotage] " + project
                + ": 2 FIRING");
        assertThat(first.get("blocks").toString()).contains("critical").doesNotContain("(warning)");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(Harness.slackRequests(path)).hasSizeGreaterThan(1));
        assertThat(Harness.slackRequests(path).get(1).get("blocks").toString()).contains("STILL FIRING");

        for (String rule : List.of("threshold-warning", "threshold-critical", custom)) {
            as(owner).body(Map.of("comment", "known")).post("/alerts/" + AlertRow.idOf(rule + ":" + project + "/" + k.key())
                    + "/ack").then().statusCode(200);
        }
        // a repeat already decided may still go out; after that, silence while acknowledged
        await().atMost(Duration.ofSeconds(10)).until(() -> as(admin).queryParam("project", project)
                .queryParam("status", "pending").get("/notifications").then().extract().jsonPath().getList("").isEmpty());
        int count = Harness.slackRequests(path).size();
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(7))
                .untilAsserted(() -> assertThat(Harness.slackRequests(path)).hasSize(count));
    }
}
