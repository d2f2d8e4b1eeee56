package io.pilotage.alerting.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilotage.alerting.evaluation.AlertRow;
import io.pilotage.contracts.Granularity;
import io.pilotage.contracts.definition.KpiDefinition;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * No noise: an alert follows its KPI's own frequency and the open / just-closed period; older
 * periods are history, never notified; a firing critical inhibits the warning of the same KPI; a
 * new subscription hears what fires now. Against the real Kafka, PostgreSQL and Slack stand-in.
 */
@QuarkusTest
class LessNoiseTest extends ApiTestBase {

    private static String slack(KpiDefinition k, String path, String minSeverity) {
        return as(owner).body(Map.of("project", k.project(), "channel", "slack", "target", Harness.slackUrl(path),
                "language", "en", "minSeverity", minSeverity)).post("/subscriptions").then().statusCode(201)
                .extract().path("id");
    }

    private static String alertId(String rule, KpiDefinition k) {
        return AlertRow.idOf(rule + ":" + k.project() + "/" + k.key());
    }

    private static List<String> texts(String path) {
        return Harness.slackRequests(path).stream().map(JsonNode::toString).toList();
    }

    @Test
    void aMonthlyKpiIsNotAlertedOnADaysValue() {
        KpiDefinition k = newKpi();   // monthly
        String path = "/services/" + k.project() + "/daily";
        String sub = slack(k, path, "warning");
        LocalDate today = LocalDate.now(ZoneId.of("Africa/Bamako"));

        Harness.publishValue(k, 10.0, Granularity.DAY, today, today);          // past critical, but a day
        Harness.publishValue(k, 85.0, Granularity.MONTH, THIS_MONTH, THIS_MONTH.plusMonths(1).minusDays(1));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(analyst).get("/alerts/"
                + alertId("threshold-critical", k)).then().statusCode(200).body("state", equalTo("OK"))
                .body("value", equalTo(85.0f)).body("granularity", equalTo("month")));
        as(analyst).get("/alerts/" + alertId("threshold-critical", k) + "/history").then()
                .body("transitions", equalTo(List.of())).body("notifications", equalTo(List.of()));
        as(analyst).queryParam("subscription", sub).get("/notifications").then().body("", equalTo(List.of()));

        // the month's own value past critical fires, and the message names the month
        Harness.publishValue(k, 10.0, Granularity.MONTH, THIS_MONTH, THIS_MONTH.plusMonths(1).minusDays(1));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(Harness.slackRequests(path)).hasSize(1));
        assertThat(texts(path).getFirst()).contains("month " + THIS_MONTH).doesNotContain("day " + today);
    }

    @Test
    void valuesOfEarlierClosedPeriodsAreHistoryNeverNotified() {
        KpiDefinition k = newKpi();
        String path = "/services/" + k.project() + "/history";
        String sub = slack(k, path, "warning");
        String critical = alertId("threshold-critical", k);

        // an import: three months of history, the oldest two past critical, before any current value
        Harness.publishValue(k, 10.0, THIS_MONTH.minusMonths(3));
        Harness.publishValue(k, 20.0, THIS_MONTH.minusMonths(2));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(analyst).get("/alerts/" + critical + "/history")
                .then().statusCode(200).body("transitions.historical", equalTo(List.of(true, true)))
                .body("transitions.to", equalTo(List.of("FIRING", "FIRING")))
                .body("transitions.periodStart", equalTo(List.of(THIS_MONTH.minusMonths(3).toString(),
                        THIS_MONTH.minusMonths(2).toString()))));
        as(analyst).get("/alerts/" + critical).then().body("state", equalTo("OK"));

        // the open month is fine; then the just-closed month's late value past critical: older than
        // what the alert follows, so history too
        Harness.publishValue(k, 85.0, THIS_MONTH);
        Harness.publishValue(k, 30.0, LAST_MONTH);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(analyst).get("/alerts/" + critical + "/history")
                .then().body("transitions.historical", equalTo(List.of(true, true, true)))
                .body("transitions[2].periodStart", equalTo(LAST_MONTH.toString()))
                .body("transitions[2].value", equalTo(30.0f)));
        as(analyst).get("/alerts/" + critical).then().body("state", equalTo("OK"))
                .body("periodStart", equalTo(THIS_MONTH.toString())).body("value", equalTo(85.0f));
        as(analyst).queryParam("subscription", sub).get("/notifications").then().body("", equalTo(List.of()));
        assertThat(Harness.alertEvents(critical)).as("history is not published as state changes").isEmpty();

        // the open month past critical: notified, once
        Harness.publishValue(k, 40.0, THIS_MONTH);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(Harness.slackRequests(path)).hasSize(1));
        assertThat(texts(path).getFirst()).contains("FIRING").contains("month " + THIS_MONTH);
        as(analyst).get("/alerts/" + critical + "/history").then()
                .body("transitions.historical", equalTo(List.of(true, true, true, false)))
                .body("transitions[3].to", equalTo("FIRING"));
    }

    @Test
    void aFiringCriticalInhibitsTheWarningOfTheSameKpiUntilItResolves() {
        KpiDefinition k = newKpi();
        String path = "/services/" + k.project() + "/inhibited";
        String sub = slack(k, path, "warning");

        Harness.publishValue(k, 50.0, THIS_MONTH);   // past warning (70) and critical (60)

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(Harness.slackRequests(path)).hasSize(1));
        JsonNode first = Harness.slackRequests(path).getFirst();
        assertThat(first.get("text").asText()).isEqualTo("[Pilotage] " + k.project() + ": [FIRING] Success rate (critical)");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(analyst).queryParam("subscription", sub)
                .get("/notifications").then()
                .body("find { it.alertId == '" + alertId("threshold-warning", k) + "' }.status", equalTo("inhibited")));

        // the open month recomputed between the thresholds: the critical resolves, the warning is now told
        Harness.publishValue(k, 65.0, THIS_MONTH);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(texts(path))
                .anySatisfy(t -> assertThat(t).contains("[RESOLVED] Success rate (critical)"))
                .anySatisfy(t -> assertThat(t).contains("[FIRING] Success rate (warning)")));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).untilAsserted(() -> assertThat(
                texts(path).stream().filter(t -> t.contains("(warning)")).count()).as("the warning told once").isEqualTo(1));
    }

    @Test
    void aNewSubscriptionHearsWhatFiresNow() {
        KpiDefinition k = newKpi();
        Harness.publishValue(k, 50.0, THIS_MONTH);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(analyst).get("/alerts/"
                + alertId("threshold-critical", k)).then().statusCode(200).body("state", equalTo("FIRING")));

        String path = "/services/" + k.project() + "/late-subscriber";
        String sub = slack(k, path, "warning");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(Harness.slackRequests(path)).hasSize(1));
        assertThat(Harness.slackRequests(path).getFirst().get("text").asText()).contains("[FIRING] Success rate (critical)");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .untilAsserted(() -> assertThat(Harness.slackRequests(path)).hasSize(1));
        as(analyst).queryParam("subscription", sub).get("/notifications").then()
                .body("kind", hasItem("firing")).body("status", hasItem("sent"));

        // and its end, like any subscription told of the episode
        Harness.publishValue(k, 90.0, THIS_MONTH);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(Harness.slackRequests(path)).hasSize(2));
        assertThat(Harness.slackRequests(path).get(1).get("text").asText()).contains("RESOLVED");
    }
}
