package io.pilotage.kpi.rest;

import io.pilotage.contracts.Granularity;
import io.pilotage.contracts.KpiValue.Period;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class ScorecardOwnPeriodTest {

    private static final Period DECEMBER = new Period(Granularity.MONTH, LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31));

    @Test
    void aKpiCoarserThanTheScorecardIsReadForItsOwnPeriodAndTheOthersForTheScorecards() {
        assertThat(ScorecardResource.ownPeriod(Granularity.QUARTER, DECEMBER))
                .isEqualTo(new Period(Granularity.QUARTER, LocalDate.of(2026, 10, 1), LocalDate.of(2026, 12, 31)));
        assertThat(ScorecardResource.ownPeriod(Granularity.MONTH, DECEMBER)).isSameAs(DECEMBER);
        assertThat(ScorecardResource.ownPeriod(Granularity.WEEK, DECEMBER)).as("a weekly KPI over the month").isSameAs(DECEMBER);
    }
}
