package io.pilotage.console.view;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What a KPI's chart draws, computed on the server and handed to the page's script as JSON: the
 * periods' labels, the values, the same periods a year earlier (drawn faint), the target line, the
 * warning and critical bands on the worse side of the target (direction-aware), and annotations
 * placed on the period they fall in.
 *
 * @param higherIsBetter which side of the thresholds is worse
 * @param cone           the forecast of the open period (the last one), null when the last period is closed
 */
public record ChartData(String title, String unit, List<String> labels, List<Double> values, List<Double> previous,
                        Double target, Double warning, Double critical, boolean higherIsBetter,
                        List<Annotation> annotations, Cone cone) {

    /**
     * The forecast cone: from the value of the period before ({@code fromIndex}, or the open period's
     * value so far when there is none) to the projected value and its 80 % interval at {@code index}.
     * {@code low}/{@code high} are the value itself when the method gives no interval.
     */
    public record Cone(int fromIndex, Double from, int index, double value, double low, double high) {
    }

    /** @param kind {@code alert}, {@code ack}, {@code target} or {@code review}; {@code index} the period's position */
    public record Annotation(String kind, int index, String text) {
    }

    /** A dated event to place on the chart. */
    public record Mark(String kind, LocalDate day, String text) {
    }

    /** The annotations of the marks that fall within the periods, in period order, at most {@code max}. */
    public static List<Annotation> place(List<PagePeriod> periods, List<Mark> marks, int max) {
        List<Annotation> out = new ArrayList<>();
        for (int i = 0; i < periods.size() && out.size() < max; i++) {
            PagePeriod p = periods.get(i);
            for (Mark m : marks) {
                if (m.day() != null && p.contains(m.day()) && out.size() < max) {
                    out.add(new Annotation(m.kind(), i, m.text()));
                }
            }
        }
        return out;
    }
}
