package io.pilotage.ingestion.event;

import io.pilotage.contracts.CanonicalEvent;
import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.Topics;

/**
 * A canonical event as it goes to the broker: its record key ({@link Topics#eventKey}) and its JSON.
 * The intake encodes each event as soon as it is checked and keeps only this while the ledger answers,
 * two arrays instead of the event's few dozen small objects, which every young collection that ran
 * meanwhile had to copy (at 100 000 events/s, the events in flight were most of what each collection
 * copied, and most of its pause); nothing holds it once the producer has taken it.
 */
public record EncodedEvent(String key, byte[] json) {

    public static EncodedEvent of(CanonicalEvent event) {
        return of(event, false);
    }

    /**
     * {@code knownPlain}: every string of the event is known to be plain text (read from a plain item,
     * {@link EventBodyReader.Item#plain}, and changed since only by pseudonyms), so it is written without
     * checking its strings again ({@link JsonCodec#encodeKnownPlain}).
     */
    public static EncodedEvent of(CanonicalEvent event, boolean knownPlain) {
        return new EncodedEvent(Topics.eventKey(event),
                knownPlain ? JsonCodec.encodeKnownPlain(event) : JsonCodec.encode(event));
    }

    /** The event back (tests, and publishers that take events one by one). */
    public CanonicalEvent decode() {
        return JsonCodec.decode(json, CanonicalEvent.class);
    }
}
