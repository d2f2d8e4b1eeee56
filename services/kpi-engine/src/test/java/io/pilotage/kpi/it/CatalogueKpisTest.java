package io.pilotage.kpi.it;

import io.pilotage.contracts.CanonicalEvent;
import io.pilotage.contracts.definition.KpiDefinition;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Each of the 17 catalogue KPIs, exactly as its YAML defines it, computed from a fixture of events
 * sent through Kafka; each runs in a project of its own (a copy of the definition under its own key).
 */
@QuarkusTest
@TestSecurity(user = "reader", roles = "analyst")
class CatalogueKpisTest {

    /** A fixture: the events of one project, built with short helpers. */
    private static final class Fixture {
        final String project;
        final KpiDefinition kpi;
        final List<CanonicalEvent> events = new ArrayList<>();

        Fixture(String catalogueKey) {
            project = TestKafka.newProject(catalogueKey.substring(0, catalogueKey.indexOf('.')));
            kpi = TestKafka.catalogueCopy(catalogueKey, project);
        }

        Fixture e(String type, String at) {
            return e(type, at, null, null, null, Map.of());
        }

        Fixture e(String type, String at, String entity, String subject, Double value, Map<String, Object> attrs) {
            events.add(TestKafka.event(project, type, at, entity, subject, value, attrs));
            return this;
        }

        Fixture valued(String type, String at, double value) {
            return e(type, at, null, null, value, Map.of());
        }

        Fixture entity(String type, String at, String entity) {
            return e(type, at, entity, null, null, Map.of());
        }

        Fixture subject(String type, String at, String subject) {
            return e(type, at, null, subject, null, Map.of());
        }

