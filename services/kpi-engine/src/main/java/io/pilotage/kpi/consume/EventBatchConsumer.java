package io.pilotage.kpi.consume;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pilotage.contracts.CanonicalEvent;
import io.pilotage.contracts.JsonCodec;
import io.pilotage.kpi.deadletter.DeadLetters;
import io.pilotage.kpi.definition.CompiledKpi;
import io.pilotage.kpi.definition.DefinitionsListener;
import io.pilotage.kpi.definition.KpiRegistry;
import io.pilotage.kpi.publish.ValuePublisher;
import io.pilotage.kpi.store.DayStates;
import io.pilotage.kpi.store.StateUpdater;
import io.pilotage.kpi.store.StoredEvents;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * Applies batches of canonical events from {@code pilotage.events.v1} to the day states, many
 * records per transaction:
 * <ol>
 *   <li>records that cannot be decoded or stored go to the dead-letter topic (reason, partition,
 *       offset) and the batch goes on;</li>
 *   <li>the rest are stored as raw events (the primary key drops those already applied) and the
 *       new ones are added to the states of the KPIs they concern, in one transaction;</li>
 *   <li>a transient failure (database unreachable, lock timeout...) retries the whole batch with
 *       exponential backoff, skipping nothing; a permanent one splits the batch to find and
 *       dead-letter the records that cause it;</li>
 *   <li>only after the commit is the batch acknowledged (offsets committed), then the values
 *       covering the touched days are queued for re-publication ({@link ValuePublisher}).</li>
 * </ol>
 * A redelivered record is therefore never applied twice, and no record can halt the consumer.
 */
@ApplicationScoped
public class EventBatchConsumer {

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final DataSource db;
    private final StoredEvents events;
    private final StateUpdater updater;
    private final KpiRegistry registry;
    private final DefinitionsListener definitions;
    private final DeadLetters deadLetters;
    private final ValuePublisher publisher;
    private final Counter applied;
    private final Counter duplicates;
    private final Counter retries;

    public EventBatchConsumer(DataSource db, StoredEvents events, StateUpdater updater, KpiRegistry registry,
                              DefinitionsListener definitions, DeadLetters deadLetters, ValuePublisher publisher,
                              MeterRegistry metrics) {
        this.db = db;
        this.events = events;
        this.updater = updater;
        this.registry = registry;
        this.definitions = definitions;
        this.deadLetters = deadLetters;
        this.publisher = publisher;
        this.applied = metrics.counter("pilotage_kpi_events", "outcome", "applied");
        this.duplicates = metrics.counter("pilotage_kpi_events", "outcome", "duplicate");
        this.retries = metrics.counter("pilotage_kpi_retries");
    }

    /** A decoded record with where it came from. */
    record Item(KafkaRecord<String, byte[]> record, CanonicalEvent event) {
    }

    @Incoming("events-in")
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, byte[]> batch) throws InterruptedException {
        definitions.awaitCaughtUp();
        List<Item> items = new ArrayList<>();
        for (KafkaRecord<String, byte[]> r : batch) {
            CanonicalEvent e;
            String problem;
            try {
                e = JsonCodec.decode(r.getPayload(), CanonicalEvent.class);
                problem = EventValidation.problem(e);
            } catch (RuntimeException ex) {
                e = null;
                problem = "cannot decode a canonical event: " + firstLine(ex);
            }
            if (problem != null) {
                deadLetter(r, e == null ? "undecodable" : "invalid", problem);
            } else {
                items.add(new Item(r, e));
            }
        }
        Map<String, Set<LocalDate>> touched = new HashMap<>();
        applyAll(items, touched);
        return batch.ack().thenRun(() -> publisher.publishTouched(touched));
    }

    /** Applies the items in one transaction, retrying transient failures, isolating permanent ones. */
    private void applyAll(List<Item> items, Map<String, Set<LocalDate>> touched) throws InterruptedException {
        if (items.isEmpty()) {
            return;
        }
        long backoff = 100;
        while (true) {
            try {
                merge(touched, applyOnce(items));
                return;
            } catch (SQLException | RuntimeException e) {
                if (Failures.transientFailure(e)) {
                    retries.increment();
                    Log.warnf("transient failure applying %d events, retrying in %d ms: %s", items.size(), backoff, firstLine(e));
                    Thread.sleep(backoff);
                    backoff = Math.min(backoff * 2, MAX_BACKOFF.toMillis());
                    continue;
                }
                if (items.size() == 1) {
                    deadLetter(items.getFirst().record(), "unstorable", firstLine(e));
                    return;
                }
                int half = items.size() / 2;
                applyAll(items.subList(0, half), touched);
                applyAll(items.subList(half, items.size()), touched);
                return;
            }
        }
    }

    private Map<String, Set<LocalDate>> applyOnce(List<Item> items) throws SQLException {
        List<CanonicalEvent> batch = items.stream().map(Item::event).toList();
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                DayStates.enterConsumerSection(c);
                Map<String, List<CompiledKpi>> kpis = registry.all().stream().collect(Collectors.groupingBy(CompiledKpi::project));
                Set<YearMonth> months = events.ensurePartitions(c, batch.stream().map(events::dayOf).collect(Collectors.toSet()));
                List<CanonicalEvent> fresh = events.insertNew(c, batch);
                Map<String, Set<LocalDate>> touched = updater.add(c, fresh, kpis);
                c.commit();
                events.committed(months);
                applied.increment(fresh.size());
                duplicates.increment(batch.size() - fresh.size());
                return touched;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the connection is gone; the transaction is gone with it
                }
                throw e;
            }
        }
    }

    private void deadLetter(KafkaRecord<String, byte[]> r, String category, String reason) throws InterruptedException {
        long backoff = 100;
        while (true) {
            try {
                deadLetters.record(r.getTopic(), r.getPartition(), offset(r), r.getKey(), category, reason, r.getPayload());
                return;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                retries.increment();
                Log.warnf("cannot dead-letter %s-%d@%d yet, retrying in %d ms: %s", r.getTopic(), r.getPartition(), offset(r),
                        backoff, firstLine(e));
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF.toMillis());
            }
        }
    }

    private static long offset(KafkaRecord<String, byte[]> r) {
        return r.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getOffset).orElse(-1L);
    }

    private static void merge(Map<String, Set<LocalDate>> into, Map<String, Set<LocalDate>> more) {
        more.forEach((k, v) -> into.computeIfAbsent(k, x -> new java.util.TreeSet<>()).addAll(v));
    }

    static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
