package io.pilotage.console.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AlertsPageTest {

    @Test
    void aFormGoesBackToItsConsolePageOnly() {
        assertThat(AlertsPage.backTo("/console/kpis/erp.uptime?period=2026-11", "acked"))
                .isEqualTo("/console/kpis/erp.uptime?period=2026-11&done=acked");
        assertThat(AlertsPage.backTo("/console/alerts?done=acked&project=erp", "silenced"))
                .isEqualTo("/console/alerts?project=erp&done=silenced");
        assertThat(AlertsPage.backTo("https://evil.example/", "acked")).isEqualTo("/console/alerts?done=acked");
        assertThat(AlertsPage.backTo("//evil.example/console/", "acked")).isEqualTo("/console/alerts?done=acked");
        assertThat(AlertsPage.backTo(null, "acked")).isEqualTo("/console/alerts?done=acked");
    }
}
