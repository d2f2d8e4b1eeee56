package io.pilotage.alerting.rule;

import io.pilotage.contracts.Granularity;
import io.pilotage.contracts.KpiValue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

/**
 * Which KPI values move an alert. Plain Java.
 *
 * <ul>
 *   <li>only values whose granularity is the KPI's frequency ({@code monthly} → month, {@code weekly}
 *       → week, {@code quarterly} → quarter, {@code daily} → day): a monthly KPI's day values are
 *       {@link Role#IGNORED} (a KPI without a known frequency takes any granularity);</li>
 *   <li>of those, values of the open period and of the one that just closed {@link Role#DRIVE} the
 *       alert (a later period too: a clock running behind is no reason to drop a value); values of
 *       earlier periods are {@link Role#HISTORICAL}: recorded in the alert's history, never
 *       notified;</li>
 *   <li>a value of a period older than the one the alert already follows is historical too
 *       ({@link #olderThanFollowed}): the just-closed period's late value does not undo what the open
 *       period's value decided.</li>
 * </ul>
 * Weeks start on Monday and quarters on January, April, July, October, as the KPI engine's periods.
 */
public final class AlertPeriods {

    /** What a value does to its KPI's alerts. */
    public enum Role { DRIVE, HISTORICAL, IGNORED }

    private AlertPeriods() {
    }

    /** The granularity of a KPI frequency, or null when the frequency is missing or unknown. */
    public static Granularity granularity(String frequency) {
        if (frequency == null || frequency.isBlank()) {
            return null;
        }
        try {
            return Granularity.parse(frequency);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * @param frequency the KPI's frequency ({@code daily}, {@code weekly}, {@code monthly}, {@code quarterly})
     * @param period    the value's period
     * @param today     today in the KPI time zone
     */
    public static Role role(String frequency, KpiValue.Period period, LocalDate today) {
        Granularity own = granularity(frequency);
        if (own != null && period.granularity() != own) {
            return Role.IGNORED;
        }
        LocalDate justClosed = start(period.granularity(), today);
        justClosed = previous(period.granularity(), justClosed);
        return period.start().isBefore(justClosed) ? Role.HISTORICAL : Role.DRIVE;
    }

    /**
     * Whether a value's period is older than the period the alert follows (same granularity only;
     * an alert that follows nothing yet, or another granularity, follows the value).
     */
    public static boolean olderThanFollowed(KpiValue.Period period, String followedGranularity, LocalDate followedStart) {
        return followedStart != null && period.granularity().wireName().equals(followedGranularity)
                && period.start().isBefore(followedStart);
    }

    /** The first day of the period of this granularity that contains the day. */
    public static LocalDate start(Granularity g, LocalDate day) {
        return switch (g) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
            case QUARTER -> day.with(IsoFields.DAY_OF_QUARTER, 1);
        };
    }

    private static LocalDate previous(Granularity g, LocalDate start) {
        return switch (g) {
            case DAY -> start.minusDays(1);
            case WEEK -> start.minusWeeks(1);
            case MONTH -> start.minusMonths(1);
            case QUARTER -> start.minusMonths(3);
        };
    }
}
