package io.pilotage.kpi.it;

import io.pilotage.contracts.CanonicalEvent;
import io.pilotage.contracts.definition.KpiDefinition;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.nullValue;

/** GET /kpis/{key}/explain against events sent through Kafka. */
@QuarkusTest
@TestSecurity(user = "reader", roles = "analyst")
class ExplainApiTest {

    private static final String COUNT_KPI = """
            - key: %s.things
              name: { fr: Choses, en: Things }
              unit: count
              direction: higher_is_better
              target: 20
              thresholds: { warning: 15, critical: 10 }
              frequency: monthly
              owner: owner-things
              measure: { type: count, events: [thing, other], where: { colour: red } }
            """;

    private static final String DURATION_KPI = """
            - key: %s.time_to_close
              name: { en: Time to close }
              unit: h
              direction: lower_is_better
              target: 12
              thresholds: { critical: 48 }
              frequency: monthly
              measure: { type: duration, start: [opened], end: [closed] }
            """;

    @Test
    void aCountExplainsItsValueStatusAndEvents() {
        String project = TestKafka.newProject("explain");
        KpiDefinition kpi = TestKafka.kpi(project, COUNT_KPI.formatted(project), 1);
        TestKafka.definition(kpi);
        List<CanonicalEvent> events = new ArrayList<>();
        for (int i = 0; i < 18; i++) {
            events.add(TestKafka.event(project, "thing", "2026-10-%02dT10:00:00Z".formatted(i + 1), null, "pseudo-" + i, null,
                    Map.of("colour", "red", "note", "free text never shown")));
        }
        for (int i = 0; i < 7; i++) {
            events.add(TestKafka.event(project, "other", "2026-10-%02dT12:00:00Z".formatted(i + 20), null, null, null,
                    Map.of("colour", "red")));
        }
        events.add(TestKafka.event(project, "thing", "2026-10-05T10:00:00Z", null, null, null, Map.of("colour", "blue")));
        events.add(TestKafka.event(project, "noise", "2026-10-05T10:00:00Z", null, null, null, Map.of("colour", "red")));
        events.add(TestKafka.event(project, "thing", "2026-09-30T10:00:00Z", null, null, null, Map.of("colour", "red")));
        TestKafka.events(events);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().queryParam("period", "2026-10").when()
                .get("/kpis/" + kpi.key() + "/explain").then().statusCode(200).body("value", equalTo(25.0f)));
        given().queryParam("period", "2026-10").when().get("/kpis/" + kpi.key() + "/explain").then().statusCode(200)
                .body("kpi", equalTo(kpi.key())).body("project", equalTo(project))
                .body("name.fr", equalTo("Choses")).body("name.en", equalTo("Things"))
                .body("unit", equalTo("count")).body("direction", equalTo("higher_is_better"))
                .body("target", equalTo(20.0f)).body("thresholds.warning", equalTo(15.0f)).body("thresholds.critical", equalTo(10.0f))
                .body("frequency", equalTo("monthly")).body("window.kind", equalTo("calendar")).body("zone", equalTo("Africa/Bamako"))
                .body("owner", equalTo("owner-things")).body("definitionVersion", equalTo(1))
                .body("period.granularity", equalTo("month")).body("period.start", equalTo("2026-10-01"))
                .body("period.end", equalTo("2026-10-31"))
                .body("status", equalTo("GREEN")).body("sampleSize", equalTo(25)).body("exact", equalTo(true))
                .body("errorBound", nullValue())
                .body("definition.en", equalTo("Number of events of types other or thing where colour = red, over the period (local days)."))
                .body("definition.fr", equalTo("Nombre d'événements de types other ou thing où colour = red, sur la période (jours locaux)."))
                .body("statusRule.en", equalTo("GREEN: 25 > 20 target, higher is better"))
                .body("statusRule.fr", equalTo("VERT : 25 > 20 (cible), plus haut est mieux"))
                .body("eventsByType", hasSize(2))
                .body("eventsByType[0].type", equalTo("thing")).body("eventsByType[0].count", equalTo(18))
                .body("eventsByType[1].type", equalTo("other")).body("eventsByType[1].count", equalTo(7))
                .body("sample", hasSize(20))
                .body("sample[0].type", equalTo("other")).body("sample[0].time", equalTo("2026-10-26T12:00:00Z"))
                .body("sample[0].source", equalTo("it-source"))
                .body("sample[19].time", equalTo("2026-10-06T10:00:00Z")).body("sample[19].subject", equalTo("pseudo-5"))
                .body("sample", everyItem(not(hasKey("attributes"))))
                .body("openEntities", nullValue()).body("openEntitiesCount", nullValue())
                .body("lastEventAt", equalTo("2026-10-26T12:00:00Z")).body("computedAt", not(nullValue()));

