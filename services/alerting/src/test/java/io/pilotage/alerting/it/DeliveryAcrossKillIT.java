package io.pilotage.alerting.it;

import io.pilotage.alerting.evaluation.AlertRow;
import io.pilotage.contracts.definition.Direction;
import io.pilotage.contracts.definition.KpiDefinition;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
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

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(Process::destroyForcibly);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private Process start(int port, String group, String name) throws IOException {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        assertThat(jar).as("run after package: the service jar").exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx160m", "-XX:+UseSerialGC", "-jar", jar.toString());
        Map<String, String> env = pb.environment();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("PILOTAGE_DB_USER", "alerting");
        env.put("PILOTAGE_DB_PASSWORD", Harness.env("PILOTAGE_PG_PASSWORD_ALERTING"));
        env.put("PILOTAGE_ALERTING_GROUP", group);
        // start at the topic's end: no backlog of other tests' values (see Harness.awaitEvaluating)
        env.put("MP_MESSAGING_INCOMING_KPI_VALUES_IN_AUTO_OFFSET_RESET", "latest");
        env.put("PILOTAGE_ALERTING_GROUP_WAIT", "0s");
        env.put("PILOTAGE_ALERTING_GROUP_INTERVAL", "0s");
        env.put("PILOTAGE_ALERTING_DELIVERY_TIMEOUT", "30s");
        env.put("PILOTAGE_ALERTING_DISPATCH_TICK", "200ms");
        env.put("PILOTAGE_ALERTING_REMINDER_TICK", "500ms");
        Path log = Path.of("target", "kill-it-" + name + ".log");
        Files.createDirectories(log.getParent());
        Process p = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        started.add(p);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            assertThat(p.isAlive()).as("alerting process %s alive (log %s)", name, log).isTrue();
            try {
                return given().get("http://127.0.0.1:" + port + "/q/health/ready").statusCode() == 200;
            } catch (Exception e) {   // not listening yet
                return false;
            }
        });
        return p;
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

        int port = freePort();
        Process first = start(port, group, "first");
        Harness.awaitEvaluating(() -> at(port, admin));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> at(port, admin).queryParam("project", project)
                .get("/alert-rules").then().statusCode(200).body("id", hasItem("threshold-critical")));
        String sub = at(port, admin).body(Map.of("project", project, "channel", "slack", "target", Harness.slackUrl(path),
                "language", "en", "minSeverity", "critical")).post("/subscriptions").then().statusCode(201)
                .extract().path("id");

        Harness.publishValue(k, 40.0, LocalDate.of(2026, 10, 1));

        // mid-delivery: logged as sending, and the receiver has the request
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> at(port, admin).queryParam("subscription", sub)
                .get("/notifications").then().body("status", equalTo(List.of("sending"))));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(Harness.slackRequests(path)).hasSize(1));

        first.destroyForcibly();   // SIGKILL
        first.waitFor();

        int port2 = freePort();
        start(port2, group, "second");
        Harness.awaitEvaluating(() -> at(port2, admin));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> at(port2, admin).queryParam("subscription", sub)
                .get("/notifications").then().body("status", equalTo(List.of("interrupted"))));
        // the replacement re-reads whatever offset was not committed, re-sends nothing
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6))
                .untilAsserted(() -> assertThat(Harness.slackRequests(path)).hasSize(1));

        // the end of the problem still reaches the receiver that may have heard of it
        Harness.publishValue(k, 90.0, LocalDate.of(2026, 11, 1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Harness.slackRequests(path)).hasSize(2));
        assertThat(Harness.slackRequests(path).get(1).get("text").asText()).contains("RESOLVED");
        at(port2, admin).get("/alerts/" + AlertRow.idOf("threshold-critical:" + project + "/" + k.key()) + "/history")
                .then().body("transitions.to", equalTo(List.of("FIRING", "RESOLVED")));
    }
}
