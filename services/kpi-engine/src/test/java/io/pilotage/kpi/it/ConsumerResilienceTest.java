package io.pilotage.kpi.it;

import io.micrometer.core.instrument.MeterRegistry;
import io.pilotage.contracts.CanonicalEvent;
import io.pilotage.contracts.DeadLetter;
import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.KpiValue;
import io.pilotage.contracts.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** The consumer survives every record, retries transient failures, and applies each event once. */
@QuarkusTest
@TestSecurity(user = "reader", roles = "analyst")
class ConsumerResilienceTest {

    @Inject
    MeterRegistry metrics;

    @Inject
    DataSource db;

    private static String countKpi(String project) {
        TestKafka.definition(TestKafka.kpi(project, """
                - key: %s.events
                  unit: count
                  direction: higher_is_better
                  frequency: daily
                  measure: { type: count, events: [thing.happened] }
                """.formatted(project), 1));
        return project + ".events";
    }

    private static void awaitDayValue(String kpi, String day, float value) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().queryParam("from", day).queryParam("to", day)
                .when().get("/kpis/" + kpi + "/values").then().statusCode(200).body("[0].value", equalTo(value)));
    }

    private double counter(String name, String... tags) {
        var c = metrics.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void recordsThatCanNeverBeAppliedAreDeadLetteredAndTheConsumerMovesOn() {
        String project = TestKafka.newProject("dlq");
        String kpi = countKpi(project);
        double invalidBefore = counter("pilotage_kpi_dead_letters_total", "reason", "invalid")
                + counter("pilotage_kpi_dead_letters", "reason", "invalid");
        String key = project + "/same-partition";
        CanonicalEvent nul = TestKafka.event(project, "thing.happened", "2026-10-02T10:00:00Z", null, null, null, Map.of());
        nul = new CanonicalEvent("bad\u0000id", nul.source(), project, nul.type(), nul.occurredAt(), nul.receivedAt(), null, null,
                null, Map.of());
        TestKafka.send(Topics.EVENTS, key, JsonCodec.encode(nul));
        TestKafka.send(Topics.EVENTS, key, "{\"id\": \"broken".getBytes(StandardCharsets.UTF_8));
        CanonicalEvent good = TestKafka.event(project, "thing.happened", "2026-10-02T11:00:00Z", null, null, null, Map.of());
        TestKafka.send(Topics.EVENTS, key, JsonCodec.encode(good));

        awaitDayValue(kpi, "2026-10-02", 1.0f);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<Map<String, Object>> letters = given().queryParam("limit", 1000).when().get("/dead-letters").then().statusCode(200)
                    .extract().jsonPath().getList("findAll { it.key == '" + key + "' }");
            assertThat(letters).hasSize(2);
            assertThat(letters).extracting(l -> (String) l.get("reason")).anySatisfy(r ->
                    assertThat(r).isEqualTo("invalid: field 'id' contains a NUL character, which cannot be stored"))
                    .anySatisfy(r -> assertThat(r).startsWith("undecodable: cannot decode a canonical event"));
            assertThat(letters).allSatisfy(l -> {
                assertThat(l.get("topic")).isEqualTo(Topics.EVENTS);
                assertThat((Integer) l.get("offset")).isNotNegative();
                assertThat(l.get("partition")).isNotNull();
            });
        });
        List<DeadLetter> onTopic = TestKafka.read(Topics.KPI_ENGINE_DLQ, key::equals).stream()
                .map(r -> JsonCodec.decode(r.value(), DeadLetter.class)).toList();
        // at least once on the topic (a redelivery after a crash may repeat one), once each in the listing
        assertThat(onTopic.stream().map(DeadLetter::offset).distinct()).hasSize(2);
        assertThat(onTopic).allSatisfy(l -> assertThat(l.consumer()).isEqualTo("kpi-engine"));
        assertThat(onTopic).anySatisfy(l -> assertThat(l.payload()).contains("bad\\u0000id"));
        assertThat(counter("pilotage_kpi_dead_letters_total", "reason", "invalid")
                + counter("pilotage_kpi_dead_letters", "reason", "invalid")).isGreaterThan(invalidBefore);
    }

    @Test
    void aTransientDatabaseFailureIsRetriedWithBackoffWithoutSkipping() throws Exception {
        String project = TestKafka.newProject("retry");
        String kpi = countKpi(project);
        TestKafka.events(List.of(TestKafka.event(project, "thing.happened", "2026-10-03T10:00:00Z", null, null, null, Map.of())));
        awaitDayValue(kpi, "2026-10-03", 1.0f);
        double retriesBefore = counter("pilotage_kpi_retries_total") + counter("pilotage_kpi_retries");
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("lock table kpi_day_state in access exclusive mode"); // the engine's writes time out meanwhile
            }
            List<CanonicalEvent> more = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                more.add(TestKafka.event(project, "thing.happened", "2026-10-03T1" + i + ":30:00Z", null, null, null, Map.of()));
            }
            TestKafka.events(more);
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    counter("pilotage_kpi_retries_total") + counter("pilotage_kpi_retries") > retriesBefore);
            c.rollback();
        }
        awaitDayValue(kpi, "2026-10-03", 6.0f);
    }

    @Test
    void aValueThatCouldNotBePublishedIsPublishedOnceTheStoreIsBack() throws Exception {
        String project = TestKafka.newProject("publish-retry");
        String kpi = countKpi(project);
        TestKafka.events(List.of(TestKafka.event(project, "thing.happened", "2026-10-04T10:00:00Z", null, null, null, Map.of())));
        awaitPublishedDayValue(project, kpi, "2026-10-04", 1.0);
        double failuresBefore = counter("pilotage_kpi_values_publish_failures", "project", project);
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("lock table kpi_value in access exclusive mode"); // the publisher's writes time out meanwhile
            }
            TestKafka.events(List.of(TestKafka.event(project, "thing.happened", "2026-10-04T11:00:00Z", null, null, null, Map.of())));
            // this project's value could not be published (its store is locked)
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    counter("pilotage_kpi_values_publish_failures", "project", project) > failuresBefore);
            c.rollback();
        }
        // no further event arrives: only a retry of the failed publication can carry the new value
        awaitPublishedDayValue(project, kpi, "2026-10-04", 2.0);
    }

    private static void awaitPublishedDayValue(String project, String kpi, String day, double value) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(TestKafka.read(Topics.KPI_VALUES,
                Topics.kpiKey(project, kpi)::equals).stream().map(r -> JsonCodec.decode(r.value(), KpiValue.class))
                .filter(v -> v.period().granularity().wireName().equals("day") && v.period().start().toString().equals(day))
                .reduce((first, second) -> second)).hasValueSatisfying(v -> assertThat(v.value()).isEqualTo(value)));
    }

    @Test
    void duplicatesAndRedeliveriesAreAppliedOnce() {
        String project = TestKafka.newProject("dedupe");
        String kpi = countKpi(project);
        List<CanonicalEvent> events = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            events.add(TestKafka.event(project, "thing.happened", "2026-10-04T" + String.format("%02d", i % 24) + ":00:00Z",
                    "e" + (i % 97), null, null, Map.of()));
        }
        TestKafka.events(events);
        TestKafka.events(events.subList(0, 1500)); // redelivered / re-sent: no effect
        TestKafka.events(events.subList(0, 10));
        awaitDayValue(kpi, "2026-10-04", 3000.0f);
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().queryParam("from", "2026-10-04").queryParam("to", "2026-10-04").when().get("/kpis/" + kpi + "/values")
                        .then().body("[0].value", equalTo(3000.0f)).body("[0].sampleSize", equalTo(3000)));
    }
}
