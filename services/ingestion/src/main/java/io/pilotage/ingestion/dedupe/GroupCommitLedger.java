package io.pilotage.ingestion.dedupe;

import java.util.ArrayDeque;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An {@link EventLedger} that groups the claims and confirmations of concurrent requests into one
 * statement of its {@link Store} ("group commit"). A statement starts at once when none is running;
 * otherwise the calls wait and all of them ride on the next statement, so grouping adds no delay
 * when the service is idle and saves one database round trip per request under load. A further
 * statement runs alongside (up to {@code maxInFlight}) only once the calls waiting claim
 * {@code parallelFromPairs} pairs or more: then the group is already large (a batch request alone
 * makes one), waiting longer would gain little grouping, and the database can use a second core
 * while the first statement runs. Small calls (one event per request) keep waiting for the running
 * statement, so they still group. Confirmations need no statement of their own: they go with the
 * next claims.
 *
 * <p>Within one statement a pair is claimed once: when two requests claim the same pair, the first
 * one owns it (if the store grants it) and the later one sees it as not owned, a duplicate, exactly
 * as if the two had been separate statements. The claim calls of a statement are numbered 0, 1, …;
 * the store answers the statement's ticket base, and call {@code k} holds ticket {@code base + k},
 * which confirms all its pairs in one go. Pairs are sent in the order of the calls that first
 * claim them; the order in which rows are locked is the store's business (the PostgreSQL store
 * sorts them by key, so concurrent statements lock rows in one order).
 *
 * <p>If a statement fails, every claim and confirmation it carried fails with the same error (the
 * requests are answered 503, the confirmations are lost, which only lets a retry through after the
 * claim lease); the next statement is independent. Plain Java: the store is the only I/O.
 */
public final class GroupCommitLedger implements EventLedger {

    /** Call numbers of one statement stay below this: a ticket is {@code base + k}, base a multiple of it. */
    public static final int CALLS_PER_STATEMENT = 65_536;

    /** The database side: one statement that confirms some tickets and claims pairs. */
    public interface Store {
        /**
         * Confirms the pairs held by {@code confirms} (tickets) and claims {@code claims} (distinct,
         * in the order of the calls), the claim at position i for the call numbered {@code callOf[i]}; answers the
         * statement's ticket base and the positions in {@code claims} of the pairs not granted.
         */
        CompletionStage<Granted> claimAndConfirm(List<EventRef> claims, int[] callOf, long[] confirms);

        /** Frees {@code refs} where they still hold {@code ticket}. */
        CompletionStage<Void> release(long ticket, Collection<EventRef> refs);
    }

    /**
     * A statement's answer: call {@code k}'s ticket is {@code ticketBase + k}; {@code refused} are
     * the positions, in the claims sent, of the pairs not granted (ascending).
     */
    public record Granted(long ticketBase, int[] refused) {
    }

    /** A claim of {@code refs} (distinct), or (refs null) the confirmation of {@code ticket}. */
    private record Call(Set<EventRef> refs, long ticket, CompletableFuture<Claim> result) {
        boolean confirm() {
            return refs == null;
        }

        int pairs() {
            return refs == null ? 0 : refs.size();
        }
    }

    private final Store store;
    private final int maxInFlight;
    private final int maxPairs;
    private final int parallelFromPairs;
    private final ArrayDeque<Call> pending = new ArrayDeque<>();
    /** The pairs the {@link #pending} calls claim. */
    private int pendingPairs;
    private int inFlight;
    private long statements;

    /** A statement starts whenever fewer than {@code maxInFlight} run and some call waits to claim. */
    public GroupCommitLedger(Store store, int maxInFlight, int maxPairs) {
        this(store, maxInFlight, maxPairs, 1);
    }

    /**
     * @param maxInFlight       statements running at the same time (each on its own connection)
     * @param maxPairs          pairs past which a statement takes no further call (a single larger call still goes alone)
     * @param parallelFromPairs pairs the waiting calls must claim for a statement to start while another runs
     */
    public GroupCommitLedger(Store store, int maxInFlight, int maxPairs, int parallelFromPairs) {
        if (maxInFlight < 1 || maxPairs < 1 || parallelFromPairs < 1) {
            throw new IllegalArgumentException("maxInFlight, maxPairs and parallelFromPairs must be at least 1");
        }
        this.store = store;
        this.maxInFlight = maxInFlight;
        this.maxPairs = maxPairs;
        this.parallelFromPairs = parallelFromPairs;
    }

    @Override
    public CompletionStage<Claim> claim(Collection<EventRef> refs) {
        if (refs.isEmpty()) {
            return CompletableFuture.completedFuture(Claim.NOTHING);
        }
        Set<EventRef> distinct = refs instanceof Set<EventRef> set ? set : new LinkedHashSet<>(refs);
        return enqueue(new Call(distinct, -1, new CompletableFuture<>()));
    }

    @Override
    public CompletionStage<Void> confirm(Claim claim) {
        if (claim.ticket() < 0) {
            return CompletableFuture.completedFuture(null);
        }
        return enqueue(new Call(null, claim.ticket(), new CompletableFuture<>())).thenApply(done -> null);
    }

