package io.pilotage.kpi.forecast;

/**
 * What a forecasting method projects for a window's end: the value, its 80 % interval (null bounds
 * when the method gives none), and the trajectory: {@code path[i]} is the window's projected value
 * at the end of the i-th day from today ({@code path[0]}: the end of today).
 */
public record Projection(double value, Double low, Double high, double[] path) {

    /** The one-sided z of an 80 % two-sided normal interval. */
    public static final double Z80 = 1.2815515655446004;

    Projection clamp(double min, double max) {
        double[] p = path.clone();
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.clamp(p[i], min, max);
        }
        return new Projection(Math.clamp(value, min, max), low == null ? null : Math.clamp(low, min, max),
                high == null ? null : Math.clamp(high, min, max), p);
    }
}
