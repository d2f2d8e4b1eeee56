package io.pilotage.alerting.it;

import io.pilotage.contracts.Topics;
import io.pilotage.contracts.definition.Direction;
import io.pilotage.contracts.definition.KpiDefinition;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

/**
 * Two replicas of the built service (real processes) in one consumer group: they share the KPI
 * values, each knows every KPI, every state change is notified once; when one is killed with
 * SIGKILL during a delivery, the other takes its partitions over, settles the interrupted delivery
 * (never sent again) and notifies what follows.
 */
class TwoReplicasIT {

    private static final LocalDate LAST_MONTH = Harness.LAST_MONTH;
    private static final LocalDate THIS_MONTH = Harness.THIS_MONTH;

    private final ServiceProcesses processes = new ServiceProcesses("two-replicas");

    @AfterEach
    void stop() {
        processes.stopAll();
    }

    private static RequestSpecification at(ServiceProcesses.Service s, String token) {
        return given().baseUri("http://127.0.0.1:" + s.port()).auth().oauth2(token).contentType(ContentType.JSON);
    }

    private static String path(KpiDefinition k) {
        return "/services/" + k.project() + "/replicas";
    }

    /** KPI values this replica evaluated (its own counter). */
    private static double evaluated(ServiceProcesses.Service s) {
        String text = given().get("http://127.0.0.1:" + s.managementPort() + "/q/metrics").asString();
        Matcher m = Pattern.compile("(?m)^pilotage_alerting_values_total\\{[^}]*outcome=\"evaluated\"[^}]*} (\\S+)$").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /**
     * Waits until the group's only member holds every partition of the values topic: the replicas
     * start at the topic's end (no backlog of other tests), so a value published before the
     * survivor took a dead replica's partition over, with no offset committed there yet, would be
     * skipped by the test set-up (in production the group reads from its committed offsets or the
     * beginning, and nothing is skipped).
     */
    private static void awaitSoleOwner(String group) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                Harness.env("PILOTAGE_KAFKA_BOOTSTRAP")))) {
            int partitions = admin.describeTopics(List.of(Topics.KPI_VALUES)).allTopicNames().get()
                    .get(Topics.KPI_VALUES).partitions().size();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
                return d.members().size() == 1 && d.members().iterator().next().assignment().topicPartitions().stream()
                        .filter(tp -> tp.topic().equals(Topics.KPI_VALUES)).count() == partitions;
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot describe the consumer group " + group, e);
        }
    }

    private static List<String> texts(KpiDefinition k) {
        return Harness.slackRequests(path(k)).stream().map(b -> b.get("text").asText()).toList();
    }

    @Test
    void twoReplicasShareTheValuesNotifyEachChangeOnceAndTheSurvivorTakesOver() throws Exception {
        String admin = Harness.token("admin");
        String group = "it-two-" + UUID.randomUUID();
        Map<String, String> env = Map.of("PILOTAGE_ALERTING_DELIVERY_TIMEOUT", "10s", "PILOTAGE_ALERTING_SENDING_LEASE", "1s");
        ServiceProcesses.Service a = processes.start(group, "a", env);
        ServiceProcesses.Service b = processes.start(group, "b", env);
        Harness.awaitEvaluating(() -> at(a, admin));

        // twelve KPIs of their own projects (keys spread over the partitions), each known by both replicas
        List<KpiDefinition> kpis = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            kpis.add(Harness.publishKpi(Harness.newProject(), List.of("owner"), Direction.HIGHER_IS_BETTER, 80, 70, 60));
        }
        for (ServiceProcesses.Service s : List.of(a, b)) {
            for (KpiDefinition k : kpis) {
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> at(s, admin).queryParam("project", k.project())
                        .get("/alert-rules").then().statusCode(200).body("id", hasItem("threshold-critical")));
            }
        }
        KpiDefinition held = kpis.getFirst();
        List<KpiDefinition> others = kpis.subList(1, kpis.size());
        Harness.slow(path(held), 8000);   // the receiver holds this one's request: a delivery in flight for 8 s
        for (KpiDefinition k : kpis) {
            at(a, admin).body(Map.of("project", k.project(), "channel", "slack", "target", Harness.slackUrl(path(k)),
                    "language", "en", "minSeverity", "critical")).post("/subscriptions").then().statusCode(201);
        }

        // both replicas alive: every breach notified once, the values shared between them
        others.forEach(k -> Harness.publishValue(k, 40.0, LAST_MONTH));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> others.forEach(k ->
                assertThat(texts(k)).as(k.project()).singleElement().asString().contains("[FIRING]")));
        assertThat(evaluated(a)).as("values evaluated by replica a").isPositive();
        assertThat(evaluated(b)).as("values evaluated by replica b").isPositive();

        // a delivery in flight, then SIGKILL of replica a
        Harness.publishValue(held, 40.0, LAST_MONTH);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Harness.slackRequests(path(held))).hasSize(1));
        a.process().destroyForcibly();
        a.process().waitFor();

        // b settles it (interrupted when a was sending it, sent when b was), never sends it again ...
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> at(b, admin).queryParam("project", held.project())
                .get("/notifications").then().body("status", org.hamcrest.Matchers.everyItem(
                        org.hamcrest.Matchers.oneOf("interrupted", "sent"))));
        // ... and takes a's partitions over: every recovery is notified, once
        awaitSoleOwner(group);
        kpis.forEach(k -> Harness.publishValue(k, 90.0, THIS_MONTH));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> kpis.forEach(k -> {
            List<String> t = texts(k);
            assertThat(t).as(k.project()).hasSize(2);
            assertThat(t.get(0)).contains("[FIRING]");
            assertThat(t.get(1)).contains("[RESOLVED]");
        }));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> kpis.forEach(k -> assertThat(Harness.slackRequests(path(k))).as(k.project()).hasSize(2)));
    }
}
