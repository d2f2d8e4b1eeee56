package io.pilotage.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Period granularities of DESIGN §3.1, written in lower case on the wire by any Jackson mapper. */
public enum Granularity {
    DAY, WEEK, MONTH, QUARTER;

    /** Parses {@code day|week|month|quarter} (also {@code daily|weekly|monthly|quarterly}), case-insensitive. */
    @JsonCreator
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

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
