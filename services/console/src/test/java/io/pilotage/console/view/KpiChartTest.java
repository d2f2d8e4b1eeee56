package io.pilotage.console.view;

import io.pilotage.console.api.Api;
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

import static org.assertj.core.api.Assertions.assertThat;

class KpiChartTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);
    private final Formats en = new Formats(Locale.ENGLISH, ZoneId.of("Africa/Bamako"));

    @Test
    void twelvePeriodsWithTheSamePeriodsAYearEarlierAndDirectionAwareBands() {
        PagePeriod p = PagePeriod.parse("period", "2026-12", TODAY);
        assertThat(KpiChart.from(p)).isEqualTo(LocalDate.of(2025, 1, 1));
        List<KpiValue> series = new ArrayList<>();
        for (PagePeriod q : p.lastPeriods(24)) {
            series.add(Fixtures.value("erp.cost", "erp", q.toString(), (double) q.index() + (q.year() - 2025) * 100, KpiStatus.GREEN,
                    Instant.EPOCH));
        }
        Api.Kpi kpi = Fixtures.kpi("erp.cost", "erp", Direction.LOWER_IS_BETTER, 10.0, 12.0, 15.0, null);
        ChartData c = KpiChart.of(kpi, "Cost", p, series, List.of(new ChartData.Mark("alert", LocalDate.of(2026, 11, 1), "RED")), Locale.ENGLISH);
        assertThat(c.labels()).hasSize(12).startsWith("Jan 26").endsWith("Dec 26");
        assertThat(c.values()).startsWith(101.0).endsWith(112.0);
        assertThat(c.previous()).startsWith(1.0).endsWith(12.0);
        assertThat(c.higherIsBetter()).isFalse();
        assertThat(c.warning()).isEqualTo(12.0);
        assertThat(c.critical()).isEqualTo(15.0);
        assertThat(c.annotations()).singleElement().satisfies(a -> {
            assertThat(a.index()).isEqualTo(10);
            assertThat(a.kind()).isEqualTo("alert");
        });
        String json = KpiChart.json(c, "Cost", "a year earlier", "target");
        assertThat(json).contains("\"higherIsBetter\":false").contains("\"labelPrevious\":\"a year earlier\"");
    }

    @Test
    void marksComeFromAlertsAcknowledgementsTargetChangesAndReviews() throws Exception {
        Api.Alert a = new Api.Alert("a1", "k", "r", "threshold", "erp", "erp.uptime", null, "critical", "ACKNOWLEDGED", 1,
                Instant.parse("2026-11-03T08:00:00Z"), 1, 97.0, null, 98.0, 99.0, "%", "month", LocalDate.of(2026, 11, 1),
                LocalDate.of(2026, 11, 30), "owner", Instant.parse("2026-12-01T23:30:00Z"), "on it", Instant.EPOCH);
        List<ChartData.Mark> alerts = KpiChart.alertMarks(List.of(a), ZoneId.of("Asia/Tokyo"), en);
        assertThat(alerts).extracting(ChartData.Mark::kind).containsExactly("alert", "ack");
        assertThat(alerts.get(1).day()).as("the day in the zone").isEqualTo(LocalDate.of(2026, 12, 2));

        var json = io.pilotage.contracts.JsonCodec.mapper();
        Api.DefinitionVersion changed = new Api.DefinitionVersion(2, Instant.parse("2026-10-05T10:00:00Z"), "admin", "stricter",
                json.readTree("{\"target\":98}"), json.readTree("{\"target\":99}"));
        Api.DefinitionVersion created = new Api.DefinitionVersion(1, Instant.parse("2026-01-05T10:00:00Z"), "admin", "new", null,
                json.readTree("{\"target\":98}"));
        assertThat(KpiChart.targetMarks(List.of(changed, created), ZoneId.of("UTC"), en)).singleElement()
                .satisfies(m -> assertThat(m.text()).isEqualTo("v2 98 → 99"));

        Api.Review monthly = new Api.Review("r", "copil", "monthly", "2026-10", null, List.of("erp"), null, null, null, null, null, null);
        Api.Review other = new Api.Review("r2", "copil", "monthly", "2026-10", null, List.of("mobile-app"), null, null, null, null, null, null);
        assertThat(KpiChart.reviewMarks(List.of(monthly, other), "erp")).singleElement()
                .satisfies(m -> assertThat(m.day()).isEqualTo(LocalDate.of(2026, 10, 1)));
    }
}
