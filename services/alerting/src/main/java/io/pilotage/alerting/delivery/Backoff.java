package io.pilotage.alerting.delivery;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter: attempt n (1-based) waits a random duration in
 * {@code [base·2^(n-1)/2, base·2^(n-1)]}, capped at {@code max}; after {@code maxAttempts} the
 * notification is dead-lettered.
 */
public record Backoff(Duration base, Duration max, int maxAttempts) {

    public Backoff {
        if (maxAttempts < 1 || base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs base > 0, max >= base, maxAttempts >= 1");
        }
    }

    /** Whether another attempt follows the failed attempt number {@code attempt}. */
    public boolean retries(int attempt) {
        return attempt < maxAttempts;
    }

    /** @param random uniform in [0, 1) */
    public Duration delayAfter(int attempt, DoubleSupplier random) {
        double exp = base.toMillis() * Math.pow(2, Math.max(0, attempt - 1));
        double capped = Math.min(exp, max.toMillis());
        double jittered = capped / 2 + random.getAsDouble() * capped / 2;
        return Duration.ofMillis(Math.max(1, Math.round(jittered)));
    }
}
