package io.pilotage.gateway.proxy;

import jakarta.inject.Singleton;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Security headers on every response of the gateway, relayed or its own: the browser must not
 * sniff types, frame the API, leak the URL in a referrer or run anything the API returns; HTTPS
 * responses add HSTS. The Swagger UI pages get the looser policy their scripts need; the console's
 * pages load their scripts, styles and images from the console only, post forms to the console
 * (and to Keycloak: login, logout), and cannot be framed.
 */
@Singleton
public class EdgeHeaders {

    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

    private final String swaggerUiPolicy;
    private final String consolePolicy;

    public EdgeHeaders(io.pilotage.gateway.config.GatewayConfig config) {
        String keycloakOrigin = origin(config.oidcPublicUrl());
        this.swaggerUiPolicy = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
                + "img-src 'self' data:; connect-src 'self' " + keycloakOrigin + "; form-action 'self' " + keycloakOrigin
                + "; frame-ancestors 'none'";
        this.consolePolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "connect-src 'self'; form-action 'self' " + keycloakOrigin + "; frame-ancestors 'none'; base-uri 'none'; "
                + "object-src 'none'";
    }

    /** Registers the headers to be set just before the response's head is written. */
    public void apply(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        boolean swaggerUi = path.startsWith("/swagger-ui");
        boolean console = path.equals("/console") || path.startsWith("/console/");
        boolean tls = ctx.request().isSSL();
        ctx.addHeadersEndHandler(ignored -> {
            HttpServerResponse response = ctx.response();
            response.headers()
                    .set("X-Content-Type-Options", "nosniff")
                    .set("X-Frame-Options", "DENY")
                    // the console's forms need their origin: with no-referrer a browser posts them as
                    // Origin: null, which the CORS check refuses; same-origin still sends nothing off-site
                    .set("Referrer-Policy", console ? "same-origin" : "no-referrer")
                    .set("Content-Security-Policy", swaggerUi ? swaggerUiPolicy : console ? consolePolicy : API_POLICY);
            if (tls) {
                response.headers().set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
            }
        });
    }

    private static String origin(String url) {
        java.net.URI uri = java.net.URI.create(url);
        return uri.getScheme() + "://" + uri.getAuthority();
    }
}
