package io.pilotage.kpi.forecast;

import java.time.DayOfWeek;

/**
 * Counts and sums: the value to date plus the days left, each expected at the recent daily level
 * times its day-of-week factor. Plain arithmetic on day values, no state.
 *
 * <ul>
 *   <li>Day-of-week factors: with at least 14 days of history, each weekday's mean over the
 *       history divided by the overall mean, shrunk towards 1 (two pseudo-days at the mean), so a
 *       weekday seen once does not swing the projection; otherwise 1.</li>
 *   <li>Level: the mean of the last (up to) 28 days' values, each divided by its weekday's factor.</li>
 *   <li>Interval: the deseasonalised days' residual variance σ² gives the sum over the R days left
 *       a variance R·σ² plus R²·(σ²/n + δ²/2) for the level's own uncertainty (n history days; δ the
 *       difference between the levels of the two halves of those days: the level's drift); for
 *       non-negative values at least the expected remainder itself (Poisson). A non-negative
 *       measure never projects below its value to date.</li>
 *   <li>Without history, the rate of the window so far (value to date / days elapsed) and a
 *       Poisson interval.</li>
 * </ul>
 */
public final class Seasonal {

    static final int SEASONALITY_MIN_DAYS = 14;
    static final int LEVEL_DAYS = 28;

    private Seasonal() {
    }

    /**
     * @param toDate      the window's value so far (0 when it has no event yet)
     * @param elapsed     days of the window elapsed so far (today's elapsed fraction included), for the no-history rate
     * @param histDows    weekdays of the complete history days, oldest first
     * @param histValues  their values (0 for a day without events)
     * @param dows        weekday of each day from today to the period's end
     * @param weights     the share of each of those days still to come inside the window (today: the fraction left; 0 outside it)
     * @param nonNegative whether values can only add up (counts, sums of non-negative values)
     */
    public static Projection project(double toDate, double elapsed, DayOfWeek[] histDows, double[] histValues, DayOfWeek[] dows,
                                     double[] weights, boolean nonNegative) {
        int n = histValues.length;
        double[] factor = new double[7];
        java.util.Arrays.fill(factor, 1.0);
        double level;
        double sigma2;
        double drift = 0;
        int used;
        if (n == 0) {
            level = elapsed > 0 ? toDate / elapsed : 0;
            sigma2 = Math.max(level, 0);
            used = (int) Math.max(1, Math.round(elapsed));
        } else {
            if (n >= SEASONALITY_MIN_DAYS) {
                double total = 0;
                double[] sum = new double[7];
                int[] count = new int[7];
                for (int i = 0; i < n; i++) {
                    total += histValues[i];
                    sum[histDows[i].ordinal()] += histValues[i];
                    count[histDows[i].ordinal()]++;
                }
                double mean = total / n;
                if (mean > 0) {
                    for (int d = 0; d < 7; d++) {
                        factor[d] = (sum[d] + mean) / (count[d] + 1) / mean;
                    }
                }
            }
            used = Math.min(n, LEVEL_DAYS);
            double s = 0;
            double f = 0;
            for (int i = n - used; i < n; i++) {
                s += histValues[i];
                f += factor[histDows[i].ordinal()];
            }
            level = s / f;
            double ss = 0;
            for (int i = n - used; i < n; i++) {
                double e = histValues[i] - level * factor[histDows[i].ordinal()];
                ss += e * e;
            }
            sigma2 = used > 1 ? ss / (used - 1) : Math.abs(level);
            if (used >= 14) {
                // the level may have moved: half the squared difference of the two halves' levels
                int half = used / 2;
                double a = 0;
                double fa = 0;
                double b = 0;
                double fb = 0;
                for (int i = n - used; i < n; i++) {
                    if (i < n - half) {
                        a += histValues[i];
                        fa += factor[histDows[i].ordinal()];
                    } else {
                        b += histValues[i];
                        fb += factor[histDows[i].ordinal()];
                    }
                }
                double d = b / fb - a / fa;
                drift = d * d / 2;
            }
        }
        double[] path = new double[weights.length];
        double cum = 0;
        double remaining = 0;
        for (int i = 0; i < weights.length; i++) {
            cum += level * factor[dows[i].ordinal()] * weights[i];
            remaining += weights[i];
            path[i] = toDate + cum;
        }
        double variance = remaining * sigma2 + remaining * remaining * (sigma2 / used + drift);
        if (nonNegative) {
            variance = Math.max(variance, cum);
        }
        double half = Projection.Z80 * Math.sqrt(variance);
        double value = toDate + cum;
        double low = value - half;
        if (nonNegative) {
            low = Math.max(low, toDate);
        }
        return new Projection(value, low, value + half, path);
    }
}
