package io.pilotage.console.view;

import io.pilotage.console.api.Api;
import io.pilotage.contracts.KpiStatus;
import io.pilotage.contracts.KpiValue;
import io.pilotage.contracts.definition.Direction;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static io.pilotage.console.view.Fixtures.card;
import static io.pilotage.console.view.Fixtures.kpi;
import static io.pilotage.console.view.Fixtures.line;
import static io.pilotage.console.view.Fixtures.value;
import static org.assertj.core.api.Assertions.assertThat;

class PortfolioViewTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private final Formats fr = new Formats(Locale.FRENCH, ZoneId.of("Africa/Bamako"));

    private final KpiValue uptimeNow = value("erp.uptime", "erp", "2026-12", 97.5, KpiStatus.RED, NOW.minus(Duration.ofHours(30)));
    private final KpiValue uptimeBefore = value("erp.uptime", "erp", "2026-11", 99.5, KpiStatus.GREEN, NOW);
    private final KpiValue mauNow = value("mobile.mau", "mobile-app", "2026-12", 120.0, KpiStatus.GREEN, NOW.minusSeconds(60));
    private final KpiValue mauBefore = value("mobile.mau", "mobile-app", "2026-11", 100.0, KpiStatus.AMBER, NOW);
    private final Api.Portfolio portfolio = new Api.Portfolio(uptimeNow.period(), Map.of(), List.of(
            card("mobile-app", List.of(line(mauNow, mauBefore, Direction.HIGHER_IS_BETTER))),
            card("erp", List.of(line(uptimeNow, uptimeBefore, Direction.HIGHER_IS_BETTER)))));
    private final List<Api.Kpi> kpis = List.of(
            kpi("erp.uptime", "erp", Direction.HIGHER_IS_BETTER, 99.0, 99.0, 98.0, uptimeNow),
            kpi("mobile.mau", "mobile-app", Direction.HIGHER_IS_BETTER, 110.0, 100.0, 90.0, mauNow));
    private final List<Api.Project> projects = List.of(new Api.Project("erp", "ERP Odoo", null, null, List.of("owner"), "active"),
            new Api.Project("mobile-app", "Application mobile", null, null, List.of("owner-mobile"), "active"));

    private PortfolioView build(Set<String> status, String project, Api.Review review) {
        return PortfolioView.build(portfolio, kpis, Map.of("erp.uptime", List.of(uptimeBefore, uptimeNow)), projects, review, status,
                project, fr, NOW);
    }

    @Test
    void everyProjectWithItsKpisWrittenForTheReader() {
        PortfolioView v = build(Set.of(), null, null);
        assertThat(v.projects()).extracting(PortfolioView.ProjectBlock::key).containsExactly("erp", "mobile-app");
        assertThat(v.projects().get(0).name()).isEqualTo("ERP Odoo");
        KpiRow uptime = v.projects().get(0).kpis().get(0);
        assertThat(uptime.name()).isEqualTo("Disponibilité erp.uptime");
        assertThat(uptime.value()).isEqualTo("97,5 %");
        assertThat(uptime.target()).isEqualTo("99 %");
        assertThat(uptime.status().code()).isEqualTo("RED");
        assertThat(uptime.status().icon()).isNotBlank();
        assertThat(uptime.trend()).isEqualTo("down");
        assertThat(uptime.trendCss()).isEqualTo("bad");
        assertThat(uptime.trendText()).isEqualTo("−2,01 %");
        assertThat(uptime.sparkline().lines()).hasSize(1);
        assertThat(uptime.sparklineLabel()).isEqualTo("99,5, 97,5");
        assertThat(uptime.freshness().late()).as("a daily KPI computed 30 h ago").isTrue();
        KpiRow mau = v.projects().get(1).kpis().get(0);
        assertThat(mau.trendCss()).isEqualTo("good");
        assertThat(mau.freshness().late()).isFalse();
        assertThat(mau.sparkline().empty()).as("no series fetched").isTrue();
        assertThat(v.totals()).as("totals").containsEntry("RED", 1).containsEntry("GREEN", 1).containsEntry("AMBER", 0);
    }

    @Test
    void aKpiWithoutDataHasNoFreshnessToShow() {
        KpiValue empty = value("erp.uptime", "erp", "2026-12", null, KpiStatus.NO_DATA, NOW);
        Api.Kpi k = kpi("erp.uptime", "erp", Direction.HIGHER_IS_BETTER, 99.0, 99.0, 98.0, empty);
        KpiRow row = KpiRow.of(line(empty, uptimeBefore, Direction.HIGHER_IS_BETTER), k, List.of(), fr, NOW);
        assertThat(row.freshness().none()).isTrue();
        assertThat(row.value()).isEqualTo("—");
        assertThat(row.status().code()).isEqualTo("NO_DATA");
    }

    @Test
    void filtersKeepTheMatchingKpisAndTheTotalsOfTheProject() {
        PortfolioView red = build(Set.of("RED"), null, null);
        assertThat(red.projects()).extracting(PortfolioView.ProjectBlock::key).containsExactly("erp");
        PortfolioView mobile = build(Set.of(), "mobile-app", null);
        assertThat(mobile.projects()).extracting(PortfolioView.ProjectBlock::key).containsExactly("mobile-app");
        assertThat(mobile.totals()).containsEntry("GREEN", 1).containsEntry("RED", 0);
        assertThat(mobile.allProjects()).containsExactly("erp", "mobile-app");
        assertThat(build(Set.of("AMBER"), null, null).empty()).isTrue();
    }

    @Test
    void whatChangedSinceTheLastReviewsFrozenScorecard() {
        Api.Review review = new Api.Review("r1", "copil", "monthly", "2026-11", LocalDate.of(2026, 12, 2), List.of("erp", "mobile-app"),
                List.of(), List.of(new Api.ProjectSnapshot("erp", List.of(new Api.SnapshotKpi("erp.uptime", "Uptime", "erp", "2026-11",
                        99.5, "%", 99.0, "GREEN"))),
                new Api.ProjectSnapshot("mobile-app", List.of(new Api.SnapshotKpi("mobile.mau", "MAU", "mobile-app", "2026-11", 130.0,
                        "users", 110.0, "GREEN")))), Instant.parse("2026-12-02T10:00:00Z"), "committee", List.of(), List.of());
        PortfolioView v = build(Set.of(), null, review);
        assertThat(v.lastReview().period()).isEqualTo("2026-11");
        assertThat(v.lastReview().held()).isEqualTo("2 déc. 2026");
        assertThat(v.changes()).singleElement().satisfies(c -> {
            assertThat(c.kpi()).isEqualTo("erp.uptime");
            assertThat(c.before().code()).isEqualTo("GREEN");
            assertThat(c.now().code()).isEqualTo("RED");
        });
    }
}
