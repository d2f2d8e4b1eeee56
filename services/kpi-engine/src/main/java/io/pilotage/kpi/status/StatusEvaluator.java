package io.pilotage.kpi.status;

import io.pilotage.contracts.KpiStatus;
import io.pilotage.contracts.definition.Direction;

/**
 * Direction-aware status of a KPI value (DESIGN §3.1, §3.5): GREEN when the target is met, RED
 * past the critical threshold, AMBER in between, NO_DATA without a value. "Met" and "past" include
 * equality: a value equal to the target is GREEN; a value equal to the critical threshold is RED.
 */
public final class StatusEvaluator {

    private StatusEvaluator() {
    }

    /**
     * @param value    the KPI value, null when the window has no events
     * @param target   the target; null means no target is set, and any value is GREEN
     * @param critical the critical threshold; null means never RED
     */
    public static KpiStatus evaluate(Double value, Direction direction, Double target, Double critical) {
        if (value == null) {
            return KpiStatus.NO_DATA;
        }
        if (target == null) {
            return KpiStatus.GREEN;
        }
        boolean higher = direction == Direction.HIGHER_IS_BETTER;
        if (higher ? value >= target : value <= target) {
            return KpiStatus.GREEN;
        }
        if (critical != null && (higher ? value <= critical : value >= critical)) {
            return KpiStatus.RED;
        }
        return KpiStatus.AMBER;
    }
}
