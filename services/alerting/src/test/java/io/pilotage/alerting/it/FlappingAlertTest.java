package io.pilotage.alerting.it;

import io.pilotage.alerting.evaluation.AlertRow;
import io.pilotage.contracts.definition.KpiDefinition;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Firing, resolved, firing within the flap window: held back, shown as flapping, told once it settles. */
@QuarkusTest
@TestProfile(FlappingAlertTest.ShortFlapWindow.class)
class FlappingAlertTest extends ApiTestBase {

    public static class ShortFlapWindow implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pilotage.alerting.flap-window", "15s");
        }
    }

    @Test
    void aFlappingAlertIsHeldBackShownAsSuchAndToldWhenItSettles() {
        KpiDefinition k = newKpi();
        String path = "/services/" + k.project() + "/flapping";
        as(owner).body(Map.of("project", k.project(), "channel", "slack", "target", Harness.slackUrl(path),
                "language", "en", "minSeverity", "critical")).post("/subscriptions").then().statusCode(201);
        String id = AlertRow.idOf("threshold-critical:" + k.project() + "/" + k.key());

        Harness.publishValue(k, 50.0, THIS_MONTH);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Harness.slackRequests(path)).hasSize(1));
        Harness.publishValue(k, 90.0, THIS_MONTH);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Harness.slackRequests(path)).hasSize(2));
        assertThat(Harness.slackRequests(path).get(1).get("text").asText()).contains("RESOLVED");

        Harness.publishValue(k, 50.0, THIS_MONTH);   // again, within the window: flapping
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> as(analyst).get("/alerts/" + id).then()
                .body("state", equalTo("FIRING")).body("flapping", equalTo(true)));
        Harness.publishValue(k, 90.0, THIS_MONTH);
        Harness.publishValue(k, 50.0, THIS_MONTH);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> as(analyst).get("/alerts/" + id + "/history").then()
                .body("transitions.to", equalTo(List.of("FIRING", "RESOLVED", "FIRING", "RESOLVED", "FIRING")))
                .body("transitions.flapping", equalTo(List.of(false, false, true, true, true))));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(Harness.slackRequests(path)).as("held back").hasSize(2));

        // it keeps firing for the window: it settles, and what fires is told once
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> assertThat(Harness.slackRequests(path)).hasSize(3));
        assertThat(Harness.slackRequests(path).get(2).get("text").asText()).contains("[FIRING]");
        as(analyst).get("/alerts/" + id).then().body("state", equalTo("FIRING")).body("flapping", equalTo(false));
    }
}
