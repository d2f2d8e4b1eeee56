package io.pilotage.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RouteTableTest {

    private final RouteTable table = RouteTable.pilotage();

    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @CsvSource({
            // the gateway itself
            "GET,    /q/health,                              LOCAL,      HEALTH",
            "GET,    /q/health/live,                         LOCAL,      HEALTH",
            "GET,    /q/health/ready,                        LOCAL,      HEALTH",
            "GET,    /swagger-ui/,                           LOCAL,      OPENAPI",
            "GET,    /swagger-ui/index.html,                 LOCAL,      OPENAPI",
            "GET,    /openapi,                               LOCAL,      OPENAPI",
            "GET,    /q/openapi,                             LOCAL,      OPENAPI",
            "HEAD,   /openapi,                               LOCAL,      OPENAPI",
            // ingestion: source adapters (POST only)
            "POST,   /sources/odoo-prod/odoo,                INGESTION,  SOURCE_ADAPTER",
            "POST,   /sources/odoo-prod/odoo/s3cr3t,         INGESTION,  SOURCE_ADAPTER",
            "POST,   /sources/firebase/ga4,                  INGESTION,  SOURCE_ADAPTER",
            "POST,   /sources/siem/qradar,                   INGESTION,  SOURCE_ADAPTER",
            "post,   /sources/siem/qradar,                   INGESTION,  SOURCE_ADAPTER",
            "POST,   /services/collector,                    INGESTION,  SOURCE_ADAPTER",
            "POST,   /services/collector/event,              INGESTION,  SOURCE_ADAPTER",
            "POST,   /services/collector/raw,                INGESTION,  SOURCE_ADAPTER",
            "GET,    /services/collector/health,             INGESTION,  SOURCE_ADAPTER",
            "GET,    /services/collector/health/1.0,         INGESTION,  SOURCE_ADAPTER",
            // ... other methods on the adapter paths are the source registry's (governance)
            "GET,    /sources/odoo-prod/odoo,                GOVERNANCE, SOURCES",
            "PUT,    /sources/odoo-prod/odoo,                GOVERNANCE, SOURCES",
            "POST,   /sources/odoo-prod/mapping,             GOVERNANCE, SOURCES",
            "POST,   /sources,                               GOVERNANCE, SOURCES",
            "GET,    /sources/odoo-prod,                     GOVERNANCE, SOURCES",
            "POST,   /sources/odoo,                          GOVERNANCE, SOURCES",
            // ingestion: bearer
            "POST,   /events,                                INGESTION,  EVENTS",
            "POST,   /events/,                               INGESTION,  EVENTS",
            "POST,   /events/batch,                          INGESTION,  EVENTS",
            "GET,    /events/quarantine,                     INGESTION,  EVENTS",
            "POST,   /events/csv,                            INGESTION,  EVENTS_CSV",
            "POST,   /events/csv/,                           INGESTION,  EVENTS_CSV",
            "POST,   /events/csv/more,                       INGESTION,  EVENTS",
            "GET,    /quarantine,                            INGESTION,  QUARANTINE",
            "POST,   /quarantine/42/replay,                  INGESTION,  QUARANTINE",
            "GET,    /ingestion/sources/stats,               INGESTION,  INGESTION_STATS",
            "GET,    /ingestion/backfills,                   INGESTION,  BACKFILL",
            "POST,   /sources/ga4-mobile/backfill,           INGESTION,  BACKFILL",
            "GET,    /sources/ga4-mobile/backfill,           INGESTION,  BACKFILL",
            // kpi-engine
            "GET,    /,                                      LOCAL,      CONSOLE",
            "GET,    /console/,                              CONSOLE,    CONSOLE",
            "POST,   /console/alerts/abc/ack,                CONSOLE,    CONSOLE",
            "GET,    /console/kpis/erp.uptime,               CONSOLE,    CONSOLE",
            "GET,    /kpis,                                  KPI_ENGINE, KPIS",
            "GET,    /kpis/mobile.mau/values,                KPI_ENGINE, KPIS",
            "POST,   /kpis/mobile.mau/recompute,             KPI_ENGINE, KPI_RECOMPUTE",
            "GET,    /kpis/mobile.mau/recompute,             KPI_ENGINE, KPI_RECOMPUTE",
            "POST,   /kpis/recompute,                        KPI_ENGINE, KPIS",
            "GET,    /projects/erp/scorecard,                KPI_ENGINE, SCORECARDS",
            "GET,    /portfolio/scorecard,                   KPI_ENGINE, PORTFOLIO",
            "GET,    /portfolio,                             KPI_ENGINE, PORTFOLIO",
            "POST,   /projects/erp/replay,                   KPI_ENGINE, KPI_RECOMPUTE",
            "GET,    /kpi-jobs/3f1c,                         KPI_ENGINE, KPI_JOBS",
            "POST,   /kpi-jobs/3f1c/cancel,                  KPI_ENGINE, KPI_JOBS",
            "GET,    /dead-letters,                          KPI_ENGINE, DEAD_LETTERS",
            // alerting
            "GET,    /alerts,                                ALERTING,   ALERTS",
            "POST,   /alerts/42/ack,                         ALERTING,   ALERTS",
            "GET,    /alerts/42/history,                     ALERTING,   ALERTS",
            "DELETE, /silences/7,                            ALERTING,   SILENCES",
            "POST,   /subscriptions,                         ALERTING,   SUBSCRIPTIONS",
            "GET,    /notifications,                         ALERTING,   ALERTS",
            "GET,    /notifications/channels,                ALERTING,   ALERTS",
            "POST,   /alert-rules,                           ALERTING,   SUBSCRIPTIONS",
            "POST,   /mute-windows,                          ALERTING,   SILENCES",
            // governance
            "GET,    /projects,                              GOVERNANCE, PROJECTS",
            "PUT,    /projects/erp,                          GOVERNANCE, PROJECTS",
            "GET,    /projects/erp/scorecard/history,        GOVERNANCE, PROJECTS",
            "GET,    /projects/erp/kpis,                     GOVERNANCE, DEFINITIONS",
            "POST,   /projects/erp/kpis,                     GOVERNANCE, DEFINITIONS",
            "PUT,    /projects/erp/kpis/erp.uptime,          GOVERNANCE, DEFINITIONS",
            "GET,    /projects/erp/kpis.yaml,                GOVERNANCE, DEFINITIONS",
            "POST,   /committees,                            GOVERNANCE, COMMITTEES",
            "POST,   /reviews/2026-10/decisions,             GOVERNANCE, REVIEWS",
            "PATCH,  /actions/12,                            GOVERNANCE, ACTIONS",
            "POST,   /quality-rules,                         GOVERNANCE, QUALITY_RULES",
            "GET,    /lessons,                               GOVERNANCE, LESSONS",
            "GET,    /audit,                                 GOVERNANCE, AUDIT",
            "PUT,    /definitions/mobile.mau,                GOVERNANCE, DEFINITIONS",
            "POST,   /definitions/republish,                 GOVERNANCE, PROJECTS",
    })
    void resolves(String method, String path, Upstream upstream, Resource resource) {
        assertThat(table.resolve(method, path))
                .hasValueSatisfying(route -> {
                    assertThat(route.upstream()).isEqualTo(upstream);
                    assertThat(route.resource()).isEqualTo(resource);
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"/nope", "/kpi", "/kpisx", "/Kpis", "/q", "/q/dev", "/q/healthz", "/q/metrics", "/metrics", "/openapi/x",
            "/services", "/services/other", "/event", "/admin", "/projects-old"})
    void unknownPathsHaveNoRoute(String path) {
        assertThat(table.resolve("GET", path)).isEmpty();
    }

    @Test
    void adapterMethodsOtherThanPostHaveNoRouteOnTheCollector() {
        assertThat(table.resolve("GET", "/services/collector/event")).isEmpty();
        assertThat(table.resolve("DELETE", "/services/collector")).isEmpty();
        assertThat(table.resolve("POST", "/q/openapi")).isEmpty();
    }

    @Test
    void ignoresEmptySegmentsAndMatrixParametersAsJaxRsDoes() {
        assertThat(table.resolve("GET", "//kpis//mobile.mau/values/")).map(Route::resource).hasValue(Resource.KPIS);
        assertThat(table.resolve("POST", "/kpis/mobile.mau;v=1/recompute;x")).map(Route::resource)
                .hasValue(Resource.KPI_RECOMPUTE);
        assertThat(table.resolve("GET", "/projects;a=b/erp/scorecard")).map(Route::resource)
                .hasValue(Resource.SCORECARDS);
    }

    @Test
    void everyTemplateResolvesToItsOwnRoute() {
        for (Route route : table.routes()) {
            String method = route.methods().isEmpty() ? "GET" : route.methods().iterator().next();
            String concrete = route.template().replace("/**", "").replace("{odoo|ga4|qradar}", "ga4");
            assertThat(table.resolve(method, concrete)).as(route.template()).hasValue(route);
        }
    }

    @Test
    void firstMatchingRouteWins() {
        RouteTable custom = new RouteTable(List.of(
                new Route("/a/special", Set.of(), Upstream.ALERTING, Resource.ALERTS),
                new Route("/a/**", Set.of(), Upstream.GOVERNANCE, Resource.AUDIT)));
        assertThat(custom.resolve("GET", "/a/special")).map(Route::upstream).hasValue(Upstream.ALERTING);
        assertThat(custom.resolve("GET", "/a/other")).map(Route::upstream).hasValue(Upstream.GOVERNANCE);
        assertThat(custom.resolve("GET", "/a")).map(Route::upstream).hasValue(Upstream.GOVERNANCE);
    }

    @Test
    void rejectsMalformedTemplates() {
        assertThatThrownBy(() -> new RouteTable(List.of(new Route("/a/**/b", Set.of(), Upstream.ALERTING, Resource.ALERTS))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Route("a", Set.of(), Upstream.ALERTING, Resource.ALERTS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyServiceAndEveryBearerResourceHasARoute() {
        assertThat(table.routes()).extracting(Route::upstream).contains(Upstream.services());
        assertThat(table.routes()).extracting(Route::resource).containsAll(List.of(Resource.values()));
    }
}
