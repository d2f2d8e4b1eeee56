package io.pilotage.kpi.forecast;

/**
 * Averages, ratios and shares: the window's final value is the weighted mix of the value to date
 * (weight: its sample size so far) and the days left (weight: the recent daily sample size times
 * the days left), whose level is the value to date, shifted by the recent trend when asked. The
 * interval comes from the spread of the day values: the days left average R day values, each
 * spread σ around the level (σ: the weighted standard deviation of the history's day values), so
 * their mean is off by σ·√(1/R + 1/k) (k: the window's complete days so far with a value, which
 * the level is known from; the history's days when the window has none), plus the trend's own
 * error; scaled by the days left's share of the final weight.
 */
public final class DayLevel {

    static final int TREND_DAYS = 7;

    private DayLevel() {
    }

    /**
     * @param current       the window's value so far, null when it has none yet
     * @param currentWeight its sample size (or elapsed time for a time-weighted share)
     * @param histValues    the complete history days' values, oldest first (NaN for a day without a value)
     * @param histWeights   their sample sizes (0 for a day without events)
     * @param inWindow      how many of the last history days lie inside the window (for the trend)
     * @param weights       the share of each day from today to the period's end still to come inside the window
     * @param trend         whether the recent days' shift from the window's own days moves the level
     * @return null when there is neither a value to date nor a day value in the history
     */
    public static Projection project(Double current, double currentWeight, double[] histValues, double[] histWeights, int inWindow,
                                     double[] weights, boolean trend) {
        int n = histValues.length;
        double sw = 0;
        double swv = 0;
        double totalWeight = 0;
        int withValue = 0;
        for (int i = 0; i < n; i++) {
            totalWeight += histWeights[i];
            if (!Double.isNaN(histValues[i]) && histWeights[i] > 0) {
                sw += histWeights[i];
                swv += histWeights[i] * histValues[i];
                withValue++;
            }
        }
        if (current == null && withValue == 0) {
            return null;
        }
        double mean = withValue == 0 ? current : swv / sw;
        double sigma = 0;
        if (withValue > 1) {
            double ss = 0;
            for (int i = 0; i < n; i++) {
                if (!Double.isNaN(histValues[i]) && histWeights[i] > 0) {
                    ss += histWeights[i] * (histValues[i] - mean) * (histValues[i] - mean);
                }
            }
            sigma = Math.sqrt(ss / sw * withValue / (withValue - 1));
        }
        double base = current == null ? mean : current;
        double baseWeight = current == null ? 0 : currentWeight;
        double level = base;
        double trendError = 0;
        if (trend && current != null && inWindow >= TREND_DAYS + 1) {
            double recent = weightedMean(histValues, histWeights, n - TREND_DAYS, n);
            double own = weightedMean(histValues, histWeights, n - inWindow, n);
            if (!Double.isNaN(recent) && !Double.isNaN(own)) {
                level = base + (recent - own);
                trendError = sigma * Math.sqrt(1.0 / TREND_DAYS + 1.0 / inWindow);
            }
        }
        double perDay = n == 0 ? (currentWeight > 0 ? currentWeight : 1) : Math.max(totalWeight / n, 1e-9);
        double remaining = 0;
        double[] path = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            remaining += weights[i];
            double w = perDay * remaining;
            path[i] = baseWeight + w == 0 ? base : (baseWeight * base + w * level) / (baseWeight + w);
        }
        double w = perDay * remaining;
        double value = baseWeight + w == 0 ? base : (baseWeight * base + w * level) / (baseWeight + w);
        double share = baseWeight + w == 0 ? 0 : w / (baseWeight + w);
        // the days left average R day values around the level; the level itself is known from the
        // window's own days so far (k of them), or from the history when the window has none yet
        int own = 0;
        for (int i = Math.max(0, n - inWindow); i < n; i++) {
            if (!Double.isNaN(histValues[i]) && histWeights[i] > 0) {
                own++;
            }
        }
        int levelDays = current == null ? Math.max(withValue, 1) : Math.max(own, 1);
        double levelError = Math.sqrt(sigma * sigma * (1.0 / Math.max(remaining, 1) + 1.0 / levelDays) + trendError * trendError);
        double half = Projection.Z80 * share * levelError;
        return new Projection(value, value - half, value + half, path);
    }

    private static double weightedMean(double[] values, double[] weights, int from, int to) {
        double sw = 0;
        double swv = 0;
        for (int i = Math.max(0, from); i < to; i++) {
            if (!Double.isNaN(values[i]) && weights[i] > 0) {
                sw += weights[i];
                swv += weights[i] * values[i];
            }
        }
        return sw == 0 ? Double.NaN : swv / sw;
    }
}
