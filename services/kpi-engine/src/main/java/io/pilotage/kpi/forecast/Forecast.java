package io.pilotage.kpi.forecast;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pilotage.contracts.KpiStatus;
import io.pilotage.contracts.KpiValue.Period;

import java.time.Instant;

/**
 * A KPI's projected value at the end of a period. Every field is always present (null where it
 * does not apply).
 *
 * @param current               the value so far (the period's window up to now), null without data
 * @param currentStatus         its status
 * @param value                 the projected value at the period's end; for a closed period its final value
 * @param low                   lower bound of the 80 % interval (null when the method gives none)
 * @param high                  upper bound of the 80 % interval
 * @param confidence            0.8
 * @param status                the projected value's status (the KPI's target, critical threshold, direction)
 * @param daysElapsed           days of the period up to today included (all of them once closed)
 * @param daysRemaining         days of the period after today
 * @param method                {@code seasonal}, {@code level}, {@code union-growth}, {@code carried}, {@code final} or {@code none}
 * @param critical              the critical threshold, null when unset
 * @param crossesCriticalInDays in how many days (0: today) the trajectory goes past the critical threshold, when it is not past it now and will be before the period ends; else null
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Forecast(String kpi, Period period, String unit, boolean closed, Double current, KpiStatus currentStatus,
                       Double value, Double low, Double high, double confidence, KpiStatus status, int daysElapsed,
                       int daysRemaining, String method, Double critical, Integer crossesCriticalInDays, Instant computedAt) {

    public static final double CONFIDENCE = 0.8;
}
