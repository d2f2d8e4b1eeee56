package io.pilotage.gateway.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code pilotage.gateway.*}: how the gateway forwards requests. Documented in application.properties. */
@ConfigMapping(prefix = "pilotage.gateway")
public interface GatewayConfig {

    Upstream upstream();

    Readiness readiness();

    interface Upstream {
        /** No data from the upstream for this long (before or during its response): 504. */
        @WithDefault("30S")
        Duration timeout();

        /** Establishing a connection to an upstream for longer than this: 503. */
        @WithDefault("5S")
        Duration connectTimeout();

        /** Pooled keep-alive HTTP/1.1 connections per upstream service. */
        @WithDefault("256")
        int maxConnections();

        /** Requests waiting for a pooled connection beyond which new ones get 503. */
        @WithDefault("4096")
        int maxWaitQueue();

        /** Idle pooled connections are closed after this long. */
        @WithDefault("60S")
        Duration keepAliveTimeout();

        /** The {@code Retry-After} advertised with a 503. */
        @WithDefault("5S")
        Duration retryAfter();
    }

    interface Readiness {
        /** Whether readiness waits until the OIDC provider's discovery document has been fetched once. */
        @WithDefault("true")
        boolean oidc();

        /** Timeout of one readiness probe of the OIDC provider. */
        @WithDefault("2S")
        Duration oidcTimeout();
    }
}
