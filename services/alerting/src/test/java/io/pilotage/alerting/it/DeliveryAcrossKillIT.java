package io.pilotage.alerting.it;

import io.pilotage.alerting.evaluation.AlertRow;
import io.pilotage.contracts.definition.Direction;
import io.pilotage.contracts.definition.KpiDefinition;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * The built alerting service (target/quarkus-app) as a real process, killed with SIGKILL while a
 * Slack delivery is in flight, then replaced: the receiver gets the state change once, never
 * twice, and the resolution that follows still reaches it.
 */
class DeliveryAcrossKillIT {

    private final ServiceProcesses processes = new ServiceProcesses("kill-it");

    @AfterEach
    void stop() {
        processes.stopAll();
    }

    /** The receiver holds the request 8 s: a delivery timeout above it, and the shortest lease it allows. */
    private ServiceProcesses.Service start(String group, String name) throws java.io.IOException {
        return processes.start(group, name, Map.of("PILOTAGE_ALERTING_DELIVERY_TIMEOUT", "10s",
                "PILOTAGE_ALERTING_SENDING_LEASE", "1s"));
    }

    private static RequestSpecification at(int port, String token) {
        return given().baseUri("http://127.0.0.1:" + port).auth().oauth2(token).contentType(ContentType.JSON);
    }

    @Test
    void aStateChangeIsNotifiedOnceEvenWhenTheServiceIsKilledDuringTheDelivery() throws Exception {
        String admin = Harness.token("admin");
        String group = "it-kill-" + UUID.randomUUID();
        String project = Harness.newProject();
        KpiDefinition k = Harness.publishKpi(project, List.of("owner"), Direction.HIGHER_IS_BETTER, 80, 70, 60);
        String path = "/services/" + project + "/kill";
        Harness.slow(path, 8000);   // the receiver holds the request: the delivery is in flight for 8 s

        ServiceProcesses.Service first = start(group, "first");
        int port = first.port();
        Harness.awaitEvaluating(() -> at(port, admin));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> at(port, admin).queryParam("project", project)
                .get("/alert-rules").then().statusCode(200).body("id", hasItem("threshold-critical")));
        String sub = at(port, admin).body(Map.of("project", project, "channel", "slack", "target", Harness.slackUrl(path),
                "language", "en", "minSeverity", "critical")).post("/subscriptions").then().statusCode(201)
                .extract().path("id");

        Harness.publishValue(k, 40.0, Harness.LAST_MONTH);

        // mid-delivery: logged as sending, and the receiver has the request
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> at(port, admin).queryParam("subscription", sub)
                .get("/notifications").then().body("status", equalTo(List.of("sending"))));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(Harness.slackRequests(path)).hasSize(1));

        first.process().destroyForcibly();   // SIGKILL
        first.process().waitFor();

        int port2 = start(group, "second").port();
        Harness.awaitEvaluating(() -> at(port2, admin));
        // settled once its lease (delivery timeout + 5 s after the claim) ran out, never sent again
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> at(port2, admin).queryParam("subscription", sub)
                .get("/notifications").then().body("status", equalTo(List.of("interrupted"))));
        // the replacement re-reads whatever offset was not committed, re-sends nothing
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6))
                .untilAsserted(() -> assertThat(Harness.slackRequests(path)).hasSize(1));

        // the end of the problem still reaches the receiver that may have heard of it
        Harness.publishValue(k, 90.0, Harness.THIS_MONTH);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Harness.slackRequests(path)).hasSize(2));
        assertThat(Harness.slackRequests(path).get(1).get("text").asText()).contains("RESOLVED");
        at(port2, admin).get("/alerts/" + AlertRow.idOf("threshold-critical:" + project + "/" + k.key()) + "/history")
                .then().body("transitions.to", equalTo(List.of("FIRING", "RESOLVED")));
    }
}
