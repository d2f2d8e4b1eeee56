package io.pilotage.ingestion.supervision;

import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.SourceStatus;
import io.pilotage.contracts.Topics;
import io.pilotage.ingestion.source.SourceRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Publishes each registered source's {@link SourceStatus} on {@link Topics#SOURCE_STATUS} (compacted,
 * key {@code <source>/<instance>}) every {@code pilotage.ingestion.source-status.interval} and once
 * more on shutdown. The instance id is unique per process start, so consumers sum the latest
 * record of every instance, or take deltas per key. A failed send is logged and retried at the
 * next tick (the next record carries the cumulative counters anyway).
 */
@ApplicationScoped
public class SourceStatusPublisher {

    private final SourceStats stats;
    private final SourceRegistry sources;
    private final MutinyEmitter<byte[]> emitter;
    private final String instance = UUID.randomUUID().toString();

    public SourceStatusPublisher(SourceStats stats, SourceRegistry sources,
                                 @Channel("source-status-out") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
                                 MutinyEmitter<byte[]> emitter) {
        this.stats = stats;
        this.sources = sources;
        this.emitter = emitter;
    }

    public String instance() {
        return instance;
    }

    @Scheduled(every = "${pilotage.ingestion.source-status.interval:30s}", delayed = "${pilotage.ingestion.source-status.interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        publishAll().subscribe().with(x -> { }, err -> Log.warnf("could not publish source status: %s", err.getMessage()));
    }

    void onStop(@Observes @Priority(1) ShutdownEvent ev) {
        try {
            publishAll().await().atMost(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            Log.warnf("could not publish the last source status: %s", e.getMessage());
        }
    }

    Uni<Void> publishAll() {
        List<SourceStatus> all = stats.statuses(List.copyOf(sources.all()), instance);
        if (all.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(all.stream().map(this::send).toList()).andCollectFailures()
                .replaceWithVoid();
    }

    private Uni<Void> send(SourceStatus status) {
        return emitter.sendMessage(Message.of(JsonCodec.encode(status))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(status.key()).build()));
    }
}
