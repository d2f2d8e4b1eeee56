package io.pilotage.gateway.proxy;

import java.net.URI;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import io.pilotage.gateway.config.GatewayConfig;
import io.pilotage.gateway.config.RoutesConfig;
import io.pilotage.gateway.routing.Upstream;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;

/**
 * The services' base URLs and the HTTP clients that forward to them: pooled keep-alive HTTP/1.1
 * connections per service, non-blocking, created on Quarkus' Vert.x.
 *
 * <p>One client per event loop: a client's pool hands any of its connections to any caller, and
 * a connection lives on the event loop that opened it, so with one shared client a request
 * received on one event loop was often forwarded over a connection of another, every step of
 * the exchange (request head, body, response head, body, end) crossing threads (a task queued
 * and the other loop's selector woken up each time). A client used only by the event loop that
 * calls it opens its connections on that loop: the whole exchange stays on one thread.
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
    private final Vertx vertx;
    private final HttpClientOptions clientOptions;
    private final PoolOptions poolOptions;
    /** The client of callers that are not on an event loop (worker threads, start-up). */
    private final HttpClient shared;
    /** The client of each event loop thread, created on its first request. */
    private final Map<Thread, HttpClient> perEventLoop = new ConcurrentHashMap<>();

    public Upstreams(Vertx vertx, RoutesConfig routes, GatewayConfig config) {
        for (Upstream upstream : Upstream.services()) {
            RoutesConfig.Target configured = routes.services().get(upstream.configName());
            if (configured == null) {
                throw new IllegalStateException("pilotage.routes." + upstream.configName() + ".url is not configured");
            }
            targets.put(upstream, Target.of(configured.url()));
        }
        GatewayConfig.Upstream options = config.upstream();
        this.vertx = vertx;
        this.clientOptions = new HttpClientOptions()
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
        // per client, that is per event loop
        this.poolOptions = new PoolOptions()
                .setHttp1MaxSize(options.maxConnections())
                .setMaxWaitQueueSize(options.maxWaitQueue());
        this.shared = vertx.createHttpClient(clientOptions, poolOptions);
    }

    /** The client to use from the calling thread: its event loop's own, or the shared one. */
    public HttpClient client() {
        Context context = Vertx.currentContext();
        if (context == null || !context.isEventLoopContext()) {
            return shared;
        }
        HttpClient client = perEventLoop.get(Thread.currentThread());
        return client != null ? client
                : perEventLoop.computeIfAbsent(Thread.currentThread(), thread -> vertx.createHttpClient(clientOptions, poolOptions));
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
        perEventLoop.values().forEach(HttpClient::close);
        shared.close();
    }
}
