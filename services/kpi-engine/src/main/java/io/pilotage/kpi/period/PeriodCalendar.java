package io.pilotage.kpi.period;

import io.pilotage.contracts.Granularity;
import io.pilotage.contracts.KpiValue.Period;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/**
 * Calendar periods in the configured time zone (DESIGN §3.1): day, ISO week (Monday to Sunday),
 * calendar month, quarter. A period is {@code [start, end]} in whole local days, i.e. the
 * half-open instant range {@code [start 00:00, end+1 00:00)} in the zone. Events are placed by
 * their {@code occurredAt}.
 */
public final class PeriodCalendar {

    private final ZoneId zone;

    public PeriodCalendar(ZoneId zone) {
        this.zone = zone;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The local day an instant falls on. */
    public LocalDate dayOf(Instant instant) {
        return instant.atZone(zone).toLocalDate();
    }

    /** The period of the given granularity that contains {@code day}. */
    public static Period periodContaining(Granularity granularity, LocalDate day) {
        return switch (granularity) {
            case DAY -> new Period(granularity, day, day);
            case WEEK -> new Period(granularity, day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)),
                    day.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY)));
            case MONTH -> new Period(granularity, day.withDayOfMonth(1), day.with(TemporalAdjusters.lastDayOfMonth()));
            case QUARTER -> {
                LocalDate start = day.with(IsoFields.DAY_OF_QUARTER, 1);
                yield new Period(granularity, start, start.plusMonths(3).minusDays(1));
            }
        };
    }

    /**
     * Every period of the granularity that overlaps {@code [from, to]}, in order. The first and
     * last periods are whole periods, even when {@code from}/{@code to} fall inside them.
     *
     * @throws IllegalArgumentException when {@code to} is before {@code from} or more than
     *                                  {@code maxPeriods} periods would result
     */
    public static List<Period> periodsBetween(Granularity granularity, LocalDate from, LocalDate to, int maxPeriods) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("'to' (" + to + ") is before 'from' (" + from + ")");
        }
        List<Period> periods = new ArrayList<>();
        Period p = periodContaining(granularity, from);
        while (!p.start().isAfter(to)) {
            if (periods.size() == maxPeriods) {
                throw new IllegalArgumentException("the range covers more than " + maxPeriods + " " + granularity.wireName()
                        + " periods; narrow 'from'/'to' or use a coarser granularity");
            }
            periods.add(p);
            p = periodContaining(granularity, p.end().plusDays(1));
        }
        return periods;
    }

    /** The default range of a series when the client gives none: the last {@code n} periods up to {@code today}. */
    public static LocalDate defaultFrom(Granularity granularity, LocalDate today) {
        return switch (granularity) {
            case DAY -> today.minusDays(29);
            case WEEK -> periodContaining(granularity, today).start().minusWeeks(11);
            case MONTH -> today.withDayOfMonth(1).minusMonths(11);
            case QUARTER -> periodContaining(granularity, today).start().minusMonths(21);
        };
    }
}
