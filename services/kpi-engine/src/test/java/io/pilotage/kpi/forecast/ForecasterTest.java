package io.pilotage.kpi.forecast;

import io.pilotage.contracts.CanonicalEvent;
import io.pilotage.contracts.Granularity;
import io.pilotage.contracts.KpiStatus;
import io.pilotage.contracts.KpiValue;
import io.pilotage.contracts.KpiValue.Period;
import io.pilotage.contracts.definition.KpiYaml;
import io.pilotage.kpi.definition.CompiledKpi;
import io.pilotage.kpi.measure.MeasureKind;
import io.pilotage.kpi.period.PeriodCalendar;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** A forecast per measure type, from day states built from events the way the engine builds them. */
class ForecasterTest {

    private static final ZoneId BAMAKO = ZoneId.of("Africa/Bamako");
    private static final AtomicLong IDS = new AtomicLong();
    /** Noon of Tuesday 2026-12-08 (Bamako is UTC): 8 days of December elapsed, 23 left, half of today left. */
    private static final Instant NOW = Instant.parse("2026-12-08T12:00:00Z");
    private static final Period DECEMBER = PeriodCalendar.periodContaining(Granularity.MONTH, LocalDate.parse("2026-12-08"));

    private static CompiledKpi kpi(String unit, String direction, double target, double critical, String measure, String window) {
        return CompiledKpi.of(KpiYaml.read("""
                project: p
                kpis:
                  - key: p.k
                    name: { en: K }
                    unit: "%s"
                    direction: %s
                    target: %s
                    thresholds: { critical: %s }
                    frequency: monthly
                    window: %s
                    measure: %s
                """.formatted(unit, direction, target, critical, window, measure)).kpis().getFirst());
    }

    private static CompiledKpi kpi(String unit, String direction, double target, double critical, String measure) {
        return kpi(unit, direction, target, critical, measure, "{ kind: calendar }");
    }

    private static CanonicalEvent ev(String type, Instant at, String entity, String subject, Double value, Map<String, Object> attrs) {
        return new CanonicalEvent("f" + IDS.incrementAndGet(), "test", "p", type, at, null, entity, subject, value, attrs);
    }

