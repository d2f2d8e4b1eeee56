package io.pilotage.console.view;

import io.pilotage.console.api.Api;

/**
 * The engine's projection of a KPI to the end of an open period, written for the reader: the
 * projected status (icon and word), the projected value and its 80 % interval in the KPI's unit,
 * the days elapsed and left, when the trajectory crosses the critical threshold, and the method.
 *
 * @param interval      whether the method gives an interval ({@code low}, {@code high})
 * @param crossesIn     days until the critical threshold is crossed, null when it is not
 * @param worse         whether the projected status is worse than the current one
 */
@io.quarkus.qute.TemplateData
public record ForecastView(Status status, Status currentStatus, String value, String low, String high, boolean interval,
                           int daysElapsed, int daysRemaining, Integer crossesIn, String method, boolean worse) {

    /** The view of an open period's forecast; null without one, or for a closed period (its value is final). */
    public static ForecastView of(Api.Forecast f, Formats fm) {
        if (f == null || f.closed()) {
            return null;
        }
        Status now = Status.of(f.currentStatus());
        Status projected = Status.of(f.status());
        return new ForecastView(projected, now, fm.number(f.value(), f.unit()), fm.number(f.low(), f.unit()),
                fm.number(f.high(), f.unit()), f.low() != null && f.high() != null, f.daysElapsed(), f.daysRemaining(),
                f.crossesCriticalInDays(), f.method() == null ? "none" : f.method(), rank(projected) > rank(now));
    }

    private static int rank(Status s) {
        return switch (s.code()) {
            case "GREEN" -> 1;
            case "AMBER" -> 2;
            case "RED" -> 3;
            default -> 0;
        };
    }
}
