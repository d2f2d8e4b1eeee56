package io.pilotage.alerting.rule;

import io.pilotage.contracts.Granularity;
import io.pilotage.contracts.KpiValue;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static io.pilotage.alerting.rule.AlertPeriods.Role.DRIVE;
import static io.pilotage.alerting.rule.AlertPeriods.Role.HISTORICAL;
import static io.pilotage.alerting.rule.AlertPeriods.Role.IGNORED;
import static org.assertj.core.api.Assertions.assertThat;

class AlertPeriodsTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 8);   // a Tuesday, in Q4

    private static KpiValue.Period p(Granularity g, String start) {
        return new KpiValue.Period(g, LocalDate.parse(start), null);
    }

    @Test
    void onlyTheKpisOwnFrequencyDrivesItsAlerts() {
        assertThat(AlertPeriods.role("monthly", p(Granularity.DAY, "2026-12-07"), TODAY)).isEqualTo(IGNORED);
        assertThat(AlertPeriods.role("monthly", p(Granularity.WEEK, "2026-12-07"), TODAY)).isEqualTo(IGNORED);
        assertThat(AlertPeriods.role("monthly", p(Granularity.MONTH, "2026-12-01"), TODAY)).isEqualTo(DRIVE);
        assertThat(AlertPeriods.role("weekly", p(Granularity.MONTH, "2026-12-01"), TODAY)).isEqualTo(IGNORED);
        assertThat(AlertPeriods.role("quarterly", p(Granularity.QUARTER, "2026-10-01"), TODAY)).isEqualTo(DRIVE);
        assertThat(AlertPeriods.role("daily", p(Granularity.DAY, "2026-12-08"), TODAY)).isEqualTo(DRIVE);
        assertThat(AlertPeriods.role(null, p(Granularity.DAY, "2026-12-08"), TODAY)).as("no frequency: any").isEqualTo(DRIVE);
        assertThat(AlertPeriods.role("fortnightly", p(Granularity.WEEK, "2026-12-07"), TODAY)).isEqualTo(DRIVE);
    }

    @Test
    void theOpenPeriodAndTheOneJustClosedDriveEarlierOnesAreHistory() {
        assertThat(AlertPeriods.role("monthly", p(Granularity.MONTH, "2026-11-01"), TODAY)).isEqualTo(DRIVE);
        assertThat(AlertPeriods.role("monthly", p(Granularity.MONTH, "2026-10-01"), TODAY)).isEqualTo(HISTORICAL);
        assertThat(AlertPeriods.role("monthly", p(Granularity.MONTH, "2026-09-01"), TODAY)).isEqualTo(HISTORICAL);
        assertThat(AlertPeriods.role("monthly", p(Granularity.MONTH, "2027-01-01"), TODAY)).as("clock behind").isEqualTo(DRIVE);
        // weeks start on Monday: this week 2026-12-07, the one just closed 2026-11-30
        assertThat(AlertPeriods.role("weekly", p(Granularity.WEEK, "2026-11-30"), TODAY)).isEqualTo(DRIVE);
        assertThat(AlertPeriods.role("weekly", p(Granularity.WEEK, "2026-11-23"), TODAY)).isEqualTo(HISTORICAL);
        assertThat(AlertPeriods.role("quarterly", p(Granularity.QUARTER, "2026-07-01"), TODAY)).isEqualTo(DRIVE);
        assertThat(AlertPeriods.role("quarterly", p(Granularity.QUARTER, "2026-04-01"), TODAY)).isEqualTo(HISTORICAL);
        assertThat(AlertPeriods.role("daily", p(Granularity.DAY, "2026-12-07"), TODAY)).isEqualTo(DRIVE);
        assertThat(AlertPeriods.role("daily", p(Granularity.DAY, "2026-12-06"), TODAY)).isEqualTo(HISTORICAL);
        // January: the just-closed month is last year's December
        assertThat(AlertPeriods.role("monthly", p(Granularity.MONTH, "2026-12-01"), LocalDate.of(2027, 1, 3)))
                .isEqualTo(DRIVE);
    }

    @Test
    void aLateValueOfThePeriodBeforeTheFollowedOneDoesNotMoveTheAlert() {
        LocalDate december = LocalDate.of(2026, 12, 1);
        assertThat(AlertPeriods.olderThanFollowed(p(Granularity.MONTH, "2026-11-01"), "month", december)).isTrue();
        assertThat(AlertPeriods.olderThanFollowed(p(Granularity.MONTH, "2026-12-01"), "month", december)).isFalse();
        assertThat(AlertPeriods.olderThanFollowed(p(Granularity.MONTH, "2026-11-01"), null, null)).isFalse();
        assertThat(AlertPeriods.olderThanFollowed(p(Granularity.MONTH, "2026-11-01"), "day", december))
                .as("an alert that followed another granularity (before this rule)").isFalse();
    }
}