    private static Instant at(LocalDate day, int hour) {
        return day.atTime(hour, 0).atZone(BAMAKO).toInstant();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static NavigableMap<LocalDate, byte[]> states(CompiledKpi k, List<CanonicalEvent> events) {
        MeasureKind kind = k.measure();
        NavigableMap<LocalDate, Object> days = new TreeMap<>();
        for (CanonicalEvent e : events) {
            if (!e.occurredAt().isAfter(NOW) && kind.accepts(e)) {
                LocalDate d = e.occurredAt().atZone(BAMAKO).toLocalDate();
                days.put(d, kind.add(days.containsKey(d) ? days.get(d) : kind.empty(), e));
            }
        }
        NavigableMap<LocalDate, byte[]> out = new TreeMap<>();
        days.forEach((d, s) -> out.put(d, kind.encode(s)));
        return out;
    }

    private static Forecast forecast(CompiledKpi k, List<CanonicalEvent> events) {
        return new Forecaster(BAMAKO).forecast(k, DECEMBER, states(k, events), NOW);
    }

    private static List<LocalDate> days(String from, String to) {
        return LocalDate.parse(from).datesUntil(LocalDate.parse(to).plusDays(1)).toList();
    }

    @Test
    void aCountIsExtrapolatedWithItsWeekdaysAndItsCrossingOfTheCriticalThresholdIsDated() {
        // 4 errors each weekday, none at weekends, since October; lower is better, critical at 70
        CompiledKpi k = kpi("count", "lower_is_better", 40, 70, "{ type: count, events: [audit.error] }");
        List<CanonicalEvent> events = new ArrayList<>();
        for (LocalDate d : days("2026-10-01", "2026-12-08")) {
            if (d.getDayOfWeek().getValue() <= 5) {
                for (int h = 0; h < 4; h++) {
                    events.add(ev("audit.error", at(d, 1 + h), null, null, null, null)); // before noon: today's 4 are in
                }
            }
        }
        Forecast f = forecast(k, events);
        assertThat(f.method()).isEqualTo("seasonal");
        assertThat(f.closed()).isFalse();
        assertThat(f.current()).isEqualTo(24.0); // Tue 1 .. Tue 8: 6 weekdays
        assertThat(f.daysElapsed()).isEqualTo(8);
        assertThat(f.daysRemaining()).isEqualTo(23);
        // December has 23 weekdays: 92 errors in all; the projection is close, slightly lifted by shrunk weekend factors
        assertThat(f.value()).isBetween(88.0, 100.0);
        assertThat(f.low()).isBetween(24.0, f.value());
        assertThat(f.high()).isGreaterThan(f.value());
        assertThat(f.confidence()).isEqualTo(0.8);
        assertThat(f.status()).isEqualTo(KpiStatus.RED);
        assertThat(f.currentStatus()).isEqualTo(KpiStatus.GREEN);
        // 24 now, about 4 a weekday: past 70 around the 12th weekday after today, Thursday 24th = 16 days from today
        assertThat(f.crossesCriticalInDays()).isBetween(14, 17);
        assertThat(f.critical()).isEqualTo(70.0);
    }

    @Test
    void aSumIsExtrapolatedLikeACount() {
        CompiledKpi k = kpi("XOF", "higher_is_better", 6_000, 5_000, "{ type: sum, events: [purchase] }");
        List<CanonicalEvent> events = new ArrayList<>();
        for (LocalDate d : days("2026-11-01", "2026-12-08")) {
            events.add(ev("purchase", at(d, 9), null, "s", 100.0, null));
            events.add(ev("purchase", at(d, 10), null, "s", 100.0, null));
        }
        Forecast f = forecast(k, events);
        assertThat(f.method()).isEqualTo("seasonal");
        assertThat(f.current()).isEqualTo(1600.0);
        assertThat(f.value()).isCloseTo(1600 + 200 * 23.5, within(1e-6)); // half of today still to come
        assertThat(f.status()).isEqualTo(KpiStatus.GREEN);
        assertThat(f.crossesCriticalInDays()).isNull();
    }

    @Test
    void anAverageKeepsItsLevelWithAnIntervalFromTheDays() {
        CompiledKpi k = kpi("score", "higher_is_better", 4, 3, "{ type: avg, events: [feedback.submitted] }");
        List<CanonicalEvent> events = new ArrayList<>();
        for (LocalDate d : days("2026-11-10", "2026-12-08")) {
            double v = d.getDayOfMonth() % 2 == 0 ? 3.5 : 4.5;
            events.add(ev("feedback.submitted", at(d, 8), null, "s", v, null));
            events.add(ev("feedback.submitted", at(d, 9), null, "s", v, null));
        }
        Forecast f = forecast(k, events);
        assertThat(f.method()).isEqualTo("level");
        assertThat(f.current()).isCloseTo(4.0, within(1e-9));
        assertThat(f.value()).isCloseTo(4.0, within(0.1));
        assertThat(f.low()).isLessThan(f.value());
        assertThat(f.high()).isGreaterThan(f.value());
        assertThat(f.high() - f.low()).isLessThan(1.0);
    }

    @Test
    void aRatioIsALevelWithinZeroAndAHundredPercent() {
        // automated share: 90 % until December 1st, then 50 %; critical 70
        CompiledKpi k = kpi("%", "higher_is_better", 80, 70, """
                { type: ratio, percent: true, numerator: { type: count, events: [process.completed], where: { automated: true } },
                  denominator: { type: count, events: [process.completed] } }""");
        List<CanonicalEvent> events = new ArrayList<>();
        for (LocalDate d : days("2026-11-20", "2026-12-08")) {
            int automated = d.isBefore(LocalDate.parse("2026-12-02")) ? 9 : 5;
            for (int i = 0; i < 10; i++) {
                events.add(ev("process.completed", at(d, 1 + i % 10), null, null, null, Map.of("automated", i < automated)));
            }
        }
        Forecast f = forecast(k, events);
        assertThat(f.method()).isEqualTo("level");
        assertThat(f.current()).isCloseTo(100.0 * (9 + 5 * 7) / 80, within(1e-9)); // 55 %
        assertThat(f.status()).isEqualTo(KpiStatus.RED);
        assertThat(f.value()).isCloseTo(55.0, within(1e-9)); // a week of December is too short for a trend of its own
        assertThat(f.crossesCriticalInDays()).isNull(); // already past it
        assertThat(f.low()).isGreaterThanOrEqualTo(0);
        assertThat(f.high()).isLessThanOrEqualTo(100);
    }

    @Test
    void aShareWithinItsLimitIsALevel() {
        CompiledKpi k = kpi("%", "higher_is_better", 90, 75, "{ type: within, start: [opened], end: [closed], limit: { days: 1 } }");
        List<CanonicalEvent> events = new ArrayList<>();
        int n = 0;
        for (LocalDate d : days("2026-11-15", "2026-12-07")) {
            for (int i = 0; i < 4; i++) {
                String e = "e" + n++;
                events.add(ev("opened", at(d, 1), e, null, null, null));
                events.add(ev("closed", at(d, i == 0 ? 23 : 2).plusSeconds(i == 0 ? 3600 * 30 : 0), e, null, null, null));
            }
        }
        Forecast f = forecast(k, events);
        assertThat(f.method()).isEqualTo("level");
        // a quarter closes late; today the one opened yesterday is overdue and counts as missed: 70 % so far
        assertThat(f.current()).isCloseTo(70.0, within(1e-9));
        assertThat(f.value()).isBetween(70.0, 76.0);
        assertThat(f.low()).isEqualTo(f.value()); // every past day was exactly 75 %: no spread, no width
    }

    @Test
    void aDistinctCountGrowsLikeItsUnionGrewOverTheLastDays() {
        // 50 subjects a day out of a population of 400, the same ones coming back: the union saturates
        CompiledKpi k = kpi("users", "higher_is_better", 400, 300, "{ type: distinct, events: [session_start] }");
        List<CanonicalEvent> events = new ArrayList<>();
        int day = 0;
        for (LocalDate d : days("2026-10-15", "2026-12-08")) {
            for (int i = 0; i < 50; i++) {
                events.add(ev("session_start", at(d, 3), null, "u" + ((day * 37 + i * 7) % 400), null, null));
            }
            day++;
        }
        Forecast f = forecast(k, events);
        assertThat(f.method()).isEqualTo("union-growth");
        assertThat(f.current()).isBetween(250.0, 400.0);
        assertThat(f.value()).isBetween(f.current(), 400.0);
        assertThat(f.low()).isGreaterThanOrEqualTo(f.current());
        assertThat(f.high()).isGreaterThanOrEqualTo(f.value());
    }

    @Test
    void aRollingDistinctCountProjectsItsWindowEndingOnThePeriodsLastDay() {
        CompiledKpi k = kpi("users", "higher_is_better", 100, 50, "{ type: distinct, events: [session_start] }",
                "{ kind: rolling, days: 7 }");
        List<CanonicalEvent> events = new ArrayList<>();
        for (LocalDate d : days("2026-11-20", "2026-12-08")) {
            for (int i = 0; i < 10; i++) {
                events.add(ev("session_start", at(d, 3), null, d + "-" + i, null, null)); // 10 new subjects a day
            }
        }
        Forecast f = forecast(k, events);
        // the window (Dec 25–31) has not started: the union of the last 7 days, 70
        assertThat(f.current()).isNull();
        assertThat(f.value()).isCloseTo(70, within(1e-9));
    }

    @Test
    void latestIsCarriedWithoutAnInterval() {
        CompiledKpi k = kpi("%", "higher_is_better", 90, 70, "{ type: latest, events: [audit.completed] }");
        Forecast f = forecast(k, List.of(ev("audit.completed", at(LocalDate.parse("2026-12-03"), 10), null, null, 85.0, null),
                ev("audit.completed", at(LocalDate.parse("2026-11-03"), 10), null, null, 60.0, null)));
        assertThat(f.method()).isEqualTo("carried");
        assertThat(f.value()).isEqualTo(85.0);
        assertThat(f.low()).isNull();
        assertThat(f.high()).isNull();
        assertThat(f.status()).isEqualTo(KpiStatus.AMBER);
        assertThat(f.crossesCriticalInDays()).isNull();
    }

    @Test
    void uptimeIsCarriedWithAnIntervalFromTheDaysAvailability() {
        CompiledKpi k = kpi("%", "higher_is_better", 99, 95, "{ type: uptime, up: [probe.up], down: [probe.down] }");
        List<CanonicalEvent> events = new ArrayList<>();
        for (LocalDate d : days("2026-11-20", "2026-12-08")) {
            events.add(ev("probe.up", at(d, 0), null, null, null, null));
            if (d.getDayOfMonth() % 3 == 0) { // down from 06:00 to 08:24 every third day: 10 % of that day
                events.add(ev("probe.down", at(d, 6), null, null, null, null));
                events.add(ev("probe.up", at(d, 8).plusSeconds(24 * 60), null, null, null, null));
            }
        }
        Forecast f = forecast(k, events);
        assertThat(f.method()).isEqualTo("carried");
        assertThat(f.current()).isCloseTo(100 - 10.0 * 2 / 7.5, within(0.01)); // Dec 3 and 6 down 10 %, 7.5 days so far
        assertThat(f.value()).isCloseTo(f.current(), within(1e-9));
        assertThat(f.low()).isLessThan(f.value());
        assertThat(f.high()).isGreaterThan(f.value()).isLessThanOrEqualTo(100);
    }

    @Test
    void noEventAtAllIsNoForecast() {
        CompiledKpi k = kpi("count", "higher_is_better", 10, 5, "{ type: count, events: [thing] }");
        Forecast f = forecast(k, List.of());
        assertThat(f.method()).isEqualTo("seasonal");
        assertThat(f.current()).isNull();
        assertThat(f.value()).isEqualTo(0.0);
        CompiledKpi avg = kpi("score", "higher_is_better", 10, 5, "{ type: avg, events: [thing] }");
        Forecast none = forecast(avg, List.of());
        assertThat(none.method()).isEqualTo("none");
        assertThat(none.value()).isNull();
        assertThat(none.status()).isEqualTo(KpiStatus.NO_DATA);
    }

    @Test
    void aClosedPeriodsForecastIsItsFinalValue() {
        CompiledKpi k = kpi("count", "higher_is_better", 10, 5, "{ type: count, events: [thing] }");
        Period november = PeriodCalendar.periodContaining(Granularity.MONTH, LocalDate.parse("2026-11-01"));
        KpiValue v = new KpiValue("p.k", "p", november, 7.0, "count", 10.0, KpiStatus.AMBER, 7, true, null, 1, NOW);
        Forecast f = Forecaster.ofClosed(k.definition(), v, NOW);
        assertThat(f.closed()).isTrue();
        assertThat(f.method()).isEqualTo("final");
        assertThat(f.value()).isEqualTo(7.0);
        assertThat(f.low()).isEqualTo(7.0);
        assertThat(f.high()).isEqualTo(7.0);
        assertThat(f.daysElapsed()).isEqualTo(30);
        assertThat(f.daysRemaining()).isZero();
        assertThat(f.status()).isEqualTo(KpiStatus.AMBER);
    }
}
