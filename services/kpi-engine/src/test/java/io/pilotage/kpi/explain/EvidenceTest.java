package io.pilotage.kpi.explain;

import io.pilotage.contracts.CanonicalEvent;
import io.pilotage.contracts.definition.Measure;
import io.pilotage.kpi.measure.EntityIntervals;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The evidence of a value: counts per type, a bounded sample without payload, open entities. */
class EvidenceTest {

    private static CanonicalEvent ev(String id, String type, Instant at, String entity) {
        return new CanonicalEvent(id, "src", "p", type, at, null, entity, "pseudo-" + id, 1.0, Map.of("comment", "free text"));
    }

    @Test
    void countsPerTypeAndKeepsTheLatestTwentyNewestFirst() {
        Evidence e = new Evidence();
        Instant t0 = Instant.parse("2026-10-01T00:00:00Z");
        for (int i = 0; i < 30; i++) {
            e.add(ev("e" + i, i % 3 == 0 ? "b" : "a", t0.plusSeconds(3600L * ((i * 7) % 30)), null));
        }
        assertThat(e.eventsByType()).containsExactly(new Evidence.TypeCount("a", 20), new Evidence.TypeCount("b", 10));
        assertThat(e.sample()).hasSize(20);
        assertThat(e.sample().getFirst().time()).isEqualTo(t0.plusSeconds(3600L * 29));
        assertThat(e.sample().getLast().time()).isEqualTo(t0.plusSeconds(3600L * 10));
        assertThat(e.sample().getFirst().subject()).startsWith("pseudo-");
        assertThat(e.lastEventAt()).isEqualTo(t0.plusSeconds(3600L * 29));
        assertThat(new Evidence().lastEventAt()).isNull();
    }

    @Test
    void openEntitiesAreThoseStartedAndNotEndedAtTheWindowsEndOldestFirst() {
        Instant t = Instant.parse("2026-10-01T00:00:00Z");
        Instant end = Instant.parse("2026-11-01T00:00:00Z");
        Set<String> starts = Set.of("opened");
        EntityIntervals s = EntityIntervals.EMPTY
                .plus(ev("1", "opened", t.plusSeconds(100), "closed-in"), starts, null)
                .plus(ev("2", "closed", t.plusSeconds(200), "closed-in"), starts, null)
                .plus(ev("3", "opened", t.plusSeconds(50), "open-b"), starts, null)
                .plus(ev("4", "opened", t.minusSeconds(86_400), "open-a"), starts, null)
                .plus(ev("5", "opened", end.plusSeconds(10), "after"), starts, null)
                .plus(ev("6", "closed", t, "end-only"), starts, null);
        OpenEntities.Result r = OpenEntities.of(s, end, null, 50);
        assertThat(r.entities()).containsExactly(new OpenEntities.Open("open-a", t.minusSeconds(86_400)),
                new OpenEntities.Open("open-b", t.plusSeconds(50)));
        assertThat(r.count()).isEqualTo(2);
        OpenEntities.Result bounded = OpenEntities.of(s, end, null, 1);
        assertThat(bounded.entities()).hasSize(1);
        assertThat(bounded.count()).isEqualTo(2);
        // within: an entity whose severity has no limit and no default is not counted, as in the measure
        EntityIntervals w = EntityIntervals.EMPTY
                .plus(new CanonicalEvent("7", "src", "p", "opened", t, null, "low", null, null, Map.of("severity", "low")), starts, "severity")
                .plus(new CanonicalEvent("8", "src", "p", "opened", t, null, "crit", null, null, Map.of("severity", "critical")), starts,
                        "severity");
        assertThat(OpenEntities.of(w, end, new Measure.Limit(null, "severity", Map.of("critical", 7.0)), 50).entities())
                .extracting(OpenEntities.Open::entity).containsExactly("crit");
    }

    @Test
    void theTypesReadNarrowTheRawEventsOnlyWhenTheMeasureNamesThem() {
        assertThat(ExplainService.typesTaken(RendererFixture.kpi("count", "{ type: count }").measure())).isNull();
        assertThat(ExplainService.typesTaken(RendererFixture.kpi("%", "{ type: ratio, numerator: { type: count, events: [a] }, "
                + "denominator: { type: distinct, events: [b], cohort: [c] } }").measure())).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(ExplainService.typesTaken(RendererFixture.kpi("h", "{ type: duration, start: [s], end: [e] }").measure()))
                .containsExactlyInAnyOrder("s", "e");
        assertThat(ExplainService.typesTaken(RendererFixture.kpi("%", "{ type: uptime, up: [u], down: [d] }").measure()))
                .containsExactlyInAnyOrder("u", "d");
        assertThat(ExplainService.typesTaken(RendererFixture.kpi("%", "{ type: retention, cohort: [c], day: 1 }").measure())).isNull();
    }
}
