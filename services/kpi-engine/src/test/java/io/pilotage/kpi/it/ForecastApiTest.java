package io.pilotage.kpi.it;

import io.pilotage.contracts.CanonicalEvent;
import io.pilotage.contracts.definition.KpiDefinition;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

/** GET /kpis/{key}/forecast and the forecasts carried by scorecards and series, against events sent through Kafka. */
@QuarkusTest
@TestSecurity(user = "reader", roles = "analyst")
class ForecastApiTest {

    private static final ZoneId BAMAKO = ZoneId.of("Africa/Bamako");

    private static final String COUNT_KPI = """
            - key: %s.errors
              name: { en: Errors }
              unit: count
              direction: lower_is_better
              target: %d
              thresholds: { critical: %d }
              frequency: monthly
              measure: { type: count, events: [audit.error] }
            """;

    @Test
    void theOpenMonthIsProjectedFromItsDaysAndAClosedMonthIsItsFinalValue() {
        ZonedDateTime now = ZonedDateTime.now(BAMAKO);
        LocalDate today = now.toLocalDate();
        YearMonth month = YearMonth.from(today);
        int days = month.lengthOfMonth();
        String project = TestKafka.newProject("forecast");
        // three errors every past day for 40 days, none yet today; the month ends near 3 a day × its length
        KpiDefinition kpi = TestKafka.kpi(project, COUNT_KPI.formatted(project, 3 * days + 30, 3 * days + 60), 1);
        TestKafka.definition(kpi);
        List<CanonicalEvent> events = new ArrayList<>();
        for (LocalDate d = today.minusDays(40); d.isBefore(today); d = d.plusDays(1)) {
            for (int h = 0; h < 3; h++) {
                events.add(TestKafka.event(project, "audit.error", d.atTime(9 + h, 0).atZone(BAMAKO).toInstant().toString(), null, null,
                        null, null));
            }
        }
        TestKafka.events(events);
        LocalDate lastMonthEnd = month.atDay(1).minusDays(1);
        long lastMonthDays = Math.min(ChronoUnit.DAYS.between(today.minusDays(40), lastMonthEnd) + 1, lastMonthEnd.lengthOfMonth());
        String previous = YearMonth.from(lastMonthEnd).toString();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().queryParam("period", previous).when()
                .get("/kpis/" + kpi.key() + "/forecast").then().statusCode(200).body("value", equalTo(3.0f * lastMonthDays)));

        // a closed month: its final value, interval zero
        given().queryParam("period", previous).when().get("/kpis/" + kpi.key() + "/forecast").then().statusCode(200)
                .body("closed", equalTo(true)).body("method", equalTo("final")).body("low", equalTo(3.0f * lastMonthDays))
                .body("high", equalTo(3.0f * lastMonthDays)).body("daysRemaining", equalTo(0))
                .body("daysElapsed", equalTo(lastMonthEnd.lengthOfMonth()));

        // the open month (the default period of a monthly KPI)
        awaitAllDays(kpi, today);
        JsonPath f = given().when().get("/kpis/" + kpi.key() + "/forecast").then().statusCode(200)
                .contentType("application/json").extract().jsonPath();
        int elapsed = today.getDayOfMonth();
        assertThat(f.getString("kpi")).isEqualTo(kpi.key());
        assertThat(f.getString("period.granularity")).isEqualTo("month");
        assertThat(f.getString("period.start")).isEqualTo(month.atDay(1).toString());
        assertThat(f.getBoolean("closed")).isFalse();
        assertThat(f.getString("method")).isEqualTo("seasonal");
        assertThat(f.getInt("daysElapsed")).isEqualTo(elapsed);
        assertThat(f.getInt("daysRemaining")).isEqualTo(days - elapsed);
        if (elapsed > 1) {
            assertThat(f.getDouble("current")).isEqualTo(3.0 * (elapsed - 1));
        }
        double value = f.getDouble("value");
        assertThat(value).isBetween(3.0 * (days - 1), 3.0 * days + 0.01);
        assertThat(f.getDouble("low")).isBetween(3.0 * (elapsed - 1), value);
        assertThat(f.getDouble("high")).isGreaterThanOrEqualTo(value);
        assertThat(f.getDouble("confidence")).isEqualTo(0.8);
        assertThat(f.getString("status")).isEqualTo("GREEN");
        assertThat(f.getDouble("critical")).isEqualTo(3.0 * days + 60);
        assertThat((Object) f.get("crossesCriticalInDays")).isNull();
        assertThat(f.getString("unit")).isEqualTo("count");

