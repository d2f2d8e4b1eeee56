package io.pilotage.gateway.proxy;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.ext.web.Router;

/**
 * Installs the gateway on Quarkus' HTTP router: the preamble before Quarkus' own body-size
 * check, and the catch-all route that resolves, authorises and forwards every request. Quarkus'
 * health and metrics endpoints stay reachable: the catch-all hands their paths on.
 */
@Singleton
public class GatewayRoutes {

    void install(@Observes Router router, GatewayHandler gateway) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(gateway::preamble);
        router.route().handler(gateway::handle);
    }
}
