package io.pilotage.contracts;

/** Status of a KPI value (DESIGN §3.5), direction-aware. */
public enum KpiStatus {
    /** The target is met. */
    GREEN,
    /** Between the target and the critical threshold. */
    AMBER,
    /** Past the critical threshold. */
    RED,
    /** The window has no events. */
    NO_DATA
}
