package io.pilotage.alerting.notification;

import io.pilotage.alerting.state.AlertState;
import io.pilotage.contracts.JsonCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationsTest {

    private static AlertSnapshot snapshot(Double value, Double previous, String severity) {
        return new AlertSnapshot("a1", "threshold-critical", "threshold_critical", "erp", "erp.automation_rate",
                Map.of("fr", "Taux de processus automatisés", "en", "Processes automated"), null, severity, "FIRING",
                value, previous, 60.0, 80.0, "%", "month", LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31),
                Instant.parse("2026-11-01T00:00:04Z"), null);
    }

    private static AlertMessage message(String language, List<AlertMessage.Item> items) {
        return new AlertMessage("erp", language, items, "https://pilotage.example.org/");
    }

    @Test
    void everyMessageLinksToTheKpisPageInTheConsoleNeverToAJsonRoute() {
        AlertMessage m = message("fr", List.of(new AlertMessage.Item(7, NotificationKind.FIRING, snapshot(55.5, 62.0, "critical"))));
        String link = "https://pilotage.example.org/console/kpis/erp.automation_rate?period=2026-10";
        assertThat(m.kpiPageLink(m.items().get(0).alert())).isEqualTo(link);
        assertThat(m.text()).contains(link).doesNotContain("/scorecard");
        AlertSnapshot quarterly = new AlertSnapshot("a2", "threshold-critical", "threshold_critical", "cybersecurity",
                "security.audit_score", Map.of("en", "Audit score"), null, "critical", "FIRING", 50.0, 85.0, 70.0, 90.0, "%",
                "quarter", LocalDate.of(2026, 10, 1), LocalDate.of(2026, 12, 31), Instant.parse("2026-11-01T00:00:04Z"), null);
        assertThat(m.kpiPageLink(quarterly)).isEqualTo("https://pilotage.example.org/console/kpis/security.audit_score?period=2026-Q4");
        AlertSnapshot silentSource = new AlertSnapshot("a3", "r-1", "source_silent", "erp", null, null, "odoo-prod", "warning",
                "FIRING", null, null, null, null, null, null, null, null, Instant.parse("2026-11-01T00:00:04Z"), null);
        assertThat(m.kpiPageLink(silentSource)).isEqualTo("https://pilotage.example.org/console/alerts/a3");
    }

    @ParameterizedTest
    @EnumSource(AlertState.class)
    void onlyFiringNoDataAndResolvedAreAnnounced(AlertState to) {
        Optional<NotificationKind> kind = NotificationPlanner.announce(AlertState.PENDING, to);
        switch (to) {
            case FIRING -> assertThat(kind).contains(NotificationKind.FIRING);
            case NO_DATA -> assertThat(kind).contains(NotificationKind.NO_DATA);
            case RESOLVED -> assertThat(kind).contains(NotificationKind.RESOLVED);
            default -> assertThat(kind).isEmpty();
        }
        assertThat(NotificationPlanner.announce(to, to)).as("no change, nothing to say").isEmpty();
    }

    @Test
    void aResolvedIsOwedToWhoeverMayHaveHeardOfTheProblem() {
        assertThat(NotificationPlanner.owesResolved(List.of("sent"))).isTrue();
        assertThat(NotificationPlanner.owesResolved(List.of("silenced", "sent"))).as("notified, then silenced").isTrue();
        assertThat(NotificationPlanner.owesResolved(List.of("interrupted"))).as("maybe received").isTrue();
        assertThat(NotificationPlanner.owesResolved(List.of("sending"))).isTrue();
        assertThat(NotificationPlanner.owesResolved(List.of("silenced"))).as("never told").isFalse();
        assertThat(NotificationPlanner.owesResolved(List.of("superseded", "dead"))).isFalse();
        assertThat(NotificationPlanner.owesResolved(List.of())).isFalse();
    }

    @Test
    void remindersRepeatUnacknowledgedAndAnnounceWhatASilenceHid() {
        long hour = 3_600_000;
        assertThat(NotificationPlanner.remind(false, "sent", 4 * hour, 4 * hour, false, false)).contains(NotificationKind.REPEAT);
        assertThat(NotificationPlanner.remind(false, "sent", 4 * hour - 1, 4 * hour, false, false)).isEmpty();
        assertThat(NotificationPlanner.remind(true, "sent", 9 * hour, 4 * hour, false, false)).as("acknowledged").isEmpty();
        assertThat(NotificationPlanner.remind(false, "sent", 9 * hour, 4 * hour, true, false)).as("muted now").isEmpty();
        assertThat(NotificationPlanner.remind(false, "silenced", 0, 4 * hour, false, false)).contains(NotificationKind.UNSILENCED);
        assertThat(NotificationPlanner.remind(false, "silenced", 0, 4 * hour, true, false)).isEmpty();
        assertThat(NotificationPlanner.remind(false, "dead", 9 * hour, 4 * hour, false, false)).isEmpty();
        // a warning held back by its KPI's firing critical: nothing while the critical fires, FIRING after
        assertThat(NotificationPlanner.remind(false, "sent", 9 * hour, 4 * hour, false, true)).as("inhibited now").isEmpty();
        assertThat(NotificationPlanner.remind(false, "inhibited", 0, 4 * hour, false, true)).isEmpty();
        assertThat(NotificationPlanner.remind(false, "inhibited", 0, 4 * hour, false, false)).contains(NotificationKind.FIRING);
        assertThat(NotificationPlanner.remind(false, "inhibited", 0, 4 * hour, true, false)).as("muted now").isEmpty();
    }

    @Test
    void subscriptionsMatchProjectKpiAndMinimumSeverity() {
        Subscription any = new Subscription("s", null, null, io.pilotage.alerting.rule.Severity.WARNING,
                ChannelType.SLACK, "https://x", null, "en");
        Subscription erpCritical = new Subscription("s", "erp", null, io.pilotage.alerting.rule.Severity.CRITICAL,
                ChannelType.EMAIL, "a@b.c", null, "fr");
        Subscription oneKpi = new Subscription("s", "erp", "erp.uptime", io.pilotage.alerting.rule.Severity.WARNING,
                ChannelType.WEBHOOK, "https://x", "k", "en");
        var warning = io.pilotage.alerting.rule.Severity.WARNING;
        var critical = io.pilotage.alerting.rule.Severity.CRITICAL;
        assertThat(any.matches("mobile-app", "mobile.mau", warning)).isTrue();
        assertThat(erpCritical.matches("erp", "erp.uptime", warning)).isFalse();
        assertThat(erpCritical.matches("erp", "erp.uptime", critical)).isTrue();
        assertThat(erpCritical.matches("mobile-app", "mobile.mau", critical)).isFalse();
        assertThat(oneKpi.matches("erp", "erp.uptime", critical)).isTrue();
        assertThat(oneKpi.matches("erp", "erp.audit_errors", critical)).isFalse();
    }

    @Test
    @SuppressWarnings("unchecked")
    void slackBlockKitCarriesKpiValueTargetStatusTrendPeriodAndLink() {
        AlertMessage m = message("en", List.of(new AlertMessage.Item(7, NotificationKind.FIRING, snapshot(55.5, 62.0,
                "critical"))));
        Map<String, Object> slack = m.slack();
        String json = JsonCodec.encodeToString(slack);
        assertThat(slack.get("text")).isEqualTo("[Pilotage] erp: [FIRING] Processes automated (critical)");
        List<Map<String, Object>> blocks = (List<Map<String, Object>>) slack.get("blocks");
        assertThat(blocks).extracting(b -> b.get("type")).containsExactly("header", "section", "section", "actions");
        assertThat(json).contains("*KPI*\\nProcesses automated (erp.automation_rate)").contains("*Value*\\n55.5 %")
                .contains("*Target*\\n80 %").contains("*Threshold*\\n60 %").contains("*Status*\\nFIRING · critical")
                .contains("*Trend*\\ndown").contains("*Period*\\nmonth 2026-10-01 → 2026-10-31")
                .contains("\"url\":\"https://pilotage.example.org/console/kpis/erp.automation_rate?period=2026-10\"")
                .doesNotContain("/scorecard");
    }

    @Test
    void frenchMessagesAreInFrench() {
        AlertMessage m = message("fr", List.of(new AlertMessage.Item(7, NotificationKind.RESOLVED, snapshot(81.0, 55.0,
                "warning"))));
        assertThat(m.subject()).isEqualTo("[Pilotage] erp: [RÉSOLU] Taux de processus automatisés (avertissement)");
        assertThat(m.text()).contains("Indicateur: Taux de processus automatisés").contains("Valeur: 81 %")
                .contains("Cible: 80 %").contains("Tendance: en hausse").contains("Alertes Pilotage pour le projet erp");
    }

    @Test
    void aGroupSaysHowManyFireAndHowManyResolved() {
        AlertMessage m = message("en", List.of(
                new AlertMessage.Item(1, NotificationKind.FIRING, snapshot(50.0, null, "critical")),
                new AlertMessage.Item(2, NotificationKind.REPEAT, snapshot(50.0, null, "warning")),
                new AlertMessage.Item(3, NotificationKind.RESOLVED, snapshot(90.0, null, "warning"))));
        assertThat(m.subject()).isEqualTo("[Pilotage] erp: 2 FIRING, 1 RESOLVED");
        assertThat(JsonCodec.encodeToString(m.slack())).contains("*Trend*\\nn/a");
        assertThat(m.webhook()).containsEntry("project", "erp");
        assertThat((List<?>) m.webhook().get("notifications")).hasSize(3);
    }

    @Test
    void numbersArePrintedPlainly() {
        assertThat(AlertMessage.number(231877.0)).isEqualTo("231877");
        assertThat(AlertMessage.number(0.125)).isEqualTo("0.13");
        assertThat(AlertMessage.number(1e9)).isEqualTo("1000000000");
        assertThat(AlertMessage.number(null)).isNull();
    }
}
