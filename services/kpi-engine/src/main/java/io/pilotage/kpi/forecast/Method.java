package io.pilotage.kpi.forecast;

import io.pilotage.contracts.definition.Measure;

import java.util.Locale;

/** The forecasting method of each measure type (see {@code docs/kpi-language.md}, "Forecast"). */
public enum Method {
    /** count, sum; a distinct count with a cohort (new subjects add up day by day). */
    SEASONAL("seasonal", 56),
    /** avg, ratio, percentile, duration, within, retention. */
    LEVEL("level", 21),
    /** distinct without a cohort. */
    UNION_GROWTH("union-growth", 0),
    /** latest, min, max (no interval), uptime (interval from the days' availability). */
    CARRIED("carried", 21);

    public final String wireName;
    /** Complete days before today whose day values the method reads. */
    public final int historyDays;

    Method(String wireName, int historyDays) {
        this.wireName = wireName;
        this.historyDays = historyDays;
    }

    public static Method of(Measure m) {
        String type = m.type() == null ? "" : m.type().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "count", "sum" -> SEASONAL;
            case "distinct" -> m.cohort() == null || m.cohort().isEmpty() ? UNION_GROWTH : SEASONAL;
            case "latest", "min", "max", "uptime" -> CARRIED;
            default -> LEVEL;
        };
    }
}
