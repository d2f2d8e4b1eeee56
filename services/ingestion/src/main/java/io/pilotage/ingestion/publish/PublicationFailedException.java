package io.pilotage.ingestion.publish;

/** Kafka did not acknowledge an event (broker unreachable, topic missing, timeout). */
public class PublicationFailedException extends RuntimeException {

    public PublicationFailedException(Throwable cause) {
        super("Kafka did not acknowledge the event: " + cause.getMessage(), cause);
    }
}
