package io.pilotage.gateway.routing;

/**
 * Where a route leads: one of the four API services, the console (the dashboard's pages), or the
 * gateway itself ({@link #LOCAL}: health, metrics, the aggregated OpenAPI document, the redirect of
 * {@code /} to the console).
 *
 * <p>{@link #configName()} is the key under {@code pilotage.routes.<name>.url} that holds the
 * service's base URL.
 */
public enum Upstream {
    INGESTION("ingestion"),
    KPI_ENGINE("kpi-engine"),
    ALERTING("alerting"),
    GOVERNANCE("governance"),
    CONSOLE("console"),
    LOCAL("gateway");

    private final String configName;

    Upstream(String configName) {
        this.configName = configName;
    }

    /** The service's name as used in configuration, metrics and logs. */
    public String configName() {
        return configName;
    }

    /** The services the gateway forwards to: the four APIs and the console, without {@link #LOCAL}. */
    public static Upstream[] services() {
        return new Upstream[] {INGESTION, KPI_ENGINE, ALERTING, GOVERNANCE, CONSOLE};
    }

    /** The four API services, whose OpenAPI documents the gateway merges. */
    public static Upstream[] apis() {
        return new Upstream[] {INGESTION, KPI_ENGINE, ALERTING, GOVERNANCE};
    }
}
