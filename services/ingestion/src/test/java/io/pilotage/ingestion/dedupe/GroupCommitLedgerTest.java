package io.pilotage.ingestion.dedupe;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupCommitLedgerTest {

    /** A store whose statements complete when the test says so; grants every claim not granted before. */
    static final class ManualStore implements GroupCommitLedger.Store {
        record Statement(List<EventRef> claims, int[] callOf, long[] confirms,
                         CompletableFuture<GroupCommitLedger.Granted> result) {
        }

        final List<Statement> statements = new ArrayList<>();
        final Set<EventRef> granted = new HashSet<>();
        final Set<Long> confirmed = new HashSet<>();

        @Override
        public synchronized CompletionStage<GroupCommitLedger.Granted> claimAndConfirm(List<EventRef> claims, int[] callOf,
                                                                                      long[] confirms) {
            Statement s = new Statement(claims, callOf, confirms, new CompletableFuture<>());
            statements.add(s);
            return s.result();
        }

        @Override
        public CompletionStage<Void> release(long ticket, Collection<EventRef> refs) {
            return CompletableFuture.completedFuture(null);
        }

        /** Runs statement n as the database would; its ticket base is {@link #base}(n). */
        void complete(int n) {
            Statement s;
            List<Integer> refused = new ArrayList<>();
            synchronized (this) {
                s = statements.get(n);
                for (long t : s.confirms()) {
                    confirmed.add(t);
                }
                for (int i = 0; i < s.claims().size(); i++) {
                    if (!granted.add(s.claims().get(i))) {
                        refused.add(i);
                    }
                }
            }
            s.result().complete(new GroupCommitLedger.Granted(base(n), refused.stream().mapToInt(Integer::intValue).toArray()));
        }

        static long base(int n) {
            return (n + 1L) * GroupCommitLedger.CALLS_PER_STATEMENT;
        }

        synchronized Statement statement(int n) {
            return statements.get(n);
        }
    }

    private static EventRef ref(String id) {
        return new EventRef("src", id);
    }

    private static Set<EventRef> now(CompletionStage<EventLedger.Claim> stage) {
        EventLedger.Claim claim = stage.toCompletableFuture().getNow(null);
        return claim == null ? null : claim.owned();
    }

    private static long ticket(CompletionStage<EventLedger.Claim> stage) {
        return stage.toCompletableFuture().join().ticket();
    }

    @Test
    void anIdleLedgerSendsAClaimAtOnce() {
        ManualStore store = new ManualStore();
        GroupCommitLedger ledger = new GroupCommitLedger(store, 1, 100);

        CompletionStage<EventLedger.Claim> claim = ledger.claim(List.of(ref("a"), ref("b")));

        assertThat(store.statements).hasSize(1);
        assertThat(store.statement(0).claims()).containsExactly(ref("a"), ref("b"));
        store.complete(0);
        assertThat(now(claim)).containsExactlyInAnyOrder(ref("a"), ref("b"));
    }

    @Test
    void callsArrivingWhileAStatementRunsShareTheNextOneAndEachGetsItsOwnPairsAndTicket() {
        ManualStore store = new ManualStore();
        GroupCommitLedger ledger = new GroupCommitLedger(store, 1, 100);
        CompletionStage<EventLedger.Claim> first = ledger.claim(List.of(ref("a")));
        store.granted.add(ref("y")); // y was accepted by an earlier request

        CompletionStage<EventLedger.Claim> second = ledger.claim(List.of(ref("x"), ref("y")));
        CompletionStage<EventLedger.Claim> third = ledger.claim(List.of(ref("z")));
        assertThat(store.statements).as("the later calls wait for the running statement").hasSize(1);
        store.complete(0);
        assertThat(now(first)).containsExactly(ref("a"));
        assertThat(ticket(first)).isEqualTo(ManualStore.base(0));
        CompletionStage<Void> confirmation = ledger.confirm(first.toCompletableFuture().join());

        assertThat(store.statements).as("both waiting claims in one statement").hasSize(2);
        assertThat(store.statement(1).claims()).containsExactly(ref("x"), ref("y"), ref("z"));
        assertThat(store.statement(1).callOf()).as("x and y are the first call's, z the second's").containsExactly(0, 0, 1);
        assertThat(store.statement(1).confirms()).isEmpty();
        store.complete(1);
        assertThat(now(second)).as("y was taken before").containsExactly(ref("x"));
        assertThat(now(third)).containsExactly(ref("z"));
        assertThat(ticket(second)).isEqualTo(ManualStore.base(1));
        assertThat(ticket(third)).isEqualTo(ManualStore.base(1) + 1);

        assertThat(store.statement(2).confirms()).as("the confirmation names the ticket, not the pairs")
                .containsExactly(ManualStore.base(0));
        assertThat(confirmation.toCompletableFuture()).isNotDone();
        store.complete(2);
        assertThat(confirmation.toCompletableFuture()).isCompleted();
        assertThat(store.confirmed).containsExactly(ManualStore.base(0));
        assertThat(ledger.statements()).isEqualTo(3);
    }

    @Test
    void aSecondStatementRunsAlongsideOnlyOnceTheWaitingCallsClaimABatchsWorthOfPairs() {
        ManualStore store = new ManualStore();
        GroupCommitLedger ledger = new GroupCommitLedger(store, 2, 100, 3);
        CompletionStage<EventLedger.Claim> first = ledger.claim(List.of(ref("a")));

        CompletionStage<EventLedger.Claim> small = ledger.claim(List.of(ref("b")));
        CompletionStage<EventLedger.Claim> alsoSmall = ledger.claim(List.of(ref("c")));
        assertThat(store.statements).as("two pairs wait: they keep grouping behind the running statement").hasSize(1);

        CompletionStage<EventLedger.Claim> third = ledger.claim(List.of(ref("d")));
        assertThat(store.statements).as("three pairs wait: a second statement takes them all").hasSize(2);
        assertThat(store.statement(1).claims()).containsExactly(ref("b"), ref("c"), ref("d"));

        CompletionStage<EventLedger.Claim> batch = ledger.claim(List.of(ref("e"), ref("f"), ref("g")));
        assertThat(store.statements).as("never more than two at once, however much waits").hasSize(2);
        store.complete(1);
        assertThat(store.statements).as("a batch's worth waits and one statement runs: the next starts").hasSize(3);
        assertThat(store.statement(2).claims()).containsExactly(ref("e"), ref("f"), ref("g"));

        CompletionStage<EventLedger.Claim> late = ledger.claim(List.of(ref("h")));
        assertThat(store.statements).as("one pair waits behind two running statements").hasSize(3);
        store.complete(0);
        assertThat(store.statements).as("one statement runs, one pair waits: it keeps waiting").hasSize(3);
        store.complete(2);
        assertThat(store.statements).as("nothing runs: the waiting pair goes at once").hasSize(4);
        store.complete(3);
        assertThat(List.of(first, small, alsoSmall, third, batch, late)).allSatisfy(c -> assertThat(now(c)).isNotEmpty());
        assertThat(now(batch)).containsExactlyInAnyOrder(ref("e"), ref("f"), ref("g"));
    }

    @Test
    void confirmationsWaitingWithClaimsRideOnTheirStatement() {
        ManualStore store = new ManualStore();
        GroupCommitLedger ledger = new GroupCommitLedger(store, 1, 100);
        CompletionStage<EventLedger.Claim> first = ledger.claim(List.of(ref("a")));
        store.complete(0);
        ledger.claim(List.of(ref("busy")));
        CompletionStage<Void> confirmation = ledger.confirm(first.toCompletableFuture().join());
        CompletionStage<EventLedger.Claim> next = ledger.claim(List.of(ref("b")));

        store.complete(1);
        assertThat(store.statements).hasSize(3);
        assertThat(store.statement(2).confirms()).containsExactly(ManualStore.base(0));
        assertThat(store.statement(2).claims()).containsExactly(ref("b"));
        store.complete(2);
        assertThat(confirmation.toCompletableFuture()).isCompleted();
        assertThat(ticket(next)).as("a confirmation takes no call number").isEqualTo(ManualStore.base(2));
    }

    @Test
    void aCallAloneInItsStatementIsSentAsItCameAndOwnsAllButWhatTheStoreRefuses() {
        ManualStore store = new ManualStore();
        store.granted.add(ref("old"));
        GroupCommitLedger ledger = new GroupCommitLedger(store, 1, 100);

        CompletionStage<EventLedger.Claim> claim = ledger.claim(List.of(ref("a"), ref("old"), ref("b"), ref("a")));

        assertThat(store.statement(0).claims()).as("each pair once, in the call's order")
                .containsExactly(ref("a"), ref("old"), ref("b"));
        assertThat(store.statement(0).callOf()).containsExactly(0, 0, 0);
        store.complete(0);
        Set<EventRef> owned = now(claim);
        assertThat(owned).containsExactly(ref("a"), ref("b")).hasSize(2);
        assertThat(owned.contains(ref("old"))).as("refused by the store").isFalse();
        assertThat(owned.contains(ref("never-asked"))).isFalse();
    }

    @Test
    void aPairClaimedByTwoWaitingRequestsIsSentOnceAndOwnedByTheFirst() {
        ManualStore store = new ManualStore();
        GroupCommitLedger ledger = new GroupCommitLedger(store, 1, 100);
        ledger.claim(List.of(ref("busy")));
        CompletionStage<EventLedger.Claim> early = ledger.claim(List.of(ref("same"), ref("b")));
        CompletionStage<EventLedger.Claim> late = ledger.claim(List.of(ref("same"), ref("c")));
        store.complete(0);

        assertThat(store.statement(1).claims()).containsExactly(ref("same"), ref("b"), ref("c"));
        store.complete(1);
        assertThat(now(early)).containsExactlyInAnyOrder(ref("same"), ref("b"));
        assertThat(now(late)).containsExactly(ref("c"));
    }

    @Test
    void pairsAreSentInTheOrderOfTheCallsThatFirstClaimThem() {
        ManualStore store = new ManualStore();
        GroupCommitLedger ledger = new GroupCommitLedger(store, 1, 100);
        ledger.claim(List.of(ref("busy")));
        ledger.claim(List.of(new EventRef("b", "2"), new EventRef("a", "9")));
        ledger.claim(List.of(new EventRef("a", "1"), new EventRef("b", "2"), new EventRef("a", "0")));
        store.complete(0);

        assertThat(store.statement(1).claims())
                .containsExactly(new EventRef("b", "2"), new EventRef("a", "9"), new EventRef("a", "1"), new EventRef("a", "0"));
        assertThat(store.statement(1).callOf()).containsExactly(0, 0, 1, 1);
    }

    @Test
    void aFailedStatementFailsEveryCallItCarriedAndTheNextOneIsIndependent() {
        ManualStore store = new ManualStore();
        GroupCommitLedger ledger = new GroupCommitLedger(store, 1, 100);
        CompletionStage<EventLedger.Claim> failed = ledger.claim(List.of(ref("a")));
        CompletionStage<Void> laterConfirm = ledger.confirm(new EventLedger.Claim(Set.of(ref("c")), 7));
        CompletionStage<EventLedger.Claim> waiting = ledger.claim(List.of(ref("b")));

        store.statement(0).result().completeExceptionally(new IllegalStateException("connection reset"));

        assertThatThrownBy(() -> failed.toCompletableFuture().join()).hasRootCauseMessage("connection reset");
        assertThat(store.statements).hasSize(2);
        store.complete(1);
        assertThat(now(waiting)).containsExactly(ref("b"));
        assertThat(laterConfirm.toCompletableFuture()).isCompleted();
    }

    @Test
    void aStoreThatThrowsFailsTheCallsAndTheLedgerGoesOn() {
        GroupCommitLedger.Store throwing = new GroupCommitLedger.Store() {
            int calls;

            @Override
            public CompletionStage<GroupCommitLedger.Granted> claimAndConfirm(List<EventRef> claims, int[] callOf,
                                                                             long[] confirms) {
                if (calls++ == 0) {
                    throw new IllegalStateException("pool closed");
                }
                return CompletableFuture.completedFuture(new GroupCommitLedger.Granted(0, new int[0]));
            }

            @Override
            public CompletionStage<Void> release(long ticket, Collection<EventRef> refs) {
                return CompletableFuture.completedFuture(null);
            }
        };
        GroupCommitLedger ledger = new GroupCommitLedger(throwing, 1, 100);

        assertThat(ledger.claim(List.of(ref("a"))).toCompletableFuture()).isCompletedExceptionally();
        assertThat(now(ledger.claim(List.of(ref("b"))))).containsExactly(ref("b"));
    }

    @Test
    void aStatementTakesCallsUpToTheMaximumOfPairsAndALargerCallGoesAlone() {
        ManualStore store = new ManualStore();
        GroupCommitLedger ledger = new GroupCommitLedger(store, 1, 3);
        ledger.claim(List.of(ref("busy")));
        ledger.claim(List.of(ref("a1"), ref("a2")));
        ledger.claim(List.of(ref("b1"), ref("b2")));
        ledger.claim(List.of(ref("c1"), ref("c2"), ref("c3"), ref("c4")));

        store.complete(0);
        assertThat(store.statement(1).claims()).containsExactly(ref("a1"), ref("a2"));
        store.complete(1);
        assertThat(store.statement(2).claims()).containsExactly(ref("b1"), ref("b2"));
        store.complete(2);
        assertThat(store.statement(3).claims()).hasSize(4);
    }

    @Test
    void upToMaxInFlightStatementsRunTogether() {
        ManualStore store = new ManualStore();
        GroupCommitLedger ledger = new GroupCommitLedger(store, 2, 100);
        ledger.claim(List.of(ref("a")));
        ledger.claim(List.of(ref("b")));
        ledger.claim(List.of(ref("c")));

        assertThat(store.statements).hasSize(2);
        store.complete(1);
        assertThat(store.statements).hasSize(3);
    }

    @Test
    void anEmptyCallNeedsNoStatement() {
        ManualStore store = new ManualStore();
        GroupCommitLedger ledger = new GroupCommitLedger(store, 1, 100);

        assertThat(now(ledger.claim(List.of()))).isEmpty();
        assertThat(ledger.confirm(EventLedger.Claim.NOTHING).toCompletableFuture()).isCompleted();
        assertThat(ledger.release(EventLedger.Claim.NOTHING, List.of()).toCompletableFuture()).isCompleted();
        assertThat(store.statements).isEmpty();
    }

    @Test
    void underConcurrentClaimsEveryPairIsOwnedByExactlyOneCaller() throws Exception {
        Set<EventRef> database = ConcurrentHashMap.newKeySet();
        ExecutorService db = Executors.newSingleThreadExecutor();
        GroupCommitLedger.Store async = new GroupCommitLedger.Store() {
            @Override
            public CompletionStage<GroupCommitLedger.Granted> claimAndConfirm(List<EventRef> claims, int[] callOf,
                                                                             long[] confirms) {
                return CompletableFuture.supplyAsync(() -> new GroupCommitLedger.Granted(0,
                        IntStream.range(0, claims.size()).filter(i -> !database.add(claims.get(i))).toArray()), db);
            }

            @Override
            public CompletionStage<Void> release(long ticket, Collection<EventRef> refs) {
                return CompletableFuture.completedFuture(null);
            }
        };
        GroupCommitLedger ledger = new GroupCommitLedger(async, 2, 50);
        ExecutorService callers = Executors.newFixedThreadPool(8);
        List<CompletableFuture<EventLedger.Claim>> results = new ArrayList<>();
        for (int c = 0; c < 400; c++) {
            int seed = c;
            // each caller claims 5 of 200 ids, so many callers compete for the same ids
            List<EventRef> refs = IntStream.range(0, 5).mapToObj(k -> ref(Integer.toString((seed * 7 + k * 31) % 200))).distinct().toList();
            results.add(CompletableFuture.supplyAsync(() -> ledger.claim(refs), callers)
                    .thenCompose(stage -> stage).toCompletableFuture());
        }
        CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        callers.shutdown();
        db.shutdown();

        List<EventRef> owned = results.stream().flatMap(r -> r.join().owned().stream()).toList();
        assertThat(owned).doesNotHaveDuplicates();
        assertThat(new HashSet<>(owned)).isEqualTo(database);
        assertThat(ledger.statements()).as("grouped: fewer statements than calls").isLessThan(400);
    }
}