    @Override
    public CompletionStage<Void> release(Claim claim, Collection<EventRef> refs) {
        if (refs.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return store.release(claim.ticket(), refs);
    }

    /** Statements started so far (for metrics and tests). */
    public synchronized long statements() {
        return statements;
    }

    private CompletionStage<Claim> enqueue(Call call) {
        synchronized (this) {
            pending.add(call);
            pendingPairs += call.pairs();
        }
        drain();
        return call.result();
    }

    /** Starts statements while there are calls waiting and room for them. */
    private void drain() {
        while (true) {
            List<Call> batch;
            int pairs = 0;
            synchronized (this) {
                if (pending.isEmpty() || inFlight >= maxInFlight || (inFlight > 0 && pendingPairs < parallelFromPairs)) {
                    return;
                }
                batch = new ArrayList<>();
                int claims = 0;
                while (!pending.isEmpty() && (batch.isEmpty()
                        || (pairs + pending.peek().pairs() <= maxPairs && claims < CALLS_PER_STATEMENT))) {
                    Call c = pending.poll();
                    pairs += c.pairs();
                    pendingPairs -= c.pairs();
                    claims += c.confirm() ? 0 : 1;
                    batch.add(c);
                }
                inFlight++;
                statements++;
            }
            execute(batch, pairs);
        }
    }

    /**
     * Runs one statement for {@code batch}, whose calls claim {@code pairs} pairs in all (counted by
     * {@link #drain}). Each call's answer names what it does not own (usually nothing) rather than
     * what it owns: a set of every pair it won, built per call, had cost more than the grouping.
     */
    private void execute(List<Call> batch, int pairs) {
        int confirmations = 0;
        for (Call c : batch) {
            confirmations += c.confirm() ? 1 : 0;
        }
        long[] confirms = new long[confirmations];
        List<Call> claimCalls = new ArrayList<>(batch.size() - confirmations);
        int n = 0;
        for (Call c : batch) {
            if (c.confirm()) {
                confirms[n++] = c.ticket();
            } else {
                claimCalls.add(c);
            }
        }
        // per call, the pairs it does not own (null: none): taken by an earlier call of the statement, or refused by the store
        List<Set<EventRef>> refusedOf = new ArrayList<>(Collections.nCopies(claimCalls.size(), null));
        List<EventRef> claims;
        int[] callOf;
        if (claimCalls.size() == 1) {
            // one call (a batch request alone): its pairs are distinct already, all its own
            claims = new ArrayList<>(claimCalls.getFirst().refs());
            callOf = new int[claims.size()];
        } else {
            // each pair to the first call that claims it
            // sized for the statement's pairs (thousands under load): grown pair by pair, it would rehash them at each doubling
            Map<EventRef, Integer> owners = LinkedHashMap.newLinkedHashMap(pairs);
            for (int k = 0; k < claimCalls.size(); k++) {
                for (EventRef r : claimCalls.get(k).refs()) {
                    if (owners.putIfAbsent(r, k) != null) {
                        refuse(refusedOf, k, r);
                    }
                }
            }
            claims = new ArrayList<>(owners.size());
            callOf = new int[owners.size()];
            for (Map.Entry<EventRef, Integer> owner : owners.entrySet()) {
                callOf[claims.size()] = owner.getValue();
                claims.add(owner.getKey());
            }
        }
        CompletionStage<Granted> statement;
        try {
            statement = store.claimAndConfirm(claims, callOf, confirms);
        } catch (RuntimeException e) {
            statement = CompletableFuture.failedFuture(e);
        }
        statement.whenComplete((granted, failure) -> {
            synchronized (this) {
                inFlight--;
            }
            drain();
            if (failure == null) {
                for (int i : granted.refused()) {
                    refuse(refusedOf, callOf[i], claims.get(i));
                }
            }
            for (Call c : batch) {
                if (failure != null) {
                    c.result().completeExceptionally(failure);
                } else if (c.confirm()) {
                    c.result().complete(Claim.NOTHING);
                }
            }
            if (failure == null) {
                for (int k = 0; k < claimCalls.size(); k++) {
                    Set<EventRef> refused = refusedOf.get(k);
                    Set<EventRef> asked = claimCalls.get(k).refs();
                    claimCalls.get(k).result().complete(new Claim(refused == null ? asked : new Owned(asked, refused),
                            granted.ticketBase() + k));
                }
            }
        });
    }

    /** Adds {@code ref} to the pairs call {@code k} does not own, the set made at its first. */
    private static void refuse(List<Set<EventRef>> refusedOf, int k, EventRef ref) {
        Set<EventRef> refused = refusedOf.get(k);
        if (refused == null) {
            refused = new HashSet<>();
            refusedOf.set(k, refused);
        }
        refused.add(ref);
    }

    /** The pairs of {@code asked} not in {@code refused} (a part of it), as a view: nothing is copied. */
    private static final class Owned extends AbstractSet<EventRef> {
        private final Set<EventRef> asked;
        private final Set<EventRef> refused;

        Owned(Set<EventRef> asked, Set<EventRef> refused) {
            this.asked = asked;
            this.refused = refused;
        }

        @Override
        public boolean contains(Object o) {
            return !refused.contains(o) && asked.contains(o);
        }

        @Override
        public Iterator<EventRef> iterator() {
            return asked.stream().filter(r -> !refused.contains(r)).iterator();
        }

        @Override
        public int size() {
            return asked.size() - refused.size();
        }
    }
}
