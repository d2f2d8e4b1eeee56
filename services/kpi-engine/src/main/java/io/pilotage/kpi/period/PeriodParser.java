package io.pilotage.kpi.period;

import io.pilotage.contracts.Granularity;
import io.pilotage.contracts.KpiValue.Period;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.IsoFields;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a period as people write it: {@code 2026-10-05} (day), {@code 2026-W44} (ISO week),
 * {@code 2026-10} (month), {@code 2026-Q4} (quarter). Plain Java.
 */
public final class PeriodParser {

    private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");

    private PeriodParser() {
    }

    /** @throws IllegalArgumentException with the accepted forms when the text is none of them */
    public static Period parse(String text) {
        String t = text == null ? "" : text.trim();
        try {
            Matcher w = WEEK.matcher(t);
            if (w.matches()) {
                int year = Integer.parseInt(w.group(1));
                int week = Integer.parseInt(w.group(2));
                LocalDate anyDay = LocalDate.of(year, 6, 1).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
                        .with(IsoFields.WEEK_BASED_YEAR, year);
                if (week < 1 || week > anyDay.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum()) {
                    throw new IllegalArgumentException("week " + week + " does not exist in " + year);
                }
                return PeriodCalendar.periodContaining(Granularity.WEEK, anyDay);
            }
            Matcher q = QUARTER.matcher(t);
            if (q.matches()) {
                return PeriodCalendar.periodContaining(Granularity.QUARTER,
                        LocalDate.of(Integer.parseInt(q.group(1)), (Integer.parseInt(q.group(2)) - 1) * 3 + 1, 1));
            }
            if (t.matches("\\d{4}-\\d{2}")) {
                return PeriodCalendar.periodContaining(Granularity.MONTH, YearMonth.parse(t).atDay(1));
            }
            if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return PeriodCalendar.periodContaining(Granularity.DAY, LocalDate.parse(t));
            }
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("'" + t + "' is not a valid period: " + e.getMessage());
        }
        throw new IllegalArgumentException("'" + t + "' is not a period; expected YYYY-MM-DD, YYYY-Www, YYYY-MM or YYYY-Qn");
    }

    /** The period of the same granularity just before. */
    public static Period previous(Period p) {
        return PeriodCalendar.periodContaining(p.granularity(), p.start().minusDays(1));
    }
}
