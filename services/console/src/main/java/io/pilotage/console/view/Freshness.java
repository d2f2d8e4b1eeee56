package io.pilotage.console.view;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Whether a KPI's last value is as recent as its frequency expects: a KPI computed {@code hourly} is
 * late when its last value is more than an hour and a half old, {@code daily} more than 26 hours,
 * {@code weekly} 8 days, {@code monthly} 32 days, {@code quarterly} 93 days.
 */
public record Freshness(State state, Duration age) {

    public enum State { FRESH, LATE, NONE }

    public static Freshness of(String frequency, Instant computedAt, Instant now) {
        if (computedAt == null) {
            return new Freshness(State.NONE, null);
        }
        Duration age = Duration.between(computedAt, now);
        return new Freshness(age.compareTo(expected(frequency)) > 0 ? State.LATE : State.FRESH, age);
    }

    /** The longest age a value of this frequency may have before it is late. */
    public static Duration expected(String frequency) {
        return switch (frequency == null ? "daily" : frequency.toLowerCase(Locale.ROOT)) {
            case "hourly" -> Duration.ofMinutes(90);
            case "weekly" -> Duration.ofDays(8);
            case "monthly" -> Duration.ofDays(32);
            case "quarterly" -> Duration.ofDays(93);
            default -> Duration.ofHours(26);
        };
    }

    public boolean late() {
        return state == State.LATE;
    }

    public boolean none() {
        return state == State.NONE;
    }
}
