package io.pilotage.kpi.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pilotage.contracts.Granularity;
import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.KpiValue;
import io.pilotage.contracts.KpiValue.Period;
import io.pilotage.contracts.Topics;
import io.pilotage.kpi.compute.KpiCalculator;
import io.pilotage.kpi.compute.ValueReader;
import io.pilotage.kpi.definition.CompiledKpi;
import io.pilotage.kpi.definition.KpiRegistry;
import io.pilotage.kpi.kafka.Producer;
import io.pilotage.kpi.period.PeriodCalendar;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes KPI values on {@code pilotage.kpi-values.v1} (key {@code project/kpi}): after applied
 * batches, each value that covers a touched day is recomputed and re-published, for the day
 * granularity and for the KPI's frequency (a rolling window covers a day for the N periods ending
 * on it); periods that have not started yet are skipped.
 * <p>
 * The days touched by the consumer are coalesced per KPI ({@link TouchedDays}) and published by one
 * thread of its own, at most {@code pilotage.kpi.publish-interval} after the first of them: under
 * load, one recomputation per KPI and period covers many batches, and neither the consumer nor an
 * event loop ever waits for a publication.
 * <p>
 * A value counts as published once Kafka acknowledged it ({@code acks=all}). When PostgreSQL or
 * Kafka fails, the KPI's days go back in the queue and are retried, waiting twice as long each time
 * (up to 5 s), so an outage delays values but never loses them (counted as
 * {@code pilotage_kpi_values_publish_failures}).
 */
@ApplicationScoped
public class ValuePublisher {

    private final KpiRegistry registry;
    private final ValueReader reader;
    private final PeriodCalendar calendar;
    private final Producer producer;
    private final javax.sql.DataSource db;
    private final io.pilotage.kpi.store.StoredValues stored;
    private final Counter published;
    private final MeterRegistry metrics;
    private final Clock clock = Clock.systemUTC();
    private final TouchedDays pending = new TouchedDays();
    /** Longest wait between two attempts while publication keeps failing. */
    private static final long MAX_RETRY_DELAY_MILLIS = 5_000;
    private static final long ACK_TIMEOUT_SECONDS = 30;
    private final long intervalMillis;
    private volatile Thread worker;

    public ValuePublisher(KpiRegistry registry, ValueReader reader, PeriodCalendar calendar, Producer producer, MeterRegistry metrics,
                          javax.sql.DataSource db, io.pilotage.kpi.store.StoredValues stored,
                          @ConfigProperty(name = "pilotage.kpi.publish-interval", defaultValue = "100ms") Duration interval) {
        this.intervalMillis = interval.toMillis();
        this.db = db;
        this.stored = stored;
        this.registry = registry;
        this.reader = reader;
        this.calendar = calendar;
        this.producer = producer;
        this.published = metrics.counter("pilotage_kpi_values_published");
        this.metrics = metrics;
    }

    /** The granularities a KPI's values are published at: day, and its frequency. */
    public static Set<Granularity> granularities(CompiledKpi k) {
        Set<Granularity> g = new TreeSet<>(Set.of(Granularity.DAY));
        if (k.definition().frequency() != null) {
            try {
                g.add(Granularity.parse(k.definition().frequency()));
            } catch (IllegalArgumentException ignored) {
                // an unknown frequency publishes daily values only
            }
        }
        return g;
    }

    /** Every period (of the given granularities) whose value covers one of the days, started by {@code today}. */
    public static List<Period> periodsCovering(CompiledKpi k, Set<Granularity> granularities, Set<LocalDate> days, LocalDate today) {
        Set<Period> periods = new TreeSet<>(Comparator.comparing(Period::granularity).thenComparing(Period::start));
        int reach = Math.max(1, k.rollingDays());
        for (LocalDate d : days) {
            for (int i = 0; i < reach; i++) {
                LocalDate end = d.plusDays(i);
                if (end.isAfter(today)) {
                    break;
                }
                for (Granularity g : granularities) {
                    periods.add(PeriodCalendar.periodContaining(g, end));
                }
            }
        }
        return List.copyOf(periods);
    }

    /**
     * Queues the values covering these days (per KPI key) for publication within the publish
     * interval; returns at once.
     */
    public void publishTouched(Map<String, Set<LocalDate>> touched) {
        if (touched.isEmpty()) {
            return;
        }
        startWorker();
        pending.add(touched);
    }

    private void startWorker() {
        if (worker == null) {
            synchronized (this) {
                if (worker == null) {
                    worker = Thread.ofPlatform().name("kpi-value-publisher").daemon().start(this::publishLoop);
                }
            }
        }
    }

