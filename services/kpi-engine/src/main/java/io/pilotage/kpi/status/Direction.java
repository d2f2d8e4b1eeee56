package io.pilotage.kpi.status;

/** Whether a KPI is better when higher (MAU, uptime) or lower (MTTR, audit errors). */
public enum Direction {
    HIGHER_IS_BETTER, LOWER_IS_BETTER
}
