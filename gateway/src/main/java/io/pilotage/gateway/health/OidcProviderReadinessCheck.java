package io.pilotage.gateway.health;

import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.pilotage.gateway.config.GatewayConfig;
import io.pilotage.gateway.proxy.Upstreams;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * Readiness: the gateway is ready once it has reached the OIDC provider (Keycloak) — its
 * discovery document answered 200 — at least once since start-up.
 *
 * <p>The check is sticky on purpose. Before the provider was ever reached, the gateway cannot
 * validate a single token, so it should get no traffic. Once reached, quarkus-oidc has the
 * realm's keys cached and keeps validating tokens through a Keycloak outage; taking every gateway
 * out of the load balancer then would turn a login outage into a total one (source webhooks and
 * holders of valid tokens included). Disabled with {@code pilotage.gateway.readiness.oidc=false}.
 */
@Readiness
@ApplicationScoped
public class OidcProviderReadinessCheck implements AsyncHealthCheck {

    private static final String NAME = "oidc-provider";

    private final Upstreams upstreams;
    private final GatewayConfig config;
    private final String discoveryUrl;
    private final AtomicBoolean reached = new AtomicBoolean();

    public OidcProviderReadinessCheck(Upstreams upstreams, GatewayConfig config,
            @ConfigProperty(name = "quarkus.oidc.auth-server-url") String authServerUrl,
            @ConfigProperty(name = "quarkus.oidc.discovery-path", defaultValue = ".well-known/openid-configuration") String discoveryPath) {
        this.upstreams = upstreams;
        this.config = config;
        String base = authServerUrl.endsWith("/") ? authServerUrl : authServerUrl + "/";
        this.discoveryUrl = base + (discoveryPath.startsWith("/") ? discoveryPath.substring(1) : discoveryPath);
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        if (!config.readiness().oidc()) {
            return Uni.createFrom().item(HealthCheckResponse.named(NAME).up().withData("checked", false).build());
        }
        if (reached.get()) {
            return Uni.createFrom().item(up());
        }
        URI uri = URI.create(discoveryUrl);
        boolean ssl = "https".equalsIgnoreCase(uri.getScheme());
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(uri.getHost())
                .setPort(uri.getPort() >= 0 ? uri.getPort() : ssl ? 443 : 80)
                .setSsl(ssl)
                .setURI(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()))
                .setConnectTimeout(config.readiness().oidcTimeout().toMillis())
                .setIdleTimeout(config.readiness().oidcTimeout().toMillis());
        return Uni.createFrom().completionStage(() -> upstreams.client().request(options)
                .compose(request -> request.send())
                .compose(response -> response.body().map(body -> response.statusCode()))
                .toCompletionStage())
                .map(status -> {
                    if (status == 200) {
                        reached.set(true);
                        return up();
                    }
                    return down("HTTP " + status);
                })
                .onFailure().recoverWithItem(failure -> down(failure.toString()));
    }

    private HealthCheckResponse up() {
        return HealthCheckResponse.named(NAME).up().withData("discovery", discoveryUrl).build();
    }

    private HealthCheckResponse down(String reason) {
        return HealthCheckResponse.named(NAME).down()
                .withData("discovery", discoveryUrl)
                .withData("error", reason)
                .build();
    }
}
