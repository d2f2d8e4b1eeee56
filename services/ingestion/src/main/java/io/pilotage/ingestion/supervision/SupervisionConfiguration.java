package io.pilotage.ingestion.supervision;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.pilotage.ingestion.source.SourceRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Per-source counters as Prometheus metrics ({@code /q/metrics}):
 * {@code pilotage_ingestion_events_total{source,outcome}} (outcome received, accepted, duplicate,
 * rejected, flagged), {@code pilotage_ingestion_auth_failures_total{source}},
 * {@code pilotage_ingestion_rate_limited_total{source}},
 * {@code pilotage_ingestion_last_event_seconds{source}} (epoch seconds of the last accepted event),
 * {@code pilotage_ingestion_source_silent{source}} (1 when past its expected interval) and the
 * timer {@code pilotage_ingestion_publish_seconds} (broker acknowledgement latency per request).
 * Unregistered source ids are all counted under {@code source="unregistered"}.
 */
@ApplicationScoped
public class SupervisionConfiguration {

    @Produces
    @ApplicationScoped
    SourceStats sourceStats(MeterRegistry registry, SourceRegistry sources) {
        Timer publish = Timer.builder("pilotage.ingestion.publish").description("broker acknowledgement latency per request")
                .publishPercentiles(0.5, 0.99).register(registry);
        SourceStats[] self = new SourceStats[1];
        self[0] = new SourceStats(id -> id != null && sources.find(id).isPresent() ? id : "unregistered",
                Clock.systemUTC(), (source, c) -> {
            Tags tags = Tags.of("source", source);
            counter(registry, "received", tags, c, SourceStats.Counters::received);
            counter(registry, "accepted", tags, c, SourceStats.Counters::accepted);
            counter(registry, "duplicate", tags, c, SourceStats.Counters::duplicate);
            counter(registry, "rejected", tags, c, SourceStats.Counters::rejected);
            counter(registry, "flagged", tags, c, SourceStats.Counters::flagged);
            FunctionCounter.builder("pilotage.ingestion.auth.failures", c, SourceStats.Counters::authFailures)
                    .tags(tags).register(registry);
            FunctionCounter.builder("pilotage.ingestion.rate.limited", c, SourceStats.Counters::rateLimited)
                    .tags(tags).register(registry);
            Gauge.builder("pilotage.ingestion.last.event", c, x -> {
                Instant at = x.lastEventAt();
                return at == null ? Double.NaN : at.getEpochSecond();
            }).tags(tags).baseUnit("seconds").register(registry);
            Gauge.builder("pilotage.ingestion.source.silent", sources,
                    r -> r.find(source).map(def -> self[0].silent(def) ? 1.0 : 0.0).orElse(0.0))
                    .tags(tags).register(registry);
        }) {
            @Override
            public void publishLatency(long nanos) {
                publish.record(nanos, TimeUnit.NANOSECONDS);
            }
        };
        return self[0];
    }

    private static void counter(MeterRegistry registry, String outcome, Tags tags, SourceStats.Counters c,
                                java.util.function.ToDoubleFunction<SourceStats.Counters> f) {
        FunctionCounter.builder("pilotage.ingestion.events", c, f).tags(tags.and("outcome", outcome)).register(registry);
    }
}
