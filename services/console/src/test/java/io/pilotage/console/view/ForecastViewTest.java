package io.pilotage.console.view;

import io.pilotage.console.api.Api;
import io.pilotage.contracts.Granularity;
import io.pilotage.contracts.KpiStatus;
import io.pilotage.contracts.KpiValue;
import io.pilotage.contracts.definition.Direction;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine's forecast as the portfolio, the project's charts and the KPI page show it. */
class ForecastViewTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 8);
    private static final KpiValue.Period DECEMBER = new KpiValue.Period(Granularity.MONTH, LocalDate.of(2026, 12, 1),
            LocalDate.of(2026, 12, 31));
    private final Formats en = new Formats(Locale.ENGLISH, ZoneId.of("Africa/Bamako"));
    private final Formats fr = new Formats(Locale.FRENCH, ZoneId.of("Africa/Bamako"));

    private static Api.Forecast forecast(String status, Double low, Double high, Integer crosses) {
        return new Api.Forecast("erp.uptime", DECEMBER, "%", false, 98.5, "AMBER", 96.25, low, high, 0.8, status, 8, 23, "level", 97.0,
                crosses);
    }

    @Test
    void anOpenPeriodsForecastIsWrittenForTheReader() {
        ForecastView v = ForecastView.of(forecast("RED", 95.0, 97.5, 12), en);
        assertThat(v.status().code()).isEqualTo("RED");
        assertThat(v.status().icon()).isEqualTo("✖");
        assertThat(v.currentStatus().code()).isEqualTo("AMBER");
        assertThat(v.worse()).isTrue();
        assertThat(v.value()).isEqualTo("96.25 %");
        assertThat(v.low()).isEqualTo("95 %");
        assertThat(v.high()).isEqualTo("97.5 %");
        assertThat(v.interval()).isTrue();
        assertThat(v.daysElapsed()).isEqualTo(8);
        assertThat(v.daysRemaining()).isEqualTo(23);
        assertThat(v.crossesIn()).isEqualTo(12);
        assertThat(v.method()).isEqualTo("level");
        assertThat(ForecastView.of(forecast("RED", 95.0, 97.5, 12), fr).value()).isEqualTo("96,25 %");
    }

    @Test
    void aCarriedValueHasNoIntervalAndAClosedPeriodNoForecast() {
        ForecastView carried = ForecastView.of(forecast("AMBER", null, null, null), en);
        assertThat(carried.interval()).isFalse();
        assertThat(carried.worse()).isFalse();
        assertThat(carried.crossesIn()).isNull();
        Api.Forecast closed = new Api.Forecast("k", DECEMBER, "%", true, 90.0, "GREEN", 90.0, 90.0, 90.0, 0.8, "GREEN", 31, 0, "final",
                null, null);
        assertThat(ForecastView.of(closed, en)).isNull();
        assertThat(ForecastView.of(null, en)).isNull();
    }

    @Test
    void thePortfolioRowCarriesTheProjectedStatus() {
        KpiValue now = Fixtures.value("erp.uptime", "erp", "2026-12", 98.5, KpiStatus.AMBER, Instant.parse("2026-12-08T10:00:00Z"));
        KpiValue before = Fixtures.value("erp.uptime", "erp", "2026-11", 99.5, KpiStatus.GREEN, Instant.parse("2026-12-01T00:00:00Z"));
        Api.Line line = new Api.Line("erp.uptime", null, "%", Direction.HIGHER_IS_BETTER, 99.0, now, before, -1.0, -1.0, "down", false,
                forecast("RED", 95.0, 97.5, 12));
        Api.Kpi kpi = Fixtures.kpi("erp.uptime", "erp", Direction.HIGHER_IS_BETTER, 99.0, 98.0, 97.0, now);
        KpiRow row = KpiRow.of(line, kpi, List.of(), en, Instant.parse("2026-12-08T12:00:00Z"));
        assertThat(row.forecast().status().code()).isEqualTo("RED");
        assertThat(row.status().code()).isEqualTo("AMBER");
        Api.Portfolio portfolio = new Api.Portfolio(DECEMBER, Map.of(), List.of(Fixtures.card("erp", List.of(line))));
        PortfolioView view = PortfolioView.build(portfolio, List.of(kpi), Map.of(), List.of(), null, java.util.Set.of(), null, en,
                Instant.parse("2026-12-08T12:00:00Z"));
        assertThat(view.projects().getFirst().kpis().getFirst().forecast().value()).isEqualTo("96.25 %");
    }

    @Test
    void theChartDrawsTheConeOnTheOpenPeriodFromThePeriodBefore() {
        PagePeriod p = PagePeriod.parse("period", "2026-12", TODAY);
        List<KpiValue> series = new ArrayList<>();
        for (PagePeriod q : p.lastPeriods(24)) {
            series.add(Fixtures.value("erp.uptime", "erp", q.toString(), 99.0, KpiStatus.GREEN, Instant.EPOCH));
        }
        Api.Kpi kpi = Fixtures.kpi("erp.uptime", "erp", Direction.HIGHER_IS_BETTER, 99.0, 98.0, 97.0, null);
        ChartData c = KpiChart.of(kpi, "Uptime", p, series, List.of(), forecast("RED", 95.0, 97.5, 12), Locale.ENGLISH);
        assertThat(c.cone()).isEqualTo(new ChartData.Cone(10, 99.0, 11, 96.25, 95.0, 97.5));
        String json = KpiChart.json(c, "Uptime", "a year earlier", "target", "Forecast (80 % interval)");
        assertThat(json).contains("\"cone\":{\"fromIndex\":10,\"from\":99.0,\"index\":11,\"value\":96.25,\"low\":95.0,\"high\":97.5}")
                .contains("\"labelForecast\":\"Forecast (80 % interval)\"");
        // no interval: the cone is the projected point itself
        assertThat(KpiChart.of(kpi, "Uptime", p, series, List.of(), forecast("AMBER", null, null, null), Locale.ENGLISH).cone())
                .isEqualTo(new ChartData.Cone(10, 99.0, 11, 96.25, 96.25, 96.25));
    }

    @Test
    void aClosedPageOrAnotherPeriodsForecastDrawsNoCone() {
        PagePeriod november = PagePeriod.parse("period", "2026-11", TODAY);
        Api.Kpi kpi = Fixtures.kpi("erp.uptime", "erp", Direction.HIGHER_IS_BETTER, 99.0, 98.0, 97.0, null);
        assertThat(KpiChart.of(kpi, "Uptime", november, List.of(), List.of(), forecast("RED", 95.0, 97.5, null), Locale.ENGLISH).cone())
                .isNull();
        assertThat(KpiChart.of(kpi, "Uptime", november, List.of(), List.of(), null, Locale.ENGLISH).cone()).isNull();
        // no value for the period before: the cone starts from the value so far
        PagePeriod p = PagePeriod.parse("period", "2026-12", TODAY);
        assertThat(KpiChart.of(kpi, "Uptime", p, List.of(), List.of(), forecast("RED", 95.0, 97.5, null), Locale.ENGLISH).cone())
                .isEqualTo(new ChartData.Cone(11, 98.5, 11, 96.25, 95.0, 97.5));
    }

    @Test
    void theKpiPageShowsTheForecastOfAnOpenPeriod() {
        PagePeriod p = PagePeriod.parse("period", "2026-12", TODAY);
        Api.Kpi kpi = Fixtures.kpi("erp.uptime", "erp", Direction.HIGHER_IS_BETTER, 99.0, 98.0, 97.0, null);
        KpiDetail d = KpiDetail.build(kpi, null, List.of(), p, List.of(), "", forecast("RED", 95.0, 97.5, 12), en);
        assertThat(d.forecast().value()).isEqualTo("96.25 %");
        assertThat(d.forecast().crossesIn()).isEqualTo(12);
        assertThat(KpiDetail.build(kpi, null, List.of(), p, List.of(), "", en).forecast()).isNull();
    }
}
