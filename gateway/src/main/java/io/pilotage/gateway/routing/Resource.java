package io.pilotage.gateway.routing;

/**
 * What a route addresses, as far as the access policy is concerned. Routes that share a resource
 * share their access rule; the {@link Authentication} of a resource says whether the gateway
 * asks for a bearer token at all.
 */
public enum Resource {
    // served by the gateway itself, anonymous (metrics: management interface only)
    HEALTH(Authentication.NONE),
    /** The aggregated OpenAPI document and the Swagger UI. */
    OPENAPI(Authentication.NONE),
    /**
     * The console's pages ({@code /console/**}, and {@code /}, which redirects there): the console
     * signs people in itself (Keycloak, authorization code + PKCE, session cookie) and calls the
     * APIs with their token, so the gateway asks for nothing here.
     */
    CONSOLE(Authentication.NONE),

    // ingestion
    /** Source adapters (Odoo, GA4, QRadar, Splunk HEC): authenticated by the source's secret, in the service. */
    SOURCE_ADAPTER(Authentication.SOURCE),
    EVENTS(Authentication.BEARER),
    /** {@code /events/csv}: CSV imports, also open to analysts. */
    EVENTS_CSV(Authentication.BEARER),
    /** {@code /quarantine/**}: rejected events, listed, fixed, replayed. */
    QUARANTINE(Authentication.BEARER),
    /** {@code /ingestion/**}: per-source ingestion statistics (read only). */
    INGESTION_STATS(Authentication.BEARER),
    /**
     * History imports: {@code /sources/{source}/backfill} (a source's past events through its adapter)
     * and their audit, {@code /ingestion/backfills}; admin only, reads included.
     */
    BACKFILL(Authentication.BEARER),

    // kpi-engine
    KPIS(Authentication.BEARER),
    /** {@code POST /kpis/{key}/recompute}: backfill, admin only. */
    KPI_RECOMPUTE(Authentication.BEARER),
    SCORECARDS(Authentication.BEARER),
    PORTFOLIO(Authentication.BEARER),
    /** {@code /kpi-jobs/**}: recompute/replay jobs; reading for readers, cancelling admin only. */
    KPI_JOBS(Authentication.BEARER),
    /** {@code /dead-letters}: records the KPI engine could never apply; read-only. */
    DEAD_LETTERS(Authentication.BEARER),

    // alerting
    ALERTS(Authentication.BEARER),
    SILENCES(Authentication.BEARER),
    SUBSCRIPTIONS(Authentication.BEARER),

    // governance
    PROJECTS(Authentication.BEARER),
    SOURCES(Authentication.BEARER),
    COMMITTEES(Authentication.BEARER),
    REVIEWS(Authentication.BEARER),
    ACTIONS(Authentication.BEARER),
    QUALITY_RULES(Authentication.BEARER),
    LESSONS(Authentication.BEARER),
    AUDIT(Authentication.BEARER),
    DEFINITIONS(Authentication.BEARER);

    /** How the caller of a resource is authenticated. */
    public enum Authentication {
        /** Anyone: the gateway serves it and asks for nothing. */
        NONE,
        /** The request goes through as it is; the service checks the source's own secret. */
        SOURCE,
        /** A Keycloak-issued JWT with the role the access policy requires. */
        BEARER
    }

    private final Authentication authentication;

    Resource(Authentication authentication) {
        this.authentication = authentication;
    }

    public Authentication authentication() {
        return authentication;
    }
}
