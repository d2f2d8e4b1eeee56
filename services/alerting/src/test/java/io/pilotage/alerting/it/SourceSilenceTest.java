package io.pilotage.alerting.it;

import io.pilotage.alerting.evaluation.AlertRow;
import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.SourceStatus;
import io.pilotage.contracts.Topics;
import io.pilotage.contracts.definition.KpiDefinition;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * {@code source_silent} rules evaluated from the per-source status records on the real
 * {@code pilotage.source-status.v1}, notified through the real Slack stand-in.
 */
@QuarkusTest
class SourceSilenceTest extends ApiTestBase {

    private static void publishStatus(String source, String project, String instance, Instant lastEventAt) {
        SourceStatus s = new SourceStatus(source, project, instance, lastEventAt, 10, 9, 0, 1, 0, 0, Instant.now());
        Harness.send(Topics.SOURCE_STATUS, s.key(), JsonCodec.encode(s));
    }

    /** The Slack messages received, as "[STATE] source". */
    private static List<String> messages(String path) {
        return Harness.slackRequests(path).stream().map(m -> m.get("text").asText())
                .map(t -> t.substring(t.indexOf('[', t.indexOf(':')), t.lastIndexOf(" ("))).toList();
    }

    @Test
    void aSourceNeverSeenIsNoDataThenFiresWhenItsLastEventIsTooOldAndResolvesWhenItSpeaksAgain() {
        KpiDefinition k = newKpi();
        String source = "it-silent-" + UUID.randomUUID().toString().substring(0, 8);
        String path = "/services/" + k.project() + "/silent";
        as(owner).body(Map.of("project", k.project(), "channel", "slack", "target", Harness.slackUrl(path),
                "language", "en", "minSeverity", "warning")).post("/subscriptions").then().statusCode(201);
        String rule = as(owner).body(Map.of("kind", "source_silent", "project", k.project(), "source", source,
                        "duration", "PT10M", "severity", "critical")).post("/alert-rules").then().statusCode(201)
                .extract().path("id");
        String alertId = AlertRow.idOf(rule + ":" + k.project() + "/" + source);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(admin).get("/alerts/" + alertId).then()
                .statusCode(200).body("state", equalTo("NO_DATA")));

        // two instances: the source's last event is the newest of theirs, here an hour ago
        publishStatus(source, k.project(), "i-1", Instant.now().minus(Duration.ofHours(2)));
        publishStatus(source, k.project(), "i-2", Instant.now().minus(Duration.ofHours(1)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(admin).get("/alerts/" + alertId).then()
                .statusCode(200).body("state", equalTo("FIRING")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(messages(path))
                .containsExactly("[NO DATA] " + source, "[FIRING] " + source));

        publishStatus(source, k.project(), "i-1", Instant.now());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(admin).get("/alerts/" + alertId).then()
                .statusCode(200).body("state", equalTo("RESOLVED")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(messages(path))
                .containsExactly("[NO DATA] " + source, "[FIRING] " + source, "[RESOLVED] " + source));
    }

    @Test
    void anUndecodableStatusIsDeadLetteredAndTheConsumerGoesOn() {
        KpiDefinition k = newKpi();
        String source = "it-silent-" + UUID.randomUUID().toString().substring(0, 8);
        String rule = as(owner).body(Map.of("kind", "source_silent", "project", k.project(), "source", source,
                        "duration", "PT10M", "severity", "warning")).post("/alert-rules").then().statusCode(201)
                .extract().path("id");
        String alertId = AlertRow.idOf(rule + ":" + k.project() + "/" + source);

        Harness.send(Topics.SOURCE_STATUS, source + "/bad", ("{\"source\":\"" + source + "\",\"at\":\"not a time\"")
                .getBytes(StandardCharsets.UTF_8));
        publishStatus(source, k.project(), "i-1", Instant.now().minus(Duration.ofHours(1)));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(admin).get("/alerts/" + alertId).then()
                .statusCode(200).body("state", equalTo("FIRING")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(admin).get("/alerts/dead-letters").then()
                .statusCode(200).body("findAll { it.key == '" + source + "/bad' }.size()", equalTo(1)));
    }
}
