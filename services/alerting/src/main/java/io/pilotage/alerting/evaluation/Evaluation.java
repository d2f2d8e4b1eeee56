package io.pilotage.alerting.evaluation;

import io.pilotage.alerting.rule.AlertRule;
import io.pilotage.alerting.state.AlertInput;
import io.pilotage.contracts.KpiValue;
import io.pilotage.contracts.definition.KpiDefinition;

/**
 * One input for one alert, with what it was computed from (for the alert's displayed facts).
 *
 * @param rule       the rule
 * @param input      what happened
 * @param definition the KPI definition (null for source rules)
 * @param value      the KPI value evaluated (null for time-based rules and acknowledgements)
 * @param previous   the previous period's value, or null
 * @param historical the value is of an earlier, closed period: recorded in the alert's history,
 *                   the alert's state does not move and nobody is notified
 */
public record Evaluation(AlertRule rule, AlertInput input, KpiDefinition definition, KpiValue value, Double previous,
                         boolean historical) {

    public Evaluation(AlertRule rule, AlertInput input, KpiDefinition definition, KpiValue value, Double previous) {
        this(rule, input, definition, value, previous, false);
    }
}
