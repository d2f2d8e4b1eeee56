package io.pilotage.alerting.silence;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class MutesTest {

    private static final Map<String, String> ERP_CRITICAL = Map.of("project", "erp", "kpi", "erp.uptime",
            "severity", "critical", "rule", "threshold-critical");

    @Test
    void aFiringCriticalInhibitsTheWarningOfTheSameKpiOnly() {
        Mutes.InForce f = new Mutes.InForce(List.of(), List.of(), Set.of("erp/erp.uptime"));
        assertThat(f.inhibits(Map.of("project", "erp", "kpi", "erp.uptime", "severity", "warning",
                "rule", "threshold-warning"))).isTrue();
        assertThat(f.inhibits(Map.of("project", "erp", "kpi", "erp.uptime", "severity", "warning",
                "rule", "below-95"))).as("a custom warning rule of the KPI too").isTrue();
        assertThat(f.inhibits(ERP_CRITICAL)).as("never the critical itself").isFalse();
        assertThat(f.inhibits(Map.of("project", "erp", "kpi", "erp.cost_per_transaction", "severity", "warning",
                "rule", "threshold-warning"))).as("another KPI").isFalse();
        assertThat(f.inhibits(Map.of("project", "mobile-app", "kpi", "erp.uptime", "severity", "warning",
                "rule", "threshold-warning"))).as("another project").isFalse();
        assertThat(f.inhibits(Map.of("project", "erp", "source", "odoo", "severity", "warning", "rule", "silent")))
                .as("a source alert").isFalse();
        assertThat(new Mutes.InForce(List.of(), List.of()).inhibits(Map.of("project", "erp", "kpi", "erp.uptime",
                "severity", "warning"))).isFalse();
    }

    @Test
    void everyMatcherMustMatchAndNoMatcherMatchesNothing() {
        assertThat(Matcher.all(List.of(new Matcher("project", "erp", false)), ERP_CRITICAL)).isTrue();
        assertThat(Matcher.all(List.of(new Matcher("project", "erp", false), new Matcher("severity", "warning", false)),
                ERP_CRITICAL)).isFalse();
        assertThat(Matcher.all(List.of(new Matcher("kpi", "erp\\..*", true)), ERP_CRITICAL)).isTrue();
        assertThat(Matcher.all(List.of(new Matcher("kpi", "erp", true)), ERP_CRITICAL)).as("whole value").isFalse();
        assertThat(Matcher.all(List.of(new Matcher("source", "odoo", false)), ERP_CRITICAL)).isFalse();
        assertThat(Matcher.all(List.of(), ERP_CRITICAL)).isFalse();
    }

    @Test
    void aSilenceMutesBetweenItsStartAndItsEnd() {
        Instant start = Instant.parse("2026-11-02T10:00:00Z");
        Silence s = new Silence("s", List.of(new Matcher("project", "erp", false)), "owner", "upgrade", start,
                start.plusSeconds(3600));
        assertThat(s.mutes(ERP_CRITICAL, start.minusSeconds(1))).isFalse();
        assertThat(s.mutes(ERP_CRITICAL, start)).isTrue();
        assertThat(s.mutes(ERP_CRITICAL, start.plusSeconds(3599))).isTrue();
        assertThat(s.mutes(ERP_CRITICAL, start.plusSeconds(3600))).isFalse();
        assertThat(s.mutes(Map.of("project", "mobile-app", "severity", "critical", "rule", "r"), start)).isFalse();
    }

    private static final ZoneId BAMAKO = ZoneId.of("Africa/Bamako");   // UTC+0
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @ParameterizedTest(name = "nights 20:00-07:00 Mon-Fri at {0} -> {1}")
    @CsvSource({
            "2026-11-02T19:59:00Z, false",   // Monday evening, before
            "2026-11-02T20:00:00Z, true",
            "2026-11-03T06:59:00Z, true",    // Tuesday morning: Monday's night
            "2026-11-03T07:00:00Z, false",
            "2026-11-07T06:00:00Z, true",    // Saturday morning: Friday's night
            "2026-11-07T21:00:00Z, false",   // Saturday evening: not a listed day
            "2026-11-02T06:00:00Z, false"})  // Monday morning: Sunday's night, Sunday not listed
    void aWindowCrossingMidnightBelongsToTheDayItStarts(String at, boolean active) {
        MuteWindow nights = new MuteWindow("w", "nights", List.of(new Matcher("project", "erp", false)), BAMAKO,
                Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY),
                LocalTime.of(20, 0), LocalTime.of(7, 0));
        assertThat(nights.activeAt(Instant.parse(at))).isEqualTo(active);
    }

    @Test
    void weekendsAreWholeDaysInTheWindowsTimeZone() {
        MuteWindow weekend = new MuteWindow("w", "weekend", List.of(new Matcher("project", "erp", false)), PARIS,
                Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);
        assertThat(weekend.activeAt(Instant.parse("2026-11-06T22:59:00Z"))).as("Friday 23:59 in Paris").isFalse();
        assertThat(weekend.activeAt(Instant.parse("2026-11-06T23:00:00Z"))).as("Saturday 00:00 in Paris").isTrue();
        assertThat(weekend.activeAt(Instant.parse("2026-11-08T22:59:00Z"))).as("Sunday 23:59 in Paris").isTrue();
        assertThat(weekend.activeAt(Instant.parse("2026-11-08T23:00:00Z"))).as("Monday 00:00 in Paris").isFalse();
        assertThat(weekend.mutes(ERP_CRITICAL, Instant.parse("2026-11-07T12:00:00Z"))).isTrue();
    }

    @Test
    void aDaytimeWindowIsHalfOpen() {
        MuteWindow lunch = new MuteWindow("w", "lunch", List.of(new Matcher("project", "erp", false)), BAMAKO,
                Set.of(DayOfWeek.MONDAY), LocalTime.of(12, 0), LocalTime.of(14, 0));
        assertThat(lunch.activeAt(Instant.parse("2026-11-02T12:00:00Z"))).isTrue();
        assertThat(lunch.activeAt(Instant.parse("2026-11-02T14:00:00Z"))).isFalse();
        assertThat(lunch.activeAt(Instant.parse("2026-11-03T13:00:00Z"))).isFalse();
    }
}
