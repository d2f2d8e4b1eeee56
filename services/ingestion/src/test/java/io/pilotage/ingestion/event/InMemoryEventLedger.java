package io.pilotage.ingestion.event;

import io.pilotage.ingestion.dedupe.EventLedger;
import io.pilotage.ingestion.dedupe.EventRef;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** The ledger's contract in memory, for unit tests of the intake (the PostgreSQL one is tested against PostgreSQL). */
final class InMemoryEventLedger implements EventLedger {

    final Set<EventRef> claimed = ConcurrentHashMap.newKeySet();
    final Set<EventRef> confirmed = ConcurrentHashMap.newKeySet();

    @Override
    public CompletionStage<Set<EventRef>> claim(Collection<EventRef> refs) {
        Set<EventRef> owned = new HashSet<>();
        for (EventRef r : refs) {
            if (claimed.add(r)) {
                owned.add(r);
            }
        }
        return CompletableFuture.completedFuture(owned);
    }

    @Override
    public CompletionStage<Void> confirm(Collection<EventRef> refs) {
        confirmed.addAll(refs);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> release(Collection<EventRef> refs) {
        refs.stream().filter(r -> !confirmed.contains(r)).forEach(claimed::remove);
        return CompletableFuture.completedFuture(null);
    }
}
