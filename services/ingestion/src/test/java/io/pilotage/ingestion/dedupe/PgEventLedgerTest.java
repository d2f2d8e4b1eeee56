package io.pilotage.ingestion.dedupe;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The ledger's SQL against the real PostgreSQL: what holds a pair, what frees it. */
@QuarkusTest
class PgEventLedgerTest {

    @Inject
    Pool pool;

    /** A ledger on the service's database; {@code lease} zero makes every unconfirmed claim expire at once. */
    private EventLedger ledger(Duration lease) {
        return new GroupCommitLedger(new PgEventLedger(pool, Duration.ofDays(7), lease), 1, 5000);
    }

    private static EventRef pair() {
        return new EventRef("it-ledger", UUID.randomUUID().toString());
    }

    private static EventLedger.Claim claim(EventLedger ledger, Collection<EventRef> refs) {
        return ledger.claim(refs).toCompletableFuture().join();
    }

    @Test
    void aClaimedPairIsHeldWithinTheLeaseAndItsTicketIsTheStatementsCallNumber() {
        EventLedger ledger = ledger(Duration.ofSeconds(30));
        EventRef a = pair();
        EventRef b = pair();

        EventLedger.Claim first = claim(ledger, List.of(a, b));
        EventLedger.Claim again = claim(ledger, List.of(a));

        assertThat(first.owned()).containsExactlyInAnyOrder(a, b);
        assertThat(first.ticket() % GroupCommitLedger.CALLS_PER_STATEMENT).as("the only call of its statement").isZero();
        assertThat(again.owned()).as("unconfirmed, but within its lease").isEmpty();
        assertThat(ticketOf(a)).isEqualTo(first.ticket());
    }

    @Test
    void anUnconfirmedClaimPastItsLeaseIsClaimedAgainAndAConfirmedOneNever() {
        EventLedger ledger = ledger(Duration.ZERO);
        EventRef crashed = pair();
        EventRef published = pair();
        EventRef fresh = pair();
        claim(ledger, List.of(crashed));
        EventLedger.Claim done = claim(ledger, List.of(published));
        ledger.confirm(done).toCompletableFuture().join();

        EventLedger.Claim retry = claim(ledger, List.of(crashed, published, fresh));

        assertThat(retry.owned()).as("the crashed request's pair is free again and a new one is granted; the published one stays held")
                .containsExactlyInAnyOrder(crashed, fresh);
        assertThat(ticketOf(crashed)).isEqualTo(retry.ticket());
        assertThat(ticketOf(fresh)).isEqualTo(retry.ticket());
        assertThat(ticketOf(published)).isEqualTo(done.ticket());
    }

    @Test
    void concurrentCallsEachGetTheirOwnPairsAndTheFirstCallerWinsASharedOne() {
        EventLedger ledger = ledger(Duration.ofSeconds(30));
        EventRef held = pair();
        claim(ledger, List.of(held));
        List<EventRef> first = List.of(pair(), pair(), held);
        List<EventRef> second = List.of(pair(), first.get(0));
        // one statement at a time: while the first claim runs, the next two wait and (usually) share a statement
        GroupCommitLedger grouped = new GroupCommitLedger(new PgEventLedger(pool, Duration.ofDays(7), Duration.ofSeconds(30)), 1, 5000);
        var blocker = grouped.claim(List.of(pair()));
        var a = grouped.claim(first);
        var b = grouped.claim(second);
        blocker.toCompletableFuture().join();

        EventLedger.Claim claimA = a.toCompletableFuture().join();
        EventLedger.Claim claimB = b.toCompletableFuture().join();

        assertThat(claimA.owned()).containsExactlyInAnyOrder(first.get(0), first.get(1));
        assertThat(claimB.owned()).containsExactly(second.get(0));
        assertThat(ticketOf(second.get(0))).isEqualTo(claimB.ticket());
    }

    @Test
    void theKeyComputedInJavaIsTheDatabasesOwn() {
        for (EventRef ref : List.of(pair(), new EventRef("odoo-prod", "sale.order/42@2026-11-27T10:00:00"),
                new EventRef("sénégal-mobile", "événement-ü-€-😀"))) {
            UUID sql = pool.preparedQuery("SELECT ledger_key($1, $2)").execute(Tuple.of(ref.source(), ref.id()))
                    .await().indefinitely().iterator().next().getUUID(0);
            assertThat(LedgerKey.of(ref)).as(ref.toString()).isEqualTo(sql);
        }
    }

    @Test
    void aReleaseFreesOnlyWhatTheClaimStillHolds() {
        EventLedger ledger = ledger(Duration.ZERO);
        EventRef pair = pair();
        EventLedger.Claim stale = claim(ledger, List.of(pair));
        EventLedger.Claim current = claim(ledger, List.of(pair));   // the stale claim expired: taken over

        ledger.release(stale, List.of(pair)).toCompletableFuture().join();
        assertThat(ticketOf(pair)).as("a stale claim's release leaves the new owner's row").isEqualTo(current.ticket());

        ledger.release(current, List.of(pair)).toCompletableFuture().join();
        assertThat(ticketOf(pair)).isNull();
        assertThat(claim(ledger(Duration.ofSeconds(30)), List.of(pair)).owned()).containsExactly(pair);
    }

    @Test
    void rowsPublishedBeforeTicketsStayHeld() {
        // how V4 carried over the rows the ledger had marked published before tickets (V3): ticket 0, confirmed
        EventRef legacy = pair();
        pool.preparedQuery("INSERT INTO event_claim (key, ticket, claimed_at) VALUES (ledger_key($1, $2), 0, now() - interval '1 hour')")
                .execute(Tuple.of(legacy.source(), legacy.id())).await().indefinitely();

        assertThat(claim(ledger(Duration.ZERO), Set.of(legacy)).owned()).isEmpty();
    }

    private Long ticketOf(EventRef ref) {
        var rows = pool.preparedQuery("SELECT ticket FROM event_claim WHERE key = ledger_key($1, $2)")
                .execute(Tuple.of(ref.source(), ref.id())).await().indefinitely();
        return rows.size() == 0 ? null : rows.iterator().next().getLong(0);
    }
}
