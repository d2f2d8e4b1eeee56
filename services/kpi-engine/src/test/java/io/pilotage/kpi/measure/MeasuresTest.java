package io.pilotage.kpi.measure;

import io.pilotage.contracts.CanonicalEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.pilotage.kpi.measure.MeasureFixture.ev;
import static io.pilotage.kpi.measure.MeasureFixture.entity;
import static io.pilotage.kpi.measure.MeasureFixture.eval;
import static io.pilotage.kpi.measure.MeasureFixture.measure;
import static io.pilotage.kpi.measure.MeasureFixture.subject;
import static io.pilotage.kpi.measure.MeasureFixture.valued;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Worked examples of docs/kpi-language.md, one per rule. */
class MeasuresTest {

    private static MeasureKind<?> kind(String yaml) {
        return Measures.of(measure(yaml), "h");
    }

    private static MeasureKind<?> kind(String yaml, String unit) {
        return Measures.of(measure(yaml), unit);
    }

    @Test
    void everyMeasureOfAnEmptyWindowIsNoData() {
        for (String yaml : List.of("{type: count, events: [a]}", "{type: sum, events: [a]}", "{type: avg, events: [a]}",
                "{type: min, events: [a]}", "{type: max, events: [a]}", "{type: percentile, events: [a], percentile: 90}",
                "{type: latest, events: [a]}", "{type: distinct, events: [a]}",
                "{type: ratio, numerator: {type: count, events: [a]}, denominator: {type: count, events: [b]}}",
                "{type: duration, start: [a], end: [b]}", "{type: within, start: [a], end: [b], limit: {days: 3}}",
                "{type: retention, cohort: [a], day: 1}", "{type: uptime, up: [u], down: [d]}")) {
            assertThat(eval(kind(yaml), List.of(), "2026-10-01", "2026-10-31").value()).as(yaml).isNull();
        }
    }

    @Test
    void countFiltersByTypeAndAttributeAndPlacesEventsOnTheirLocalDay() {
        List<CanonicalEvent> events = List.of(
                ev("process.completed", "2026-10-01T00:00:00Z", null, null, null, Map.of("automated", true)),
                ev("process.completed", "2026-10-31T23:59:59Z", null, null, null, Map.of("automated", "true")),
                ev("process.completed", "2026-10-15T10:00:00Z", null, null, null, Map.of("automated", false)),
                ev("process.completed", "2026-11-01T00:00:00Z", null, null, null, Map.of("automated", true)),
                ev("process.started", "2026-10-15T10:00:00Z", null, null, null, Map.of("automated", true)));
        MeasureValue v = eval(kind("{type: count, events: [process.completed], where: {automated: true}}"), events,
                "2026-10-01", "2026-10-31");
        assertThat(v.value()).isEqualTo(2.0);
        assertThat(v.exact()).isTrue();
    }

    @Test
    void sumAvgMinMaxOverValueOrAnAttribute() {
        List<CanonicalEvent> events = List.of(valued("t", "2026-10-01T10:00:00Z", 10), valued("t", "2026-10-02T10:00:00Z", 30),
                ev("t", "2026-10-03T10:00:00Z", null, null, null, Map.of("cost", 5)), ev("t", "2026-10-03T11:00:00Z"));
        assertThat(eval(kind("{type: sum, events: [t]}"), events, "2026-10-01", "2026-10-31").value()).isEqualTo(40.0);
        assertThat(eval(kind("{type: avg, events: [t]}"), events, "2026-10-01", "2026-10-31").value()).isEqualTo(20.0);
        assertThat(eval(kind("{type: avg, events: [t]}"), events, "2026-10-01", "2026-10-31").sampleSize()).isEqualTo(2);
        assertThat(eval(kind("{type: min, events: [t]}"), events, "2026-10-01", "2026-10-31").value()).isEqualTo(10.0);
        assertThat(eval(kind("{type: max, events: [t]}"), events, "2026-10-01", "2026-10-31").value()).isEqualTo(30.0);
        assertThat(eval(kind("{type: sum, events: [t], field: attributes.cost}"), events, "2026-10-01", "2026-10-31").value())
                .isEqualTo(5.0);
    }

