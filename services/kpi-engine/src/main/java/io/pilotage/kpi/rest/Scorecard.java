package io.pilotage.kpi.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pilotage.contracts.KpiStatus;
import io.pilotage.contracts.KpiValue;
import io.pilotage.contracts.KpiValue.Period;
import io.pilotage.contracts.definition.Direction;
import io.pilotage.kpi.forecast.Forecast;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** A project's scorecard for a period: every KPI with its value, status and trend. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Scorecard(String project, Period period, Period previousPeriod, Map<KpiStatus, Integer> summary,
                        List<Line> kpis) {

    /**
     * @param trend {@code up}, {@code down}, {@code flat}, or null when either value is missing
     * @param improving direction-aware: true when the change goes the way the KPI is better
     * @param forecast  the projection to the period's end when the period is open (contains today), else absent
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(String key, String name, String unit, Direction direction, Double target, KpiValue current,
                       KpiValue previous, Double change, Double changePercent, String trend, Boolean improving,
                       Forecast forecast) {

        static Line of(String name, KpiValue current, KpiValue previous, Direction direction, Forecast forecast) {
            Double change = null;
            Double changePercent = null;
            String trend = null;
            Boolean improving = null;
            if (current.value() != null && previous.value() != null) {
                change = current.value() - previous.value();
                changePercent = previous.value() == 0 ? null : 100.0 * change / Math.abs(previous.value());
                trend = change > 0 ? "up" : change < 0 ? "down" : "flat";
                improving = change == 0 ? null : (change > 0) == (direction == Direction.HIGHER_IS_BETTER);
            }
            return new Line(current.kpi(), name, current.unit(), direction, current.target(), current, previous, change,
                    changePercent, trend, improving, forecast);
        }
    }

    static Map<KpiStatus, Integer> summarise(List<Line> lines) {
        Map<KpiStatus, Integer> m = new EnumMap<>(KpiStatus.class);
        for (KpiStatus s : KpiStatus.values()) {
            m.put(s, 0);
        }
        lines.forEach(l -> m.merge(l.current().status(), 1, Integer::sum));
        return m;
    }
}
