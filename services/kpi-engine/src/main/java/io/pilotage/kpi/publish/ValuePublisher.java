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
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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
    private final Counter failed;
    private final Clock clock = Clock.systemUTC();
    private final TouchedDays pending = new TouchedDays();
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
        this.failed = metrics.counter("pilotage_kpi_values_publish_failures");
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
        while (!Thread.currentThread().isInterrupted()) {
            try {
                pending.awaitAny();
                Thread.sleep(intervalMillis); // let more batches touch the same KPIs and days
                publishNow(pending.drain());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                Log.warnf("value publication failed: %s", e.getMessage());
            }
        }
    }

    private void publishNow(Map<String, Set<LocalDate>> touched) {
        LocalDate today = calendar.dayOf(clock.instant());
        touched.forEach((key, days) -> registry.find(key).ifPresent(k ->
                publish(k, periodsCovering(k, granularities(k), days, today))));
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
        publishNow(pending.drain());
    }

    /**
     * Re-publishes a KPI's current values and the ones just closed (today and yesterday, the current
     * and the previous period of its frequency), e.g. after its target or thresholds changed.
     */
    public void publishCurrent(CompiledKpi k) {
        LocalDate today = calendar.dayOf(clock.instant());
        Set<LocalDate> days = new TreeSet<>(Set.of(today, today.minusDays(1)));
        for (Granularity g : granularities(k)) {
            days.add(PeriodCalendar.periodContaining(g, today).start().minusDays(1));
        }
        publish(k, periodsCovering(k, granularities(k), days, today));
    }

    public void publish(CompiledKpi k, List<Period> periods) {
        if (periods.isEmpty()) {
            return;
        }
        try {
            Instant now = clock.instant();
            List<KpiCalculator.Computed> values = reader.values(k, periods, now);
            try (java.sql.Connection c = db.getConnection()) {
                stored.upsert(c, values);
            }
            for (KpiCalculator.Computed c : values) {
                KpiValue v = c.value();
                producer.send(Topics.KPI_VALUES, Topics.kpiKey(v.project(), v.kpi()), JsonCodec.encode(v));
                published.increment();
            }
        } catch (RuntimeException | java.sql.SQLException e) {
            // values are derived data: the next change, a recompute or a read shows the current value
            failed.increment();
            Log.warnf("cannot publish values of %s: %s", k.key(), e.getMessage());
        }
    }
}
