package io.pilotage.gateway.proxy;

import java.net.URI;
import java.util.EnumMap;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import io.pilotage.gateway.config.GatewayConfig;
import io.pilotage.gateway.config.RoutesConfig;
import io.pilotage.gateway.routing.Upstream;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;

/**
 * The services' base URLs and the one HTTP client that forwards to all of them: pooled
 * keep-alive HTTP/1.1 connections per service, non-blocking, created on Quarkus' Vert.x.
 */
@Singleton
public class Upstreams {

    /** Where one service lives. */
    public record Target(String host, int port, boolean ssl, String pathPrefix) {

        static Target of(URI url) {
            String scheme = url.getScheme() == null ? "http" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
            boolean ssl = scheme.equals("https");
            if (!ssl && !scheme.equals("http")) {
                throw new IllegalArgumentException("an upstream URL is http or https: " + url);
            }
            if (url.getHost() == null) {
                throw new IllegalArgumentException("an upstream URL has a host: " + url);
            }
            int port = url.getPort() >= 0 ? url.getPort() : ssl ? 443 : 80;
            String path = url.getRawPath() == null ? "" : url.getRawPath();
            String prefix = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            return new Target(url.getHost(), port, ssl, prefix);
        }
    }

    private final Map<Upstream, Target> targets = new EnumMap<>(Upstream.class);
    private final HttpClient client;

    public Upstreams(Vertx vertx, RoutesConfig routes, GatewayConfig config) {
        for (Upstream upstream : Upstream.services()) {
            RoutesConfig.Target configured = routes.services().get(upstream.configName());
            if (configured == null) {
                throw new IllegalStateException("pilotage.routes." + upstream.configName() + ".url is not configured");
            }
            targets.put(upstream, Target.of(configured.url()));
        }
        GatewayConfig.Upstream options = config.upstream();
        HttpClientOptions clientOptions = new HttpClientOptions()
                .setName("pilotage-gateway-upstream")
                .setKeepAlive(true)
                .setKeepAliveTimeout((int) Math.max(1, options.keepAliveTimeout().toSeconds()))
                .setPipelining(false)
                .setTcpNoDelay(true)
                .setConnectTimeout((int) options.connectTimeout().toMillis())
                // bodies are relayed as they are, compressed or not
                .setDecompressionSupported(false)
                .setMaxHeaderSize(32 * 1024)
                .setMaxInitialLineLength(16 * 1024)
                .setVerifyHost(true);
        PoolOptions poolOptions = new PoolOptions()
                .setHttp1MaxSize(options.maxConnections())
                .setMaxWaitQueueSize(options.maxWaitQueue());
        this.client = vertx.createHttpClient(clientOptions, poolOptions);
    }

    /** The shared client. */
    public HttpClient client() {
        return client;
    }

    /** Where {@code upstream} lives; not for {@link Upstream#LOCAL}. */
    public Target target(Upstream upstream) {
        Target target = targets.get(upstream);
        if (target == null) {
            throw new IllegalArgumentException("no upstream service for " + upstream);
        }
        return target;
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
