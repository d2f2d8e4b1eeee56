package io.pilotage.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * An alert state change, published by alerting on {@link Topics#ALERTS} (key: {@code alertId}).
 *
 * @param alertId       stable id of the alert instance (rule × KPI or source)
 * @param rule          the rule that produced it
 * @param project       project key
 * @param kpi           KPI key; null for source alerts ({@code source_silent})
 * @param source        source id for source alerts; otherwise null
 * @param state         the new state: {@code OK}, {@code PENDING}, {@code FIRING}, {@code RESOLVED},
 *                      {@code NO_DATA}, {@code ACKNOWLEDGED}
 * @param previousState the state before
 * @param severity      {@code warning} or {@code critical}
 * @param value         the KPI value that caused the change; optional
 * @param threshold     the threshold compared against; optional
 * @param period        the period of the value; optional
 * @param at            when the state changed
 * @param by            who caused it, for acknowledgements; optional
 * @param comment       the acknowledgement's comment; optional
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertEvent(String alertId, String rule, String project, String kpi, String source, String state,
                         String previousState, String severity, Double value, Double threshold,
                         KpiValue.Period period, Instant at, String by, String comment) {
}