    private void publishLoop() {
        long delay = intervalMillis;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                pending.awaitAny();
                Thread.sleep(delay); // let more batches touch the same KPIs and days (longer after a failure)
                Map<String, Set<LocalDate>> failedDays = publishNow(pending.drain());
                if (failedDays.isEmpty()) {
                    delay = intervalMillis;
                } else {
                    // retried with the days touched meanwhile; nothing is dropped while Kafka or PostgreSQL is away
                    pending.add(failedDays);
                    delay = Math.min(Math.max(delay * 2, intervalMillis), MAX_RETRY_DELAY_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                Log.warnf("value publication failed: %s", e.getMessage());
            }
        }
    }

    /** Publishes the values covering the touched days; answers the KPIs and days that could not be published. */
    private Map<String, Set<LocalDate>> publishNow(Map<String, Set<LocalDate>> touched) {
        LocalDate today = calendar.dayOf(clock.instant());
        Map<String, Set<LocalDate>> failedDays = new HashMap<>();
        List<Sent> sent = new ArrayList<>();
        touched.forEach((key, days) -> registry.find(key).ifPresent(k -> {
            List<Future<RecordMetadata>> acks = send(k, periodsCovering(k, granularities(k), days, today));
            if (acks == null) {
                failedDays.put(key, days);
            } else {
                sent.add(new Sent(key, days, acks));
            }
        }));
        // every record sent before any acknowledgement is awaited, so one round is one producer batch
        for (Sent s : sent) {
            if (!acknowledged(s.key(), s.acks())) {
                failedDays.put(s.key(), s.days());
            }
        }
        return failedDays;
    }

    /** Counts a failed publication, per project ({@code pilotage_kpi_values_publish_failures_total{project}}). */
    private void failure(String key) {
        String project = registry.find(key).map(CompiledKpi::project).orElse("unknown");
        metrics.counter("pilotage_kpi_values_publish_failures", "project", project).increment();
    }

    private record Sent(String key, Set<LocalDate> days, List<Future<RecordMetadata>> acks) {
    }

    private boolean acknowledged(String key, List<Future<RecordMetadata>> acks) {
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
            published.increment(acks.size());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            failure(key);
            Log.warnf("values of %s not acknowledged by Kafka, retried: %s", key, e.getMessage());
            return false;
        }
    }

    /** Publishes what is still queued (best effort: values are derived data) and stops the publishing thread. */
    void stop(@Observes ShutdownEvent ignored) {
        Thread w = worker;
        if (w != null) {
            w.interrupt();
            try {
                w.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Map<String, Set<LocalDate>> failedDays = publishNow(pending.drain());
        if (!failedDays.isEmpty()) {
            Log.warnf("values of %d KPIs not published at shutdown (derived data: a recompute or the next event restores them)",
                    failedDays.size());
        }
    }

    /**
     * Re-publishes a KPI's current values and the ones just closed (today and yesterday, the current
     * and the previous period of its frequency), e.g. after its target or thresholds changed: queued
     * for the publishing thread like the days the consumer touches.
     */
    public void publishCurrent(CompiledKpi k) {
        LocalDate today = calendar.dayOf(clock.instant());
        Set<LocalDate> days = new TreeSet<>(Set.of(today, today.minusDays(1)));
        for (Granularity g : granularities(k)) {
            days.add(PeriodCalendar.periodContaining(g, today).start().minusDays(1));
        }
        publishTouched(Map.of(k.key(), days));   // by the publishing thread, retried like any other
    }

    /** Stores and sends the values; the acknowledgements to wait for, or null when they could not be sent. */
    private List<Future<RecordMetadata>> send(CompiledKpi k, List<Period> periods) {
        if (periods.isEmpty()) {
            return List.of();
        }
        try {
            Instant now = clock.instant();
            List<KpiCalculator.Computed> values = reader.values(k, periods, now);
            try (java.sql.Connection c = db.getConnection()) {
                stored.upsert(c, values);
            }
            List<Future<RecordMetadata>> acks = new ArrayList<>(values.size());
            for (KpiCalculator.Computed c : values) {
                KpiValue v = c.value();
                acks.add(producer.send(Topics.KPI_VALUES, Topics.kpiKey(v.project(), v.kpi()), JsonCodec.encode(v)));
            }
            return acks;
        } catch (RuntimeException | java.sql.SQLException e) {
            failure(k.key());
            Log.warnf("cannot publish values of %s, retried: %s", k.key(), e.getMessage());
            return null;
        }
    }
}
