package io.pilotage.console.web;

import io.pilotage.console.api.Api;
import io.pilotage.console.view.Formats;
import io.pilotage.console.view.KpiDetail;
import io.pilotage.console.view.PagePeriod;
import io.pilotage.console.view.PortfolioView;
import io.pilotage.contracts.Granularity;
import io.pilotage.contracts.KpiStatus;
import io.pilotage.contracts.KpiValue;
import io.pilotage.contracts.definition.Direction;
import io.quarkus.test.junit.QuarkusTest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The forecast as the rendered portfolio and KPI page show it, in both languages. */
@QuarkusTest
class ForecastRenderingTest {

    private static final Instant NOW = Instant.parse("2026-12-08T12:00:00Z");
    private static final KpiValue.Period DECEMBER = new KpiValue.Period(Granularity.MONTH, LocalDate.of(2026, 12, 1),
            LocalDate.of(2026, 12, 31));
    private static final Api.Forecast FORECAST = new Api.Forecast("erp.uptime", DECEMBER, "%", false, 98.5, "AMBER", 96.25, 95.0, 97.5,
            0.8, "RED", 8, 23, "level", 97.0, 12);
    private static final Api.Kpi KPI = new Api.Kpi("erp.uptime", "erp", Map.of("fr", "Disponibilité", "en", "Uptime"), "%",
            Direction.HIGHER_IS_BETTER, 99.0, new Api.Thresholds(98.0, 97.0), "monthly", "owner", null, "uptime", 1, null, "exact");

    private static Page page(String lang) {
        return new Page("t", "portfolio", "analyst", List.of("analyst"), lang, "fr".equals(lang) ? "en" : "fr", "/console/", "", 0,
                "Africa/Bamako");
    }

    private static Document portfolio(Locale locale) {
        Formats f = new Formats(locale, ZoneId.of("Africa/Bamako"));
        KpiValue now = new KpiValue("erp.uptime", "erp", DECEMBER, 98.5, "%", 99.0, KpiStatus.AMBER, 10, true, null, 1, NOW);
        Api.Line line = new Api.Line("erp.uptime", null, "%", Direction.HIGHER_IS_BETTER, 99.0, now, now, 0.0, 0.0, "flat", null,
                FORECAST);
        Api.Portfolio p = new Api.Portfolio(DECEMBER, Map.of(), List.of(new Api.Scorecard("erp", DECEMBER, DECEMBER, Map.of(),
                List.of(line))));
        PortfolioView view = PortfolioView.build(p, List.of(KPI), Map.of(), List.of(), null, Set.of(), null, f, NOW);
        String html = Templates.portfolio(page(locale.getLanguage()), view, "2026-12", "December 2026", List.of(), List.of(), List.of(),
                null).setAttribute("locale", locale).render();
        return Jsoup.parse(html);
    }

    @Test
    void thePortfolioShowsTheProjectedStatusWithIconAndWords() {
        Document en = portfolio(Locale.ENGLISH);
        assertThat(en.select("thead th").eachText()).contains("Forecast");
        String cell = en.selectFirst("tr[data-kpi=erp.uptime] td.forecast").text();
        assertThat(cell).contains("→ ✖ Critical projected").contains("96.25 %").contains("95 % – 97.5 %")
                .contains("crosses the critical threshold in 12 days");
        assertThat(en.selectFirst("tr[data-kpi=erp.uptime] [data-forecast]").attr("data-forecast")).isEqualTo("RED");
        Document fr = portfolio(Locale.FRENCH);
        assertThat(fr.selectFirst("tr[data-kpi=erp.uptime] td.forecast").text()).contains("→ ✖ Critique prévu")
                .contains("96,25 %").contains("franchit le seuil critique dans 12 jours");
    }

    @Test
    void theKpiPageShowsTheForecastFigures() {
        Formats f = new Formats(Locale.ENGLISH, ZoneId.of("Africa/Bamako"));
        PagePeriod p = PagePeriod.parse("period", "2026-12", LocalDate.of(2026, 12, 8));
        KpiDetail d = KpiDetail.build(KPI, null, List.of(), p, List.of(), "{}", FORECAST, f);
        Document page = Jsoup.parse(Templates.kpi(page("en"), d, List.of(), "2026-12", "December 2026", "2026-11", "2027-01", List.of(), "")
                .setAttribute("locale", Locale.ENGLISH).render());
        assertThat(page.selectFirst("#forecast-h").text()).isEqualTo("Forecast to the period's end");
        assertThat(page.selectFirst("[data-forecast-value]").text()).isEqualTo("96.25 %");
        assertThat(page.selectFirst("[data-forecast-interval]").text()).isEqualTo("95 % – 97.5 %");
        assertThat(page.selectFirst("#forecast").text()).contains("8 d elapsed, 23 d left").contains("worse than now")
                .contains("Critical projected");
        assertThat(page.selectFirst("[data-forecast-method]").text()).contains("the days left at the recent level");
        // a closed period: no forecast section
        KpiDetail closed = KpiDetail.build(KPI, null, List.of(), p, List.of(), "{}", f);
        assertThat(Jsoup.parse(Templates.kpi(page("en"), closed, List.of(), "2026-12", "December 2026", "2026-11", "2027-01", List.of(),
                "").setAttribute("locale", Locale.ENGLISH).render()).select("#forecast")).isEmpty();
    }
}