        // the same forecast on the project's scorecard line and on the open month of the series
        JsonPath card = given().when().get("/projects/" + project + "/scorecard").then().statusCode(200).extract().jsonPath();
        assertThat(card.getDouble("kpis[0].forecast.value")).isEqualTo(value);
        assertThat(card.getString("kpis[0].forecast.status")).isEqualTo("GREEN");
        JsonPath series = given().queryParam("granularity", "month").queryParam("from", previous + "-01").when()
                .get("/kpis/" + kpi.key() + "/values").then().statusCode(200).extract().jsonPath();
        assertThat(series.getList("$")).hasSize(2);
        assertThat((Object) series.get("[0].forecast")).isNull();
        assertThat(series.getDouble("[1].forecast.value")).isEqualTo(value);
        // a closed month's scorecard carries none
        given().queryParam("period", previous).when().get("/projects/" + project + "/scorecard").then().statusCode(200)
                .body("kpis[0].forecast", equalTo(null));
    }

    @Test
    void aTrajectoryPastTheCriticalThresholdIsDated() {
        LocalDate today = LocalDate.now(BAMAKO);
        YearMonth month = YearMonth.from(today);
        String project = TestKafka.newProject("forecast-cross");
        // 3 a day; critical at what the month reaches 5 days from now
        int critical = 3 * (today.getDayOfMonth() - 1) + 3 * 5 + 1;
        KpiDefinition kpi = TestKafka.kpi(project, COUNT_KPI.formatted(project, critical - 10, critical), 1);
        TestKafka.definition(kpi);
        List<CanonicalEvent> events = new ArrayList<>();
        for (LocalDate d = today.minusDays(40); d.isBefore(today); d = d.plusDays(1)) {
            for (int h = 0; h < 3; h++) {
                events.add(TestKafka.event(project, "audit.error", d.atTime(9 + h, 0).atZone(BAMAKO).toInstant().toString(), null, null,
                        null, null));
            }
        }
        TestKafka.events(events);
        awaitAllDays(kpi, today);
        JsonPath f = given().when().get("/kpis/" + kpi.key() + "/forecast").then().statusCode(200).extract().jsonPath();
        if (month.lengthOfMonth() - today.getDayOfMonth() >= 6) { // the month still lasts past the crossing
            assertThat(f.getString("status")).isEqualTo("RED");
            assertThat(f.getInt("crossesCriticalInDays")).isBetween(4, 6);
        }
    }

    /**
     * Waits until every event sent is counted, through closed days only: a read of the open period
     * would compute (and keep for a minute) a forecast of what has arrived so far.
     */
    private static void awaitAllDays(KpiDefinition kpi, LocalDate today) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().queryParam("granularity", "day")
                .queryParam("from", today.minusDays(40).toString()).queryParam("to", today.minusDays(1).toString()).when()
                .get("/kpis/" + kpi.key() + "/values").then().statusCode(200).body("value", everyItem(equalTo(3.0f))));
    }

    @Test
    void badPeriodsAndUnknownKpisAreProblems() {
        given().queryParam("period", "2026-13").when().get("/kpis/erp.audit_errors/forecast").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("period"));
        String future = YearMonth.now(BAMAKO).plusMonths(2).toString();
        given().queryParam("period", future).when().get("/kpis/erp.audit_errors/forecast").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("period"))
                .body("errors[0].reason", containsString("has not started"));
        given().when().get("/kpis/erp.nope/forecast").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "robot", roles = "ingest")
    void theIngestRoleMayNotReadForecasts() {
        given().when().get("/kpis/erp.audit_errors/forecast").then().statusCode(403);
    }
}
