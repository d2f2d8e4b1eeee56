package io.pilotage.kpi.period;

import io.pilotage.contracts.Granularity;
import io.pilotage.contracts.KpiValue.Period;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeriodCalendarTest {

    private static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    @Test
    void placesInstantsOnTheLocalDayOfTheZone() {
        PeriodCalendar paris = new PeriodCalendar(ZoneId.of("Europe/Paris"));
        PeriodCalendar bamako = new PeriodCalendar(ZoneId.of("Africa/Bamako"));
        Instant lateEvening = Instant.parse("2026-10-31T23:30:00Z");

        assertThat(bamako.dayOf(lateEvening)).isEqualTo(d("2026-10-31"));
        assertThat(paris.dayOf(lateEvening)).isEqualTo(d("2026-11-01"));
    }

    @Test
    void periodsContainingADay() {
        LocalDate day = d("2026-11-05"); // a Thursday
        assertThat(PeriodCalendar.periodContaining(Granularity.DAY, day)).isEqualTo(new Period(Granularity.DAY, day, day));
        assertThat(PeriodCalendar.periodContaining(Granularity.WEEK, day))
                .isEqualTo(new Period(Granularity.WEEK, d("2026-11-02"), d("2026-11-08")));
        assertThat(PeriodCalendar.periodContaining(Granularity.MONTH, day))
                .isEqualTo(new Period(Granularity.MONTH, d("2026-11-01"), d("2026-11-30")));
        assertThat(PeriodCalendar.periodContaining(Granularity.QUARTER, day))
                .isEqualTo(new Period(Granularity.QUARTER, d("2026-10-01"), d("2026-12-31")));
    }

    @Test
    void februaryOfALeapYearAndIsoWeeksAcrossTheYearEnd() {
        assertThat(PeriodCalendar.periodContaining(Granularity.MONTH, d("2028-02-10")).end()).isEqualTo(d("2028-02-29"));
        assertThat(PeriodCalendar.periodContaining(Granularity.WEEK, d("2027-01-01")))
                .isEqualTo(new Period(Granularity.WEEK, d("2026-12-28"), d("2027-01-03")));
    }

    @Test
    void periodsBetweenAreWholeContiguousAndOrdered() {
        List<Period> months = PeriodCalendar.periodsBetween(Granularity.MONTH, d("2026-09-15"), d("2026-11-02"), 100);

        assertThat(months).extracting(Period::start).containsExactly(d("2026-09-01"), d("2026-10-01"), d("2026-11-01"));
        assertThat(months.getLast().end()).isEqualTo(d("2026-11-30"));
        for (int i = 1; i < months.size(); i++) {
            assertThat(months.get(i).start()).isEqualTo(months.get(i - 1).end().plusDays(1));
        }
    }

    @Test
    void refusesReversedOrTooLongRanges() {
        assertThatThrownBy(() -> PeriodCalendar.periodsBetween(Granularity.DAY, d("2026-11-02"), d("2026-11-01"), 10))
                .hasMessageContaining("before");
        assertThatThrownBy(() -> PeriodCalendar.periodsBetween(Granularity.DAY, d("2026-01-01"), d("2026-12-31"), 100))
                .hasMessageContaining("more than 100 day periods");
        assertThat(PeriodCalendar.periodsBetween(Granularity.DAY, d("2026-01-01"), d("2026-04-10"), 100)).hasSize(100);
    }

    @Test
    void defaultRangesGoBackAFixedNumberOfPeriods() {
        LocalDate today = d("2026-11-23");
        assertThat(PeriodCalendar.periodsBetween(Granularity.DAY, PeriodCalendar.defaultFrom(Granularity.DAY, today), today, 1000)).hasSize(30);
        assertThat(PeriodCalendar.periodsBetween(Granularity.WEEK, PeriodCalendar.defaultFrom(Granularity.WEEK, today), today, 1000)).hasSize(12);
        assertThat(PeriodCalendar.periodsBetween(Granularity.MONTH, PeriodCalendar.defaultFrom(Granularity.MONTH, today), today, 1000)).hasSize(12);
        assertThat(PeriodCalendar.periodsBetween(Granularity.QUARTER, PeriodCalendar.defaultFrom(Granularity.QUARTER, today), today, 1000)).hasSize(8);
    }
}
