package io.pilotage.contracts;

import java.util.Locale;

/** Period granularities of DESIGN §3.1. */
public enum Granularity {
    DAY, WEEK, MONTH, QUARTER;

    /** Parses {@code day|week|month|quarter} (also {@code daily|weekly|monthly|quarterly}), case-insensitive. */
    public static Granularity parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("granularity is required");
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "day", "daily" -> DAY;
            case "week", "weekly" -> WEEK;
            case "month", "monthly" -> MONTH;
            case "quarter", "quarterly" -> QUARTER;
            default -> throw new IllegalArgumentException(
                    "unknown granularity '" + text + "', expected one of day, week, month, quarter");
        };
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
