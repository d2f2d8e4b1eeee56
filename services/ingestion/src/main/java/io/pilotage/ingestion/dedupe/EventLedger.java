package io.pilotage.ingestion.dedupe;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Remembers which {@code (source, id)} pairs were already accepted, so each is published once
 * within the deduplication window.
 * <ol>
 *   <li>{@link #claim} reserves the pairs not seen yet (atomically: of two concurrent claims of the
 *       same pair, one wins) and answers which ones this caller now owns, under one ticket;</li>
 *   <li>after the broker acknowledged them, {@link #confirm} marks every pair the ticket still holds
 *       as published, at once;</li>
 *   <li>pairs that will not be published (publication failed, or the event was refused after its
 *       claim) are given back with {@link #release}, so a retry is accepted.</li>
 * </ol>
 * A claim left unconfirmed (the process died between claim and ack) expires after a short lease and
 * can be claimed again, so a crash never turns a retried event into a false duplicate.
 */
public interface EventLedger {

    /** What a {@link #claim} won: the pairs now owned, and the ticket that confirms or releases them. */
    record Claim(Set<EventRef> owned, long ticket) {
        /** No claim: no ticket, nothing to confirm or release. */
        public static final Claim NOTHING = new Claim(Set.of(), -1);

        /**
         * A claim by its ticket alone, without the set of its pairs (a node per pair): enough to
         * {@link #confirm} or {@link #release}, once the caller has looked at what it owns.
         */
        public static Claim ofTicket(long ticket) {
            return new Claim(Set.of(), ticket);
        }
    }

    CompletionStage<Claim> claim(Collection<EventRef> refs);

    /** Marks the pairs {@code claim}'s ticket still holds as published (nothing for a claim without a ticket). */
    CompletionStage<Void> confirm(Claim claim);

    /** Frees {@code refs}, pairs of {@code claim} (a pair since claimed by someone else is left alone). */
    CompletionStage<Void> release(Claim claim, Collection<EventRef> refs);
}