        // a period without events: NO_DATA, and the rule says why
        given().queryParam("period", "2026-08").when().get("/kpis/" + kpi.key() + "/explain").then().statusCode(200)
                .body("value", nullValue()).body("status", equalTo("NO_DATA"))
                .body("statusRule.en", equalTo("NO_DATA: no event in the window")).body("eventsByType", hasSize(0))
                .body("sample", hasSize(0)).body("lastEventAt", nullValue());
        // other notations: the week, and by default the current month (the KPI is monthly) in the engine's zone
        given().queryParam("period", "2026-W41").when().get("/kpis/" + kpi.key() + "/explain").then().statusCode(200)
                .body("period.granularity", equalTo("week")).body("period.start", equalTo("2026-10-05")).body("value", equalTo(7.0f))
                .body("status", equalTo("RED")).body("statusRule.en", equalTo("RED: 7 < 10 critical, higher is better"));
        given().when().get("/kpis/" + kpi.key() + "/explain").then().statusCode(200).body("period.granularity", equalTo("month"))
                .body("period.start", equalTo(LocalDate.now(ZoneId.of("Africa/Bamako")).withDayOfMonth(1).toString()));
    }

    @Test
    void aDurationListsTheEntitiesStillOpenAtThePeriodsEnd() {
        String project = TestKafka.newProject("explain-open");
        KpiDefinition kpi = TestKafka.kpi(project, DURATION_KPI.formatted(project), 1);
        TestKafka.definition(kpi);
        TestKafka.events(List.of(
                TestKafka.event(project, "opened", "2026-10-01T00:00:00Z", "t-1", null, null, null),
                TestKafka.event(project, "closed", "2026-10-02T06:00:00Z", "t-1", null, null, null),
                TestKafka.event(project, "opened", "2026-09-20T08:00:00Z", "t-2", null, null, null),
                TestKafka.event(project, "opened", "2026-10-10T09:30:00Z", "t-3", null, null, null),
                TestKafka.event(project, "opened", "2026-10-11T00:00:00Z", "t-4", null, null, null),
                TestKafka.event(project, "closed", "2026-11-03T00:00:00Z", "t-4", null, null, null)));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().queryParam("period", "2026-10").when()
                .get("/kpis/" + kpi.key() + "/explain").then().statusCode(200).body("value", equalTo(30.0f))
                .body("openEntitiesCount", equalTo(3)));
        given().queryParam("period", "2026-10").when().get("/kpis/" + kpi.key() + "/explain").then().statusCode(200)
                .body("status", equalTo("AMBER"))
                .body("statusRule.en", equalTo("AMBER: 30 h > 12 h target, below 48 h critical, lower is better"))
                .body("openEntities", hasSize(3))
                .body("openEntities[0].entity", equalTo("t-2")).body("openEntities[0].since", equalTo("2026-09-20T08:00:00Z"))
                .body("openEntities[1].entity", equalTo("t-3")).body("openEntities[2].entity", equalTo("t-4"))
                .body("eventsByType[0].type", equalTo("opened")).body("eventsByType[0].count", equalTo(3))
                .body("eventsByType[1].type", equalTo("closed")).body("eventsByType[1].count", equalTo(1))
                .body("definition.en", containsString("per entity from its first start event (opened) to the first end event (closed)"));
    }

    @Test
    void aBadPeriodIs400NamingItAndAnUnknownKpi404() {
        given().queryParam("period", "2026-13").when().get("/kpis/erp.audit_errors/explain").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("period"))
                .body("errors[0].reason", containsString("YYYY-MM"));
        given().queryParam("period", "October").when().get("/kpis/erp.audit_errors/explain").then().statusCode(400)
                .body("errors[0].field", equalTo("period")).body("errors[0].reason", containsString("YYYY-Qn"));
        given().when().get("/kpis/erp.nope/explain").then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("no KPI with key 'erp.nope'"));
    }

    @Test
    @TestSecurity(user = "svc", roles = "ingest")
    void theIngestRoleMayNotReadExplanations() {
        given().when().get("/kpis/erp.audit_errors/explain").then().statusCode(403);
    }
}
