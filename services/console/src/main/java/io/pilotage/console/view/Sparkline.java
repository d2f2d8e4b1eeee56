package io.pilotage.console.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A sparkline drawn on the server as SVG polylines: one polyline per run of consecutive values (a
 * period without a value breaks the line), scaled to the box; the target as a dashed line when it
 * falls inside the range.
 *
 * @param lines   the {@code points} attribute of each polyline
 * @param lastX   where the last value is, for its dot (null when the last period has none)
 * @param targetY the target's height, or null
 */
@io.quarkus.qute.TemplateData
public record Sparkline(int width, int height, List<String> lines, Double lastX, Double lastY, Double targetY) {

    public static final int WIDTH = 96;
    public static final int HEIGHT = 24;
    private static final double PAD = 2;

    public static Sparkline of(List<Double> values, Double target) {
        return of(values, target, WIDTH, HEIGHT);
    }

    public static Sparkline of(List<Double> values, Double target, int width, int height) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Double v : values) {
            if (v != null && !v.isNaN()) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (min == Double.POSITIVE_INFINITY) {
            return new Sparkline(width, height, List.of(), null, null, null);
        }
        if (target != null) {
            min = Math.min(min, target);
            max = Math.max(max, target);
        }
        double span = max - min;
        int n = values.size();
        double step = n > 1 ? (width - 2 * PAD) / (n - 1) : 0;
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int inRun = 0;
        Double lastX = null;
        Double lastY = null;
        for (int i = 0; i < n; i++) {
            Double v = values.get(i);
            if (v == null || v.isNaN()) {
                flush(lines, current, inRun);
                current.setLength(0);
                inRun = 0;
                lastX = null;
                lastY = null;
                continue;
            }
            double x = n > 1 ? PAD + i * step : width / 2.0;
            double y = y(v, min, span, height);
            if (!current.isEmpty()) {
                current.append(' ');
            }
            current.append(fmt(x)).append(',').append(fmt(y));
            inRun++;
            lastX = x;
            lastY = y;
        }
        flush(lines, current, inRun);
        Double targetY = target == null ? null : y(target, min, span, height);
        return new Sparkline(width, height, lines, lastX, lastY, targetY);
    }

    private static void flush(List<String> lines, StringBuilder run, int points) {
        if (points == 1) {
            // a lone value: a short flat stroke, so that it shows
            String[] xy = run.toString().split(",");
            double x = Double.parseDouble(xy[0]);
            lines.add(fmt(x - 1) + "," + xy[1] + " " + fmt(x + 1) + "," + xy[1]);
        } else if (points > 1) {
            lines.add(run.toString());
        }
    }

    private static double y(double v, double min, double span, int height) {
        if (span == 0) {
            return height / 2.0;
        }
        return PAD + (height - 2 * PAD) * (1 - (v - min) / span);
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }

    public boolean empty() {
        return lines.isEmpty();
    }
}
