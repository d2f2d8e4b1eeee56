package io.pilotage.ingestion.overload;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.Problem;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Load shedding for every write ({@code POST}: events, CSV, source adapters, HEC): a request
 * beyond {@code pilotage.ingestion.max-in-flight} concurrent ones is answered at once with a 503
 * problem and {@code Retry-After: 1}, before authentication or parsing, and counted in
 * {@code pilotage_ingestion_shed_total}. Nothing of it is stored. Reads and health are never shed.
 */
@ApplicationScoped
public class OverloadGuard {

    private static final byte[] SHED = JsonCodec.encode(Problem.forStatus(503,
            "ingestion is at its limit of requests in flight: retry after the time in Retry-After", null));

    private final InFlightLimit limit;
    private final Counter shed;

    public OverloadGuard(@ConfigProperty(name = "pilotage.ingestion.max-in-flight") int maxInFlight, MeterRegistry registry) {
        this.limit = new InFlightLimit(maxInFlight);
        this.shed = registry.counter("pilotage.ingestion.shed");
        Gauge.builder("pilotage.ingestion.in.flight", limit, InFlightLimit::inFlight).register(registry);
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 10).handler(this::handle);
    }

    private void handle(RoutingContext rc) {
        if (rc.request().method() != HttpMethod.POST) {
            rc.next();
            return;
        }
        if (!limit.tryAcquire()) {
            shed.increment();
            rc.response().setStatusCode(503).putHeader("Retry-After", "1")
                    .putHeader("Content-Type", Problem.MEDIA_TYPE).end(io.vertx.core.buffer.Buffer.buffer(SHED));
            return;
        }
        AtomicBoolean released = new AtomicBoolean();
        // called once the response is written, and also when the client goes away first
        rc.addEndHandler(x -> {
            if (released.compareAndSet(false, true)) {
                limit.release();
            }
        });
        rc.next();
    }
}
