package io.pilotage.console.view;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The period a page shows: a month ({@code 2026-10}) or a quarter ({@code 2026-Q4}), the notation of
 * the engine's scorecards, so that a page's link names its period and stays valid.
 */
public record PagePeriod(Kind kind, int year, int index) implements Comparable<PagePeriod> {

    public enum Kind {
        MONTH("month"), QUARTER("quarter");

        private final String granularity;

        Kind(String granularity) {
            this.granularity = granularity;
        }

        public String granularity() {
            return granularity;
        }
    }

    public static final String EXPECTED = "a month YYYY-MM (e.g. 2026-10) or a quarter YYYY-Qn (e.g. 2026-Q4)";
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-[Qq]([1-4])");

    public PagePeriod {
        if (year < 1970 || year > 9999) {
            throw new IllegalArgumentException("year " + year);
        }
        int max = kind == Kind.MONTH ? 12 : 4;
        if (index < 1 || index > max) {
            throw new IllegalArgumentException(kind + " " + index);
        }
    }

    /** The period named by the parameter, or the current month of {@code today} when it is absent. */
    public static PagePeriod parse(String parameter, String value, LocalDate today) {
        if (value == null || value.isBlank()) {
            return of(Kind.MONTH, today);
        }
        String v = value.trim();
        Matcher m = MONTH.matcher(v);
        try {
            if (m.matches()) {
                return new PagePeriod(Kind.MONTH, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            }
            m = QUARTER.matcher(v);
            if (m.matches()) {
                return new PagePeriod(Kind.QUARTER, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal
        }
        throw new BadParameter(parameter, value, EXPECTED);
    }

    /** The period of this kind that contains the day. */
    public static PagePeriod of(Kind kind, LocalDate day) {
        return kind == Kind.MONTH ? new PagePeriod(kind, day.getYear(), day.getMonthValue())
                : new PagePeriod(kind, day.getYear(), (day.getMonthValue() - 1) / 3 + 1);
    }

    public LocalDate start() {
        return kind == Kind.MONTH ? LocalDate.of(year, index, 1) : LocalDate.of(year, (index - 1) * 3 + 1, 1);
    }

    public LocalDate end() {
        YearMonth last = kind == Kind.MONTH ? YearMonth.of(year, index) : YearMonth.of(year, index * 3);
        return last.atEndOfMonth();
    }

    /** {@code n} periods earlier (negative: later). */
    public PagePeriod minus(int n) {
        int size = kind == Kind.MONTH ? 12 : 4;
        int ordinal = year * size + (index - 1) - n;
        return new PagePeriod(kind, Math.floorDiv(ordinal, size), Math.floorMod(ordinal, size) + 1);
    }

    public PagePeriod previous() {
        return minus(1);
    }

    public PagePeriod next() {
        return minus(-1);
    }

    /** The last {@code count} periods ending with this one, oldest first. */
    public List<PagePeriod> lastPeriods(int count) {
        List<PagePeriod> l = new ArrayList<>(count);
        for (int i = count - 1; i >= 0; i--) {
            l.add(minus(i));
        }
        return l;
    }

    /** What the period picker offers: the last 12 months and the last 4 quarters up to today, newest first. */
    public static List<PagePeriod> choices(LocalDate today) {
        List<PagePeriod> l = new ArrayList<>();
        PagePeriod m = of(Kind.MONTH, today);
        for (int i = 0; i < 12; i++) {
            l.add(m.minus(i));
        }
        PagePeriod q = of(Kind.QUARTER, today);
        for (int i = 0; i < 4; i++) {
            l.add(q.minus(i));
        }
        return l;
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(start()) && !day.isAfter(end());
    }

    /** "décembre 2026", "December 2026", "T4 2026", "Q4 2026". */
    public String label(Locale locale) {
        if (kind == Kind.MONTH) {
            String month = YearMonth.of(year, index).getMonth().getDisplayName(TextStyle.FULL_STANDALONE, locale);
            return month + " " + year;
        }
        return ("fr".equals(locale.getLanguage()) ? "T" : "Q") + index + " " + year;
    }

    /** A short label for chart axes: "déc. 26", "Dec 26", "T4 26". */
    public String shortLabel(Locale locale) {
        String yy = String.format("%02d", year % 100);
        if (kind == Kind.MONTH) {
            return YearMonth.of(year, index).getMonth().getDisplayName(TextStyle.SHORT_STANDALONE, locale) + " " + yy;
        }
        return ("fr".equals(locale.getLanguage()) ? "T" : "Q") + index + " " + yy;
    }

    @Override
    public String toString() {
        return kind == Kind.MONTH ? String.format("%04d-%02d", year, index) : year + "-Q" + index;
    }

    @Override
    public int compareTo(PagePeriod o) {
        return start().compareTo(o.start());
    }
}
