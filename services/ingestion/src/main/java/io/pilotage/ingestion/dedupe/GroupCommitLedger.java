package io.pilotage.ingestion.dedupe;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An {@link EventLedger} that groups the claims and confirmations of concurrent requests into one
 * statement of its {@link Store} ("group commit"). A statement starts at once when fewer than
 * {@code maxInFlight} are running; otherwise the calls wait and all of them ride on the next
 * statement, so grouping adds no delay when the service is idle and saves one database round trip
 * per request under load. Confirmations need no statement of their own: they go with the next claims.
 *
 * <p>Within one statement a pair is claimed once: when two requests claim the same pair, the first
 * one owns it (if the store grants it) and the later one sees it as not owned, a duplicate, exactly
 * as if the two had been separate statements. A pair confirmed in the statement is not claimed in it
 * (it is being published, so a concurrent claim of it is a duplicate). Pairs are sent sorted, so two
 * statements always lock rows in the same order.
 *
 * <p>If a statement fails, every claim and confirmation it carried fails with the same error (the
 * requests are answered 503, the confirmations are lost, which only lets a retry through after the
 * claim lease); the next statement is independent. Plain Java: the store is the only I/O.
 */
public final class GroupCommitLedger implements EventLedger {

    /** The database side: one statement that confirms some pairs and claims others. */
    public interface Store {
        /** Marks {@code confirms} published and claims {@code claims} (distinct, sorted); answers the claims granted. */
        CompletionStage<Set<EventRef>> claimAndConfirm(List<EventRef> claims, List<EventRef> confirms);

        CompletionStage<Void> release(Collection<EventRef> refs);
    }

    static final Comparator<EventRef> ORDER = Comparator.comparing(EventRef::source).thenComparing(EventRef::id);

    private record Call(Collection<EventRef> refs, boolean confirm, CompletableFuture<Set<EventRef>> result) {
    }

    private final Store store;
    private final int maxInFlight;
    private final int maxPairs;
    private final ArrayDeque<Call> pending = new ArrayDeque<>();
    private int inFlight;
    private long statements;

    /**
     * @param maxInFlight statements running at the same time (each on its own connection)
     * @param maxPairs    pairs past which a statement takes no further call (a single larger call still goes alone)
     */
    public GroupCommitLedger(Store store, int maxInFlight, int maxPairs) {
        if (maxInFlight < 1 || maxPairs < 1) {
            throw new IllegalArgumentException("maxInFlight and maxPairs must be at least 1");
        }
        this.store = store;
        this.maxInFlight = maxInFlight;
        this.maxPairs = maxPairs;
    }

    @Override
    public CompletionStage<Set<EventRef>> claim(Collection<EventRef> refs) {
        return enqueue(new Call(refs, false, new CompletableFuture<>()));
    }

    @Override
    public CompletionStage<Void> confirm(Collection<EventRef> refs) {
        return enqueue(new Call(refs, true, new CompletableFuture<>())).thenApply(owned -> null);
    }

    @Override
    public CompletionStage<Void> release(Collection<EventRef> refs) {
        return store.release(refs);
    }

    /** Statements started so far (for metrics and tests). */
    public synchronized long statements() {
        return statements;
    }

    private CompletionStage<Set<EventRef>> enqueue(Call call) {
        if (call.refs().isEmpty()) {
            call.result().complete(Set.of());
            return call.result();
        }
        synchronized (this) {
            pending.add(call);
        }
        drain();
        return call.result();
    }

    /** Starts statements while there are calls waiting and room for them. */
    private void drain() {
        while (true) {
            List<Call> batch;
            synchronized (this) {
                if (pending.isEmpty() || inFlight >= maxInFlight) {
                    return;
                }
                batch = new ArrayList<>();
                int pairs = 0;
                while (!pending.isEmpty() && (batch.isEmpty() || pairs + pending.peek().refs().size() <= maxPairs)) {
                    Call c = pending.poll();
                    pairs += c.refs().size();
                    batch.add(c);
                }
                inFlight++;
                statements++;
            }
            execute(batch);
        }
    }

    private void execute(List<Call> batch) {
        Set<EventRef> confirms = new HashSet<>();
        for (Call c : batch) {
            if (c.confirm()) {
                confirms.addAll(c.refs());
            }
        }
        // each pair to the first call that claims it; a pair being confirmed is nobody's to claim
        Map<EventRef, Call> owners = new HashMap<>();
        for (Call c : batch) {
            if (!c.confirm()) {
                for (EventRef r : c.refs()) {
                    if (!confirms.contains(r)) {
                        owners.putIfAbsent(r, c);
                    }
                }
            }
        }
        List<EventRef> claims = new ArrayList<>(owners.keySet());
        claims.sort(ORDER);
        List<EventRef> confirmList = new ArrayList<>(confirms);
        confirmList.sort(ORDER);
        CompletionStage<Set<EventRef>> statement;
        try {
            statement = store.claimAndConfirm(claims, confirmList);
        } catch (RuntimeException e) {
            statement = CompletableFuture.failedFuture(e);
        }
        statement.whenComplete((granted, failure) -> {
            synchronized (this) {
                inFlight--;
            }
            drain();
            Map<Call, Set<EventRef>> owned = new IdentityHashMap<>();
            if (failure == null) {
                for (EventRef r : granted) {
                    Call owner = owners.get(r);
                    if (owner != null) {
                        owned.computeIfAbsent(owner, k -> new HashSet<>()).add(r);
                    }
                }
            }
            for (Call c : batch) {
                if (failure != null) {
                    c.result().completeExceptionally(failure);
                } else {
                    c.result().complete(owned.getOrDefault(c, Set.of()));
                }
            }
        });
    }
}
