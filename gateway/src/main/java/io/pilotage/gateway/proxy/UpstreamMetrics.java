package io.pilotage.gateway.proxy;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pilotage.gateway.routing.Upstream;

/**
 * The gateway's own meters, next to Quarkus' {@code http_server_requests} (whose {@code uri} tag
 * is the route template):
 * <ul>
 *   <li>{@code pilotage_gateway_upstream_seconds{service, outcome}}: time from forwarding a request
 *       to the end of the relayed response; {@code outcome} is the status class ({@code 2xx} ...),
 *       {@code unavailable}, {@code timeout} or {@code error};</li>
 *   <li>{@code pilotage_gateway_rejected_total{reason}}: requests the gateway answered itself
 *       ({@code unauthenticated}, {@code invalid_token}, {@code forbidden}, {@code not_found},
 *       {@code too_large}, {@code bad_request}).</li>
 * </ul>
 */
@Singleton
public class UpstreamMetrics {

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> rejections = new ConcurrentHashMap<>();

    public UpstreamMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Records one forwarded request. */
    public void forwarded(Upstream upstream, String outcome, long startNanos) {
        String key = upstream.configName() + '|' + outcome;
        timers.computeIfAbsent(key, k -> Timer.builder("pilotage.gateway.upstream")
                .description("Requests forwarded to a service, until the end of the relayed response")
                .tag("service", upstream.configName())
                .tag("outcome", outcome)
                .register(registry))
                .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    /** Records one request the gateway answered itself with an error. */
    public void rejected(String reason) {
        rejections.computeIfAbsent(reason, r -> Counter.builder("pilotage.gateway.rejected")
                .description("Requests the gateway answered itself with a problem")
                .tag("reason", r)
                .register(registry))
                .increment();
    }

    /** The outcome tag of an upstream status code. */
    public static String statusClass(int status) {
        return switch (status / 100) {
            case 1 -> "1xx";
            case 2 -> "2xx";
            case 3 -> "3xx";
            case 4 -> "4xx";
            default -> "5xx";
        };
    }
}