        /** Publishes the definition, then the events; returns the value of the period once every event is counted. */
        JsonPath value(String granularity, String from, String to) {
            TestKafka.definition(kpi);
            TestKafka.events(events);
            JsonPath[] last = new JsonPath[1];
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
                JsonPath p = read(granularity, from, to);
                assertThat(p.getList("")).hasSize(1);
                assertThat(p.getString("[0].value")).isNotNull();
                last[0] = p;
                // the definition is in force
                assertThat(given().when().get("/kpis?project=" + project).then().statusCode(200)
                        .extract().jsonPath().getString("[0].key")).isEqualTo(kpi.key());
            });
            // wait for quiescence: the same value twice, a second apart (late batches)
            await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(30)).until(() -> {
                JsonPath p = read(granularity, from, to);
                boolean same = String.valueOf(p.getDouble("[0].value")).equals(String.valueOf(last[0].getDouble("[0].value")))
                        && p.getLong("[0].sampleSize") == last[0].getLong("[0].sampleSize");
                last[0] = p;
                return same;
            });
            return last[0];
        }

        /** The values, numbers as doubles (RestAssured reads floats by default). */
        JsonPath read(String granularity, String from, String to) {
            String body = given().queryParam("granularity", granularity).queryParam("from", from).queryParam("to", to)
                    .when().get("/kpis/" + kpi.key() + "/values").then().statusCode(200).extract().asString();
            return new JsonPath(body).using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
        }
    }

    private static void assertValue(JsonPath p, double value, String status) {
        assertThat(p.getDouble("[0].value")).isCloseTo(value, within(1e-9));
        assertThat(p.getString("[0].status")).isEqualTo(status);
    }

    private static final String OCT_FROM = "2026-10-01";
    private static final String OCT_TO = "2026-10-31";

    @Test
    void erpAutomationRate() {
        Fixture f = new Fixture("erp.automation_rate");
        for (boolean automated : new boolean[] {true, true, true, false}) {
            f.e("process.completed", "2026-10-0" + (automated ? 2 : 3) + "T10:00:00Z", null, null, null, Map.of("automated", automated));
        }
        f.e("process.started", "2026-10-02T10:00:00Z", null, null, null, Map.of("automated", true));
        assertValue(f.value("month", OCT_FROM, OCT_TO), 75.0, "AMBER");
    }

    @Test
    void erpCostPerTransaction() {
        Fixture f = new Fixture("erp.cost_per_transaction").valued("transaction.processed", "2026-10-02T10:00:00Z", 1000)
                .valued("transaction.processed", "2026-10-12T10:00:00Z", 2000).valued("transaction.processed", "2026-10-22T10:00:00Z", 1200)
                .valued("transaction.processed", "2026-11-02T10:00:00Z", 9000);
        assertValue(f.value("month", OCT_FROM, OCT_TO), 1400.0, "GREEN");
    }

    @Test
    void erpDocumentProcessingTime() {
        Fixture f = new Fixture("erp.document_processing_time")
                .entity("document.created", "2026-10-01T00:00:00Z", "doc/1").entity("document.validated", "2026-10-02T00:00:00Z", "doc/1")
                .entity("document.created", "2026-10-03T00:00:00Z", "doc/2").entity("document.validated", "2026-10-05T12:00:00Z", "doc/2")
                .entity("document.created", "2026-10-30T00:00:00Z", "doc/3");
        JsonPath p = f.value("month", OCT_FROM, OCT_TO);
        assertValue(p, 42.0, "AMBER");
        assertThat(p.getInt("[0].openEntities")).isEqualTo(1);
    }

    @Test
    void erpAuditErrors() {
        Fixture f = new Fixture("erp.audit_errors").e("audit.error", "2026-10-02T10:00:00Z").e("audit.error", "2026-10-10T10:00:00Z")
                .e("audit.error", "2026-10-31T23:00:00Z").e("audit.warning", "2026-10-10T10:00:00Z");
        assertValue(f.value("month", OCT_FROM, OCT_TO), 3.0, "GREEN");
    }

    @Test
    void erpUptime() {
        Fixture f = new Fixture("erp.uptime").e("probe.down", "2026-09-30T12:00:00Z").e("probe.up", "2026-10-01T00:00:00Z")
                .e("probe.down", "2026-10-10T00:00:00Z").e("probe.up", "2026-10-10T07:26:24Z");
        assertValue(f.value("month", OCT_FROM, OCT_TO), 99.0, "AMBER");
    }

    @Test
    void mobileMau() {
        Fixture f = new Fixture("mobile.mau").subject("session_start", "2026-10-05T10:00:00Z", "u1")
                .subject("session_start", "2026-10-06T10:00:00Z", "u1").subject("screen_view", "2026-10-20T10:00:00Z", "u2")
                .subject("first_open", "2026-10-31T10:00:00Z", "u3")
                .subject("session_start", "2026-10-01T10:00:00Z", "u4")   // outside the 30 days ending Oct 31
                .subject("purchase", "2026-10-10T10:00:00Z", "u5");       // not an activity event of MAU
        JsonPath p = f.value("month", OCT_FROM, OCT_TO);
        assertValue(p, 3.0, "RED");
        assertThat(p.getBoolean("[0].exact")).isTrue();
    }

    @Test
    void mobileConversionRate() {
        Fixture f = new Fixture("mobile.conversion_rate").subject("first_open", "2026-10-03T10:00:00Z", "a")
                .subject("first_open", "2026-10-04T10:00:00Z", "b").subject("first_visit", "2026-10-05T10:00:00Z", "c")
                .subject("first_open", "2026-10-06T10:00:00Z", "d").subject("subscription.started", "2026-10-10T10:00:00Z", "a")
                .subject("first_open", "2026-09-06T10:00:00Z", "old").subject("subscription.started", "2026-10-10T10:00:00Z", "old");
        assertValue(f.value("month", OCT_FROM, OCT_TO), 25.0, "GREEN");
    }

    @Test
    void mobileArpu() {
        Fixture f = new Fixture("mobile.arpu").e("purchase", "2026-10-03T10:00:00Z", null, "u1", 3000.0, Map.of())
                .e("purchase", "2026-10-04T10:00:00Z", null, "u2", 1000.0, Map.of()).subject("session_start", "2026-10-05T10:00:00Z", "u3");
        assertValue(f.value("month", OCT_FROM, OCT_TO), 4000.0 / 3, "GREEN");
    }

    @Test
    void mobileRetentionD30() {
        Fixture f = new Fixture("mobile.retention_d30")
                .subject("first_open", "2026-09-05T10:00:00Z", "a").subject("session_start", "2026-10-05T10:00:00Z", "a")
                .subject("first_open", "2026-09-10T10:00:00Z", "b").subject("session_start", "2026-10-11T10:00:00Z", "b")
                .subject("first_open", "2026-09-20T10:00:00Z", "c").subject("screen_view", "2026-10-20T10:00:00Z", "c")
                .subject("first_open", "2026-09-25T10:00:00Z", "d");
        assertValue(f.value("month", OCT_FROM, OCT_TO), 50.0, "GREEN");
    }

    @Test
    void mobileSatisfaction() {
        Fixture f = new Fixture("mobile.satisfaction").valued("feedback.submitted", "2026-10-03T10:00:00Z", 4)
                .valued("feedback.submitted", "2026-10-13T10:00:00Z", 5).valued("feedback.submitted", "2026-10-23T10:00:00Z", 3);
        assertValue(f.value("month", OCT_FROM, OCT_TO), 4.0, "GREEN");
    }

    @Test
    void mobilePrivacyCompliance() {
        Fixture f = new Fixture("mobile.privacy_compliance")
                .entity("privacy.request.received", "2026-10-01T00:00:00Z", "r1").entity("privacy.request.closed", "2026-10-20T00:00:00Z", "r1")
                .entity("privacy.request.received", "2026-09-01T00:00:00Z", "r2").entity("privacy.request.closed", "2026-10-05T00:00:00Z", "r2")
                .entity("privacy.request.received", "2026-09-15T00:00:00Z", "r3")   // overdue on Oct 15: missed
                .entity("privacy.request.received", "2026-10-25T00:00:00Z", "r4");  // not due yet
        JsonPath p = f.value("month", OCT_FROM, OCT_TO);
        assertValue(p, 100.0 / 3, "RED");
        assertThat(p.getInt("[0].openEntities")).isEqualTo(2);
    }

    @Test
    void securityMttd() {
        Fixture f = new Fixture("security.mttd")
                .entity("incident.started", "2026-10-01T00:00:00Z", "i1").entity("incident.detected", "2026-10-01T02:00:00Z", "i1")
                .entity("incident.started", "2026-10-02T00:00:00Z", "i2").entity("incident.detected", "2026-10-02T06:00:00Z", "i2");
        assertValue(f.value("month", OCT_FROM, OCT_TO), 4.0, "GREEN");
    }

    @Test
    void securityMttr() {
        Fixture f = new Fixture("security.mttr")
                .entity("incident.detected", "2026-10-01T00:00:00Z", "i1").entity("incident.resolved", "2026-10-02T12:00:00Z", "i1")
                .entity("incident.detected", "2026-10-05T00:00:00Z", "i2").entity("incident.resolved", "2026-10-08T00:00:00Z", "i2");
        assertValue(f.value("month", OCT_FROM, OCT_TO), 54.0, "AMBER");
    }

    @Test
    void securityIncidentsPrevented() {
        Fixture f = new Fixture("security.incidents_prevented").e("incident.prevented", "2026-10-07T10:00:00Z");
        assertValue(f.value("month", OCT_FROM, OCT_TO), 1.0, "RED");
    }

    @Test
    void securityVulnsFixedInSla() {
        Fixture f = new Fixture("security.vulns_fixed_in_sla")
                .e("vulnerability.opened", "2026-10-01T00:00:00Z", "v1", null, null, Map.of("severity", "critical"))
                .entity("vulnerability.fixed", "2026-10-06T00:00:00Z", "v1")
                .e("vulnerability.opened", "2026-10-01T00:00:00Z", "v2", null, null, Map.of("severity", "high"))
                .entity("vulnerability.fixed", "2026-10-20T00:00:00Z", "v2")
                .e("vulnerability.opened", "2026-09-01T00:00:00Z", "v3", null, null, Map.of("severity", "low"))
                .entity("vulnerability.fixed", "2026-10-15T00:00:00Z", "v3")
                .e("vulnerability.opened", "2026-07-01T00:00:00Z", "v4", null, null, Map.of("severity", "medium"))
                .entity("vulnerability.fixed", "2026-10-10T00:00:00Z", "v4");
        assertValue(f.value("month", OCT_FROM, OCT_TO), 75.0, "RED");
    }

    @Test
    void securityAuditScore() {
        Fixture f = new Fixture("security.audit_score").valued("audit.completed", "2026-07-10T10:00:00Z", 70)
                .valued("audit.completed", "2026-10-05T10:00:00Z", 85).valued("audit.completed", "2026-11-02T10:00:00Z", 92);
        assertValue(f.value("quarter", OCT_FROM, "2026-12-31"), 92.0, "GREEN");
    }

    @Test
    void securityFalsePositiveRate() {
        Fixture f = new Fixture("security.false_positive_rate");
        for (int i = 0; i < 5; i++) {
            f.e("incident.closed", "2026-10-1" + i + "T10:00:00Z", "i" + i, null, null, Map.of("false_positive", i == 0));
        }
        assertValue(f.value("month", OCT_FROM, OCT_TO), 20.0, "AMBER");
    }
}
