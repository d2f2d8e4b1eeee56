package io.pilotage.console.web;

import io.pilotage.console.api.Api;
import io.pilotage.console.view.AlertView;
import io.pilotage.console.view.Formats;
import io.quarkus.test.junit.QuarkusTest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** An alert's history tells a value of a closed period (an import, a late event) from a change of the alert. */
@QuarkusTest
class AlertHistoryRenderingTest {

    private static Document render(Locale locale) {
        Formats f = new Formats(locale, ZoneId.of("Africa/Bamako"));
        Api.Alert a = new Api.Alert("a1", "threshold-critical:erp/erp.uptime", "threshold-critical", "threshold", "erp", "erp.uptime",
                null, "critical", "FIRING", 1, Instant.parse("2026-12-08T10:00:00Z"), 2, 97.1, 100.0, 98.0, 99.5, "%", "month",
                LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31), null, null, null, Instant.parse("2026-12-08T10:00:00Z"));
        AlertView view = AlertView.of(a, f, false);
        List<AlertsPage.TransitionLine> lines = List.of(
                new AlertsPage.TransitionLine("08/12/2026 10:00", "OK", "FIRING", "critical", "97.1", "98", "01/12/2026", "", "", false, false),
                new AlertsPage.TransitionLine("08/12/2026 09:59", "OK", "FIRING", "critical", "96.2", "98", "01/09/2026", "", "", true, false),
                new AlertsPage.TransitionLine("08/12/2026 09:58", "FIRING", "RESOLVED", "critical", "99.9", "98", "01/12/2026", "", "", false, true));
        Page page = new Page("t", "alerts", "analyst", List.of("analyst"), locale.getLanguage(),
                "fr".equals(locale.getLanguage()) ? "en" : "fr", "/console/alerts/a1", "", 0, "Africa/Bamako");
        return Jsoup.parse(Templates.alert(page, view, List.of(view), lines, List.of()).setAttribute("locale", locale).render());
    }

    @Test
    void aHistoricalValueIsNamedAsSuchAndAFlappingOneToo() {
        Document en = render(Locale.ENGLISH);
        var rows = en.select("table.transitions tbody tr");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).child(1).text()).isEqualTo("OK → FIRING");
        assertThat(rows.get(1).hasClass("historical")).isTrue();
        assertThat(rows.get(1).child(1).text()).isEqualTo("Value of a closed period (history, never notified): FIRING");
        assertThat(rows.get(2).child(1).text()).isEqualTo("FIRING → RESOLVED (flapping, notifications held back)");

        Document fr = render(Locale.FRENCH);
        assertThat(fr.select("table.transitions tbody tr").get(1).child(1).text())
                .isEqualTo("Valeur d'une période close (historique, jamais notifiée) : FIRING");
    }
}
