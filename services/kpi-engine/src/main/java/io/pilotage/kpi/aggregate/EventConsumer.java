package io.pilotage.kpi.aggregate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pilotage.contracts.CanonicalEvent;
import io.pilotage.contracts.JsonCodec;
import io.pilotage.kpi.catalogue.CountKpi;
import io.pilotage.kpi.catalogue.KpiCatalogue;
import io.pilotage.kpi.period.PeriodCalendar;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.io.UncheckedIOException;
import java.util.List;

/**
 * Applies canonical events from {@code pilotage.events.v1} to the daily aggregates. The Kafka
 * offset is committed only after the transaction that applied the event (and recorded its id)
 * has committed, so a redelivered event is recognised and never counted twice.
 */
@ApplicationScoped
public class EventConsumer {

    private final DailyCountRepository counts;
    private final KpiCatalogue catalogue;
    private final PeriodCalendar calendar;
    private final Counter applied;
    private final Counter duplicates;
    private final Counter undecodable;

    public EventConsumer(DailyCountRepository counts, KpiCatalogue catalogue, PeriodCalendar calendar,
                         MeterRegistry registry) {
        this.counts = counts;
        this.catalogue = catalogue;
        this.calendar = calendar;
        this.applied = registry.counter("pilotage_kpi_events", "outcome", "applied");
        this.duplicates = registry.counter("pilotage_kpi_events", "outcome", "duplicate");
        this.undecodable = registry.counter("pilotage_kpi_events", "outcome", "undecodable");
    }

    @Incoming("events-in")
    public Uni<Void> consume(Message<byte[]> message) {
        CanonicalEvent event;
        try {
            event = JsonCodec.decode(message.getPayload(), CanonicalEvent.class);
        } catch (UncheckedIOException | IllegalArgumentException e) {
            // Ingestion validates before publishing, so this is a producer bug: count it and say where.
            undecodable.increment();
            message.getMetadata(IncomingKafkaRecordMetadata.class).ifPresent(m -> Log.errorf(
                    "skipping undecodable record %s-%d@%d: %s", m.getTopic(), m.getPartition(), m.getOffset(),
                    e.getMessage()));
            return Uni.createFrom().completionStage(message.ack());
        }
        List<String> kpis = catalogue.countedBy(event.project(), event.type()).stream().map(CountKpi::key).toList();
        return Panache.withTransaction(() -> counts.applyOnce(event.source(), event.id(),
                        calendar.dayOf(event.occurredAt()), kpis))
                .invoke(wasApplied -> (wasApplied ? applied : duplicates).increment())
                .chain(ignored -> Uni.createFrom().completionStage(message.ack()));
    }
}
