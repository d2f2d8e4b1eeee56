package io.pilotage.ingestion.publish;

import io.pilotage.contracts.CanonicalEvent;
import io.pilotage.contracts.Topics;
import io.pilotage.ingestion.event.EncodedEvent;
import io.pilotage.ingestion.event.EventPublisher;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaProducer;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Publishes canonical events to {@link Topics#EVENTS}, keyed by {@link Topics#eventKey}
 * ({@code project/entity}, else {@code project/subject}, else {@code project/id}), with the
 * producer of the channel {@code events-out} ({@code acks=all}, idempotent: see
 * {@code mp.messaging.outgoing.events-out.*}). A stage completes when the broker has acknowledged
 * every record, and fails if any could not be.
 *
 * <p>Every publication, one event or a request's ({@link #publishAll}), is handed to the producer
 * in one go and sent back to back, each with its own acknowledgement callback: the per-message work
 * of the reactive-messaging emitter (a message, its metadata, a hop to the sending thread per
 * record) was the larger part of the batch path's publishing cost. It is sent on the caller's
 * thread when {@link DirectSend} allows it (the producer cannot block then), else on the
 * producer's sending thread. The producer's own buffer and
 * {@code max.block.ms} turn an overloaded or absent broker into failed sends (503), never into a
 * silent drop.
 */
@ApplicationScoped
public class KafkaEventPublisher implements EventPublisher {

    static final String CHANNEL = "events-out";

    private final KafkaClientService clients;
    private final String topic;
    private volatile KafkaProducer<String, byte[]> producer;
    private volatile Metric bufferAvailable;
    private final DirectSend direct = new DirectSend();

    /**
     * @param emitter not used to send: injecting it is what makes reactive messaging create the
     *                channel's producer ({@code mp.messaging.outgoing.events-out.*}), taken from {@code clients}
     */
    public KafkaEventPublisher(@Channel(CHANNEL) MutinyEmitter<byte[]> emitter,
                               KafkaClientService clients,
                               @ConfigProperty(name = "mp.messaging.outgoing.events-out.topic") String topic) {
        this.clients = clients;
        this.topic = topic;
    }

    @Override
    public CompletionStage<Void> publish(CanonicalEvent event) {
        return publishAll(List.of(EncodedEvent.of(event)));
    }

    @Override
    public CompletionStage<Void> publishAll(List<EncodedEvent> events) {
        if (events.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(events.size());
        for (EncodedEvent e : events) {
            records.add(new ProducerRecord<>(topic, e.key(), e.json()));
        }
        Acks acks = new Acks(records.size());
        KafkaProducer<String, byte[]> channel = producer();
        Producer<String, byte[]> raw = channel.unwrap();
        if (direct.recentlyAcked(System.nanoTime()) && direct.fits(bytes(records), freeBuffer(raw))) {
            send(raw, records, acks);
        } else {
            Consumer<Producer<String, byte[]>> sendAll = p -> send(p, records, acks);
            channel.runOnSendingThread(sendAll).subscribe().with(
                    done -> { }, failure -> acks.fail(failure));
        }
        return acks.acknowledged;
    }

    /**
     * The acknowledgement of one call's records, and the callback of each of them: one object per
     * call rather than one per record, since every record waiting for the broker is copied by each
     * young collection that runs meanwhile.
     */
    private final class Acks implements Callback {
        final CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        private final AtomicInteger pending;

        Acks(int records) {
            pending = new AtomicInteger(records);
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception failure) {
            if (failure != null) {
                fail(failure);
            } else if (pending.decrementAndGet() == 0) {
                direct.acked(System.nanoTime());
                acknowledged.complete(null);
            }
        }

        void fail(Throwable failure) {
            acknowledged.completeExceptionally(new PublicationFailedException(failure));
        }
    }

    /** Sends every record back to back, each with the call's acknowledgement callback. */
    private void send(Producer<String, byte[]> p, List<ProducerRecord<String, byte[]>> records, Acks acks) {
        for (ProducerRecord<String, byte[]> r : records) {
            try {
                p.send(r, acks);
            } catch (RuntimeException failure) {
                // buffer full past max.block.ms, producer closed: the request fails, nothing is reported accepted
                acks.fail(failure);
                return;
            }
        }
    }

    /** An upper bound of the records' size in the producer's buffer (a key's UTF-8 at most 3 bytes a char). */
    private static long bytes(List<ProducerRecord<String, byte[]>> records) {
        long bytes = 0;
        for (ProducerRecord<String, byte[]> r : records) {
            bytes += r.value().length + (r.key() == null ? 0 : r.key().length() * 3L);
        }
        return bytes;
    }

    /** The producer's free buffer ({@code buffer-available-bytes}), 0 when unknown (then never direct). */
    private double freeBuffer(Producer<String, byte[]> raw) {
        Metric metric = bufferAvailable;
        if (metric == null) {
            for (Map.Entry<MetricName, ? extends Metric> m : raw.metrics().entrySet()) {
                if (m.getKey().name().equals("buffer-available-bytes") && m.getKey().group().equals("producer-metrics")) {
                    metric = m.getValue();
                    bufferAvailable = metric;
                    break;
                }
            }
            if (metric == null) {
                return 0;
            }
        }
        return metric.metricValue() instanceof Number n ? n.doubleValue() : 0;
    }

    private KafkaProducer<String, byte[]> producer() {
        KafkaProducer<String, byte[]> p = producer;
        if (p == null) {
            p = clients.getProducer(CHANNEL);
            if (p == null) {
                throw new PublicationFailedException(new IllegalStateException("no Kafka producer for channel " + CHANNEL));
            }
            producer = p;
        }
        return p;
    }
}
