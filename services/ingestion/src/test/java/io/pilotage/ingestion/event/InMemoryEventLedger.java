package io.pilotage.ingestion.event;

import io.pilotage.ingestion.dedupe.EventLedger;
import io.pilotage.ingestion.dedupe.EventRef;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The ledger's contract in memory, for unit tests of the intake (the PostgreSQL one is tested against PostgreSQL). */
final class InMemoryEventLedger implements EventLedger {

    /** Each claimed pair and the ticket holding it. */
    final Map<EventRef, Long> claimed = new ConcurrentHashMap<>();
    final Set<EventRef> confirmed = ConcurrentHashMap.newKeySet();
    private final AtomicLong tickets = new AtomicLong();

    @Override
    public CompletionStage<Claim> claim(Collection<EventRef> refs) {
        long ticket = tickets.incrementAndGet();
        Set<EventRef> owned = new HashSet<>();
        for (EventRef r : refs) {
            if (claimed.putIfAbsent(r, ticket) == null) {
                owned.add(r);
            }
        }
        return CompletableFuture.completedFuture(new Claim(owned, ticket));
    }

    @Override
    public CompletionStage<Void> confirm(Claim claim) {
        claimed.forEach((ref, ticket) -> {
            if (ticket == claim.ticket()) {
                confirmed.add(ref);
            }
        });
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> release(Claim claim, Collection<EventRef> refs) {
        refs.stream().filter(r -> !confirmed.contains(r)).forEach(r -> claimed.remove(r, claim.ticket()));
        return CompletableFuture.completedFuture(null);
    }
}