    @Test
    void percentileIsNearestRankAndExactBelowTheLimit() {
        List<CanonicalEvent> events = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            events.add(valued("t", "2026-10-0" + (1 + i % 9) + "T10:00:00Z", i));
        }
        MeasureValue p90 = eval(kind("{type: percentile, events: [t], percentile: 90}"), events, "2026-10-01", "2026-10-31");
        assertThat(p90.value()).isEqualTo(9.0);
        assertThat(p90.exact()).isTrue();
        assertThat(eval(kind("{type: percentile, events: [t], percentile: 50}"), events, "2026-10-01", "2026-10-31").value())
                .isEqualTo(5.0);
    }

    @Test
    void percentileBeyondTheExactLimitIsASketchWithItsErrorBound() {
        Quantiles q = Quantiles.EMPTY;
        double[] values = new double[Quantiles.EXACT_LIMIT + 5000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i + 1;
        }
        q = q.plus(values);
        assertThat(q.exact()).isFalse();
        assertThat(q.percentile(50)).isCloseTo(values.length / 2.0, within(values.length * 0.02));
        assertThat(q.rankError()).isPositive().isLessThan(0.02);
    }

    @Test
    void latestIsTheValueOfTheLastEventOfTheWindow() {
        List<CanonicalEvent> events = List.of(valued("audit.completed", "2026-08-10T10:00:00Z", 71),
                valued("audit.completed", "2026-09-20T10:00:00Z", 88), valued("audit.completed", "2026-10-02T10:00:00Z", 93));
        assertThat(eval(kind("{type: latest, events: [audit.completed]}"), events, "2026-07-01", "2026-09-30").value())
                .isEqualTo(88.0);
    }

    @Test
    void ratioWithAZeroDenominatorIsNoDataAndAnEmptyNumeratorIsZero() {
        MeasureKind<?> automation = kind("{type: ratio, percent: true, numerator: {type: count, events: [p], where: {automated: true}},"
                + " denominator: {type: count, events: [p]}}");
        List<CanonicalEvent> events = List.of(ev("p", "2026-10-01T10:00:00Z", null, null, null, Map.of("automated", true)),
                ev("p", "2026-10-02T10:00:00Z", null, null, null, Map.of("automated", false)),
                ev("p", "2026-10-03T10:00:00Z", null, null, null, Map.of("automated", false)),
                ev("p", "2026-10-04T10:00:00Z", null, null, null, Map.of("automated", false)));
        assertThat(eval(automation, events, "2026-10-01", "2026-10-31").value()).isEqualTo(25.0);
        assertThat(eval(automation, events.subList(1, 4), "2026-10-01", "2026-10-31").value()).isEqualTo(0.0);
        assertThat(eval(automation, events, "2026-11-01", "2026-11-30").value()).isNull();
    }

    @Test
    void distinctCountsSubjectsOnceAcrossDays() {
        List<CanonicalEvent> events = List.of(subject("session_start", "2026-10-01T10:00:00Z", "u1"),
                subject("screen_view", "2026-10-02T10:00:00Z", "u1"), subject("session_start", "2026-10-02T10:00:00Z", "u2"),
                subject("purchase", "2026-10-02T10:00:00Z", "u3"));
        MeasureValue v = eval(kind("{type: distinct, events: [session_start, screen_view]}"), events, "2026-10-01", "2026-10-31");
        assertThat(v.value()).isEqualTo(2.0);
        assertThat(v.exact()).isTrue();
        assertThat(eval(kind("{type: distinct, events: []}"), events, "2026-10-01", "2026-10-31").value()).isEqualTo(3.0);
    }

    @Test
    void conversionCountsOnlySubjectsFirstSeenInThePeriod() {
        MeasureKind<?> conversion = kind("""
                {type: ratio, percent: true,
                 numerator: {type: distinct, events: [subscription.started], cohort: [first_open, first_visit]},
                 denominator: {type: distinct, events: [first_open, first_visit], cohort: [first_open, first_visit]}}""");
        List<CanonicalEvent> events = List.of(
                subject("first_open", "2026-09-20T10:00:00Z", "old"),          // first seen before October
                subject("first_visit", "2026-10-03T10:00:00Z", "old"),
                subject("subscription.started", "2026-10-04T10:00:00Z", "old"),
                subject("first_open", "2026-10-05T10:00:00Z", "a"),
                subject("subscription.started", "2026-10-06T10:00:00Z", "a"),
                subject("first_visit", "2026-10-07T10:00:00Z", "b"),
                subject("first_open", "2026-10-08T10:00:00Z", "c"),
                subject("first_open", "2026-10-30T10:00:00Z", "d"),
                subject("subscription.started", "2026-11-02T10:00:00Z", "d")); // subscribed after the period
        assertThat(eval(conversion, events, "2026-10-01", "2026-10-31").value()).isEqualTo(25.0);
    }

    @Test
    void durationPairsFirstStartWithFirstEndAndBelongsToTheEndsPeriod() {
        MeasureKind<?> d = kind("{type: duration, start: [incident.detected], end: [incident.resolved], stat: avg}", "h");
        List<CanonicalEvent> events = List.of(
                entity("incident.detected", "2026-09-30T20:00:00Z", "i1"),   // spans September → October
                entity("incident.resolved", "2026-10-01T08:00:00Z", "i1"),   // 12 h, belongs to October
                entity("incident.detected", "2026-10-10T00:00:00Z", "i2"),
                entity("incident.detected", "2026-10-10T02:00:00Z", "i2"),   // a second start: the first counts
                entity("incident.resolved", "2026-10-10T06:00:00Z", "i2"),   // 6 h
                entity("incident.resolved", "2026-10-11T06:00:00Z", "i2"),   // a second end: ignored
                entity("incident.resolved", "2026-10-12T06:00:00Z", "i3"),   // end without a start: ignored
                entity("incident.detected", "2026-10-30T00:00:00Z", "i4"));  // still open at the end of October
        MeasureValue oct = eval(d, events, "2026-10-01", "2026-10-31");
        assertThat(oct.value()).isEqualTo(9.0);
        assertThat(oct.sampleSize()).isEqualTo(2);
        assertThat(oct.open()).isEqualTo(1);
        MeasureValue sep = eval(d, events, "2026-09-01", "2026-09-30");
        assertThat(sep.value()).isNull();
        assertThat(sep.open()).isEqualTo(1);
        assertThat(eval(kind("{type: duration, start: [s], end: [e], stat: p90}", "d"),
                List.of(entity("s", "2026-10-01T00:00:00Z", "x"), entity("e", "2026-10-03T00:00:00Z", "x")),
                "2026-10-01", "2026-10-31").value()).isEqualTo(2.0);
    }

    @Test
    void withinUsesTheLimitOfTheSeverityAndCountsOverdueOpenItemsAsMissed() {
        MeasureKind<?> sla = kind("""
                {type: within, start: [vulnerability.opened], end: [vulnerability.fixed],
                 limit: {days: 120, attribute: severity, byValue: {critical: 7, high: 30, medium: 90, low: 120}}}""");
        List<CanonicalEvent> events = List.of(
                ev("vulnerability.opened", "2026-10-01T00:00:00Z", "v1", null, null, Map.of("severity", "critical")),
                entity("vulnerability.fixed", "2026-10-08T00:00:00Z", "v1"),        // 7 d: within (limit inclusive)
                ev("vulnerability.opened", "2026-10-01T00:00:00Z", "v2", null, null, Map.of("severity", "critical")),
                entity("vulnerability.fixed", "2026-10-09T00:00:00Z", "v2"),        // 8 d: missed
                ev("vulnerability.opened", "2026-09-05T00:00:00Z", "v3", null, null, Map.of("severity", "high")),
                entity("vulnerability.fixed", "2026-10-04T00:00:00Z", "v3"),        // 29 d: within
                ev("vulnerability.opened", "2026-10-02T00:00:00Z", "v4", null, null, Map.of("severity", "critical")),
                // v4 never fixed: overdue on 2026-10-09, inside October: missed
                ev("vulnerability.opened", "2026-10-20T00:00:00Z", "v5", null, null, Map.of("severity", "low")),
                // v5 open but not due before the end of October: not in October's population
                ev("vulnerability.opened", "2026-06-01T00:00:00Z", "v6", null, null, Map.of("severity", "medium")),
                entity("vulnerability.fixed", "2026-10-15T00:00:00Z", "v6"));       // 136 d > 90: missed
        MeasureValue oct = eval(sla, events, "2026-10-01", "2026-10-31");
        assertThat(oct.sampleSize()).isEqualTo(5);
        assertThat(oct.value()).isEqualTo(40.0);
        assertThat(oct.open()).isEqualTo(2);
        // September: v6 was due 2026-08-30 (not in September); nothing ended: NO_DATA
        assertThat(eval(sla, events, "2026-09-01", "2026-09-30").value()).isNull();
    }

    @Test
    void retentionOnDayNVersusOnOrAfter() {
        String on = "{type: retention, cohort: [first_open], day: 30, mode: \"on\"}";
        String onOrAfter = "{type: retention, cohort: [first_open], day: 30, mode: on_or_after}";
        List<CanonicalEvent> events = List.of(
                subject("first_open", "2026-09-10T10:00:00Z", "a"), subject("session_start", "2026-10-10T10:00:00Z", "a"), // day 30
                subject("first_open", "2026-09-10T10:00:00Z", "b"), subject("session_start", "2026-10-12T10:00:00Z", "b"), // day 32
                subject("first_open", "2026-09-15T10:00:00Z", "c"),                                                        // never back
                subject("first_open", "2026-08-01T10:00:00Z", "d"), subject("first_open", "2026-09-15T10:00:00Z", "d"),   // not a new subject
                subject("session_start", "2026-10-15T10:00:00Z", "d"));
        assertThat(eval(kind(on), events, "2026-10-01", "2026-10-31").value()).isCloseTo(100.0 / 3, within(1e-9));
        assertThat(eval(kind(onOrAfter), events, "2026-10-01", "2026-10-31").value()).isCloseTo(200.0 / 3, within(1e-9));
        assertThat(eval(kind(on), events, "2026-10-01", "2026-10-31").sampleSize()).isEqualTo(3);
    }

    @Test
    void uptimeCarriesTheStateFromBeforeTheWindowForward() {
        MeasureKind<?> up = kind("{type: uptime, up: [probe.up], down: [probe.down]}");
        List<CanonicalEvent> events = List.of(ev("probe.down", "2026-09-30T12:00:00Z"),
                ev("probe.up", "2026-10-01T06:00:00Z"), ev("probe.up", "2026-10-01T12:00:00Z"));
        // October 1 (Bamako = UTC): down 00:00-06:00, then up: 75 %
        assertThat(eval(up, events, "2026-10-01", "2026-10-01").value()).isEqualTo(75.0);
        // time before the first state ever seen is excluded: September 30 counts from 12:00, all down
        assertThat(eval(up, events, "2026-09-30", "2026-09-30").value()).isEqualTo(0.0);
        assertThat(eval(up, events, "2026-09-01", "2026-09-29").value()).isNull();
        // a current window stops at asOf: October 2 at 12:00, up since October 1
        assertThat(eval(up, events, "2026-10-02", "2026-10-02", Instant.parse("2026-10-02T12:00:00Z")).value()).isEqualTo(100.0);
    }

    @Test
    void anIncompleteDefinitionIsRefusedWithWhatIsMissing() {
        assertThatThrownBy(() -> kind("{type: ratio, numerator: {type: count}}")).hasMessageContaining("denominator");
        assertThatThrownBy(() -> kind("{type: median}")).hasMessageContaining("unknown measure type 'median'");
        assertThatThrownBy(() -> kind("{type: within, start: [a], end: [b]}")).hasMessageContaining("limit");
        assertThatThrownBy(() -> kind("{type: retention, cohort: [a], day: 7, mode: later}")).hasMessageContaining("mode");
    }
}
