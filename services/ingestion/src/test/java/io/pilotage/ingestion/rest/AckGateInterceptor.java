package io.pilotage.ingestion.rest;

import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A producer interceptor that holds the broker's acknowledgement while a test keeps the gate
 * closed: {@code onAcknowledgement} runs before the producer completes the send, so while it waits
 * no caller can have been told "acknowledged".
 */
public class AckGateInterceptor implements ProducerInterceptor<Object, Object> {

    static volatile CountDownLatch gate;
    static final AtomicBoolean ackArrived = new AtomicBoolean();

    @Override
    public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
        return record;
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
        CountDownLatch g = gate;
        if (g != null && exception == null) {
            ackArrived.set(true);
            try {
                g.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
