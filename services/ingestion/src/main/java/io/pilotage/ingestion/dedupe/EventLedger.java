package io.pilotage.ingestion.dedupe;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Remembers which {@code (source, id)} pairs were already accepted, so each is published once
 * within the deduplication window.
 * <ol>
 *   <li>{@link #claim} reserves the pairs not seen yet (atomically: of two concurrent claims of the
 *       same pair, one wins) and answers which ones this caller now owns;</li>
 *   <li>after the broker acknowledged them, {@link #confirm} marks them published;</li>
 *   <li>if publication failed, {@link #release} frees them so a retry is accepted.</li>
 * </ol>
 * A claim left unconfirmed (the process died between claim and ack) expires after a short lease and
 * can be claimed again, so a crash never turns a retried event into a false duplicate.
 */
public interface EventLedger {

    CompletionStage<Set<EventRef>> claim(Collection<EventRef> refs);

    CompletionStage<Void> confirm(Collection<EventRef> refs);

    CompletionStage<Void> release(Collection<EventRef> refs);
}
