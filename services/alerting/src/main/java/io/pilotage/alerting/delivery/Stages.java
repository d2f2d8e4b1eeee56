package io.pilotage.alerting.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;

/**
 * Where the milliseconds of a notification go, as the timer {@code pilotage_alerting_stage_seconds}
 * (p50, p99 and max on {@code /q/metrics}) with the tag {@code stage}:
 * <ul>
 *   <li>{@code kafka}: the KPI value's record timestamp → its evaluation starts (producer, broker, fetch);</li>
 *   <li>{@code evaluate}: evaluation start → the transaction that wrote the notification log committed
 *       (values that planned a notification only);</li>
 *   <li>{@code queued}: the notification's creation (evaluation start) → its request leaves, claimed
 *       {@code sending} (includes {@code evaluate} and the group wait);</li>
 *   <li>{@code delivery}: the request leaves → the channel answered.</li>
 * </ul>
 */
@ApplicationScoped
public class Stages {

    private final Timer kafka;
    private final Timer evaluate;
    private final Timer queued;
    private final Timer delivery;

    public Stages(MeterRegistry registry) {
        this.kafka = timer(registry, "kafka");
        this.evaluate = timer(registry, "evaluate");
        this.queued = timer(registry, "queued");
        this.delivery = timer(registry, "delivery");
    }

    private static Timer timer(MeterRegistry registry, String stage) {
        return Timer.builder("pilotage_alerting_stage").tag("stage", stage)
                .description("latency of one stage of the path KPI value -> notification delivered")
                .publishPercentiles(0.5, 0.99).distributionStatisticExpiry(Duration.ofMinutes(10))
                .distributionStatisticBufferLength(2).register(registry);
    }

    public void kafka(long recordTimestampMillis, Instant start) {
        if (recordTimestampMillis > 0) {
            kafka.record(Math.max(0, start.toEpochMilli() - recordTimestampMillis), java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    public void evaluated(Instant start) {
        evaluate.record(Duration.between(start, Instant.now()));
    }

    public void queued(Instant created) {
        if (created != null) {
            queued.record(Duration.between(created, Instant.now()));
        }
    }

    public void delivered(double latencyMs) {
        delivery.record((long) (latencyMs * 1_000_000), java.util.concurrent.TimeUnit.NANOSECONDS);
    }
}
