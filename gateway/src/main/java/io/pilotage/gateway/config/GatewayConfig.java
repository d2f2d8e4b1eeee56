package io.pilotage.gateway.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code pilotage.gateway.*}: how the gateway forwards requests. Documented in application.properties. */
@ConfigMapping(prefix = "pilotage.gateway")
public interface GatewayConfig {

    Upstream upstream();

    Readiness readiness();

    RateLimit rateLimit();

    /** The realm's URL as a browser reaches it (the Swagger UI's login). */
    String oidcPublicUrl();

    /** The public client the Swagger UI logs people in with (authorization code + PKCE). */
    @WithDefault("pilotage-web")
    String swaggerUiClientId();

    TokenCache tokenCache();

    /** Per-client rate limits: a token bucket per caller (token subject, else client address). */
    interface RateLimit {
        /** Whether requests are rate-limited at all. */
        @WithDefault("true")
        boolean enabled();

        /** Sustained requests per second allowed to one client. */
        @WithDefault("100")
        long requestsPerSecond();

        /** Requests a client may send in a burst above the sustained rate. */
        @WithDefault("200")
        long burst();

        /** Clients whose bucket is kept (least recently seen ones are forgotten first). */
        @WithDefault("100000")
        long maxClients();
    }

    /** Verified bearer tokens kept so a token is verified once, not at every request. */
    interface TokenCache {
        /** Whether verified tokens are cached. */
        @WithDefault("true")
        boolean enabled();

        /** Tokens kept at most (keyed by their SHA-256). */
        @WithDefault("10000")
        long maxSize();

        /**
         * How long a verification is trusted at most (never past the token's own expiry): bounds
         * how long a token signed with a key removed from the realm keeps being accepted.
         */
        @WithDefault("60S")
        Duration maxAge();
    }

    interface Upstream {
        /** No data from the upstream for this long (before or during its response): 504. */
        @WithDefault("30S")
        Duration timeout();

        /** Establishing a connection to an upstream for longer than this: 503. */
        @WithDefault("5S")
        Duration connectTimeout();

        /** Pooled keep-alive HTTP/1.1 connections per upstream service and per event loop. */
        @WithDefault("256")
        int maxConnections();

        /** Requests waiting for a pooled connection (per event loop) beyond which new ones get 503. */
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
