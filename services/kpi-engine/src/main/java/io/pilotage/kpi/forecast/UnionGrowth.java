package io.pilotage.kpi.forecast;

/**
 * Distinct counts, from the growth of the union: {@code curve[L-1]} is the number of distinct
 * values over the L days ending today. The window's final value is its value to date (the union of
 * its K days so far, which is {@code curve[K-1]}) plus what the union gained, going back, from K to
 * K + R days (R days left): the new values the next R days would bring if they resemble the last R.
 * When the curve is shorter than K + R days (less history), it is extended by Heaps' law fitted to
 * it ({@code f(L) = a·L^b}, least squares on logarithms). Interval: the day-to-day spread σ of the
 * union's daily growth around those steps gives R·σ² + gain, plus a quarter of the square of the gain's
 * disagreement with Heaps' law fitted on the window's own K days, when K ≥ 3.
 */
public final class UnionGrowth {

    private UnionGrowth() {
    }

    /**
     * @param curve distinct count over the last 1, 2, ... days ending today (non-decreasing)
     * @param known K, the window's days so far (today included)
     * @param left  R, the window's days after today
     * @return null when the curve is empty
     */
    public static Projection project(double[] curve, int known, int left) {
        int n = curve.length;
        if (n == 0) {
            return null;
        }
        double exponent = heapsExponent(curve);
        double atKnown = known == 0 ? 0 : f(curve, exponent, known);
        double[] path = new double[left + 1];
        path[0] = atKnown;
        for (int i = 1; i <= left; i++) {
            path[i] = Math.max(atKnown, f(curve, exponent, known + i));
        }
        double gain = path[left] - atKnown;
        int from = Math.max(2, known + 1 - 7);
        int to = Math.min(n, known + left);
        double sigma = 0;
        if (to - from >= 1) {
            double s = 0;
            double ss = 0;
            int m = 0;
            for (int l = from; l <= to; l++) {
                double g = curve[l - 1] - curve[l - 2];
                s += g;
                ss += g * g;
                m++;
            }
            double mean = s / m;
            sigma = m > 1 ? Math.sqrt(Math.max(0, (ss - m * mean * mean) / (m - 1))) : 0;
        }
        // the window's own days tell the union's growth too (Heaps' law fitted on them): the two
        // readings' disagreement is the growth's own uncertainty
        double disagreement = 0;
        if (known >= 3 && known < n) {
            double[] own = java.util.Arrays.copyOf(curve, known);
            double ownGain = Math.max(0, f(own, heapsExponent(own), known + left) - atKnown);
            disagreement = gain - ownGain;
        }
        double half = Projection.Z80 * Math.sqrt(left * sigma * sigma + gain + disagreement * disagreement / 4);
        return new Projection(path[left], Math.max(atKnown, path[left] - half), path[left] + half, path);
    }

    /** The union over L days: the curve where it reaches, else Heaps' law through its last point. */
    static double f(double[] curve, double exponent, int days) {
        int n = curve.length;
        if (days <= n) {
            return curve[days - 1];
        }
        return curve[n - 1] * Math.pow((double) days / n, exponent);
    }

    /** Heaps' exponent b of f(L) = a·L^b, fitted on the curve's positive points, within [0, 1]. */
    static double heapsExponent(double[] curve) {
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int m = 0;
        for (int l = 1; l <= curve.length; l++) {
            if (curve[l - 1] > 0) {
                double x = Math.log(l);
                double y = Math.log(curve[l - 1]);
                sx += x;
                sy += y;
                sxx += x * x;
                sxy += x * y;
                m++;
            }
        }
        if (m < 2 || m * sxx - sx * sx == 0) {
            return 1.0;
        }
        return Math.clamp((m * sxy - sx * sy) / (m * sxx - sx * sx), 0.0, 1.0);
    }
}
