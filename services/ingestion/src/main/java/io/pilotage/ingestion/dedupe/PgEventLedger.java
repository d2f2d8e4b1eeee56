package io.pilotage.ingestion.dedupe;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * The store of the {@link EventLedger} in PostgreSQL (tables {@code ingestion.event_claim} and
 * {@code ingestion.ledger_confirmation}): one statement confirms the tickets whose events the broker
 * acknowledged (a row each) and claims new pairs (a row each under the pair's {@link LedgerKey},
 * carrying the claiming call's ticket); the {@link GroupCommitLedger} in front of it puts the calls
 * of concurrent requests into one such statement. When every pair is new, which is the usual case,
 * that statement is a plain insert, and all. When some pair already has a row, that insert fails
 * as a whole (PostgreSQL logs the unique violation), and the claim is made again pair by pair
 * ({@code ON CONFLICT DO NOTHING}); if some pairs were not new, a third statement finds out which: a pair is
 * held, so its claim is refused, while its ticket is confirmed or its claim is younger than the
 * lease; an expired claim is taken over. Survives restarts; bounded by a periodic purge of rows
 * older than the deduplication window. Keys are sent in one order (by key), so two replicas'
 * statements lock rows in the same order ({@link #byKey}); a statement that deadlocks anyway is retried once.
 */
@ApplicationScoped
public class PgEventLedger implements GroupCommitLedger.Store {

    /**
     * The usual case, every pair new: a plain insert, which checks each key once, where
     * {@code ON CONFLICT} first searches the index for it and then inserts (measured: that search
     * was 40 % of PostgreSQL's CPU on batches). Answers the statement's ticket base; fails with
     * unique_violation, and leaves nothing behind, when some pair already has a row.
     */
    private static final String CLAIM_NEW_AND_CONFIRM = claimAndConfirm(false);
    /** PostgreSQL's unique_violation: a claimed pair already had a row. */
    private static final String UNIQUE_VIOLATION = "23505";
    /**
     * When some pair already had a row: the same, pair by pair. Answers the statement's ticket base
     * and how many of its pairs were new.
     */
    private static final String CLAIM_AND_CONFIRM = claimAndConfirm(true);

    /** The claim and confirmation statement; {@code pairByPair}: {@code ON CONFLICT DO NOTHING}, counting the new pairs. */
    private static String claimAndConfirm(boolean pairByPair) {
        return """
                WITH statement AS (SELECT nextval('ledger_statement_seq') * %d AS base),
                confirmed AS (
                  INSERT INTO ledger_confirmation (ticket) SELECT unnest($3::bigint[]) ON CONFLICT DO NOTHING),
                claimed AS (
                  INSERT INTO event_claim (key, ticket)
                  SELECT k, (SELECT base FROM statement) + c FROM unnest($1::uuid[], $2::int[]) AS t(k, c)%s)
                SELECT (SELECT base FROM statement)%s
                """.formatted(GroupCommitLedger.CALLS_PER_STATEMENT,
                pairByPair ? " ON CONFLICT DO NOTHING RETURNING 1" : "",
                pairByPair ? ", (SELECT count(*) FROM claimed)" : "");
    }

    /**
     * After a claim that met rows already there ($3: its ticket base): takes over the expired,
     * unconfirmed ones and answers the positions (from 1) of the pairs the statement does not hold.
     */
    private static final String RESOLVE = """
            WITH input AS (SELECT k, c, n FROM unnest($1::uuid[], $2::int[]) WITH ORDINALITY AS t(k, c, n)),
            taken AS (
              UPDATE event_claim l SET ticket = $3::bigint + i.c, claimed_at = now() FROM input i
              WHERE l.key = i.k AND l.ticket <> $3::bigint + i.c AND l.claimed_at < now() - make_interval(secs => $4)
                AND NOT EXISTS (SELECT 1 FROM ledger_confirmation f WHERE f.ticket = l.ticket)
              RETURNING l.key)
            SELECT ARRAY(SELECT i.n FROM input i
              WHERE NOT EXISTS (SELECT 1 FROM taken t WHERE t.key = i.k)
                AND NOT EXISTS (SELECT 1 FROM event_claim l WHERE l.key = i.k AND l.ticket = $3::bigint + i.c)
              ORDER BY i.n)
            """;
    /** PostgreSQL's deadlock_detected: two statements locked the same rows in a different order. */
    private static final String DEADLOCK = "40P01";
    private static final String RELEASE = "DELETE FROM event_claim WHERE key = ANY ($1::uuid[]) AND ticket = $2";
    private static final String PURGE = """
            DELETE FROM event_claim WHERE ctid = ANY (ARRAY(
              SELECT ctid FROM event_claim WHERE claimed_at < now() - make_interval(secs => $1) LIMIT 50000))""";
    private static final String PURGE_CONFIRMATIONS = """
            DELETE FROM ledger_confirmation WHERE ctid = ANY (ARRAY(
              SELECT ctid FROM ledger_confirmation WHERE confirmed_at < now() - make_interval(secs => $1) LIMIT 50000))""";

    private final Pool pool;
    private final Duration window;
    private final Duration lease;

    public PgEventLedger(Pool pool,
                         @ConfigProperty(name = "pilotage.ingestion.dedupe-window") Duration window,
                         @ConfigProperty(name = "pilotage.ingestion.claim-lease") Duration lease) {
        this.pool = pool;
        this.window = window;
        this.lease = lease;
    }

    @Override
    public CompletionStage<GroupCommitLedger.Granted> claimAndConfirm(List<EventRef> claims, int[] callOf, long[] confirms) {
        int n = claims.size();
        UUID[] byPosition = new UUID[n];
        for (int i = 0; i < n; i++) {
            byPosition[i] = LedgerKey.of(claims.get(i));
        }
        int[] order = byKey(byPosition);
        UUID[] keys = new UUID[n];
        Integer[] calls = new Integer[n];
        for (int j = 0; j < n; j++) {
            keys[j] = byPosition[order[j]];
            calls[j] = callOf[order[j]];
        }
        Long[] tickets = new Long[confirms.length];
        for (int i = 0; i < confirms.length; i++) {
            tickets[i] = confirms[i];
        }
        Tuple claim = Tuple.tuple().addArrayOfUUID(keys).addArrayOfInteger(calls).addArrayOfLong(tickets);
        return retried(CLAIM_NEW_AND_CONFIRM, claim)
                .map(rows -> new GroupCommitLedger.Granted(rows.iterator().next().getLong(0), new int[0]))
                .onFailure(e -> e instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState()))
                .recoverWithUni(() -> claimSome(keys, calls, order, claim))
                .subscribeAsCompletionStage();
    }

    /** The claim of a statement where some pair already had a row: which pairs it holds. */
    private Uni<GroupCommitLedger.Granted> claimSome(UUID[] keys, Integer[] calls, int[] order, Tuple claim) {
        int n = keys.length;
        return retried(CLAIM_AND_CONFIRM, claim).chain(rows -> {
                    Row row = rows.iterator().next();
                    long base = row.getLong(0);
                    if (row.getLong(1) == n) {
                        return Uni.createFrom().item(new GroupCommitLedger.Granted(base, new int[0]));
                    }
                    Tuple resolve = Tuple.tuple().addArrayOfUUID(keys).addArrayOfInteger(calls).addLong(base)
                            .addDouble((double) lease.toSeconds());
                    return retried(RESOLVE, resolve).map(refusedRows -> {
                        Long[] refused = refusedRows.iterator().next().getArrayOfLongs(0);
                        int[] positions = new int[refused.length];
                        for (int i = 0; i < refused.length; i++) {
                            positions[i] = order[(int) (refused[i] - 1)];
                        }
                        Arrays.sort(positions);
                        return new GroupCommitLedger.Granted(base, positions);
                    });
                });
    }

    /**
     * The positions of {@code keys} in the order their rows are locked: by the key's high 64 bits,
     * sorted as primitives with the position packed into their lowest bits (a sort of boxed positions
     * with a comparator cost more than the rest of the statement's preparation, and its sorting code
     * was compiled again and again as its type checks failed). Keys that agree in every other high
     * bit, about one statement in a billion, are taken in their order in the statement; if that made
     * two statements lock the same rows in opposite orders, the deadlock is retried like any other.
     */
    static int[] byKey(UUID[] keys) {
        int n = keys.length;
        int bits = 32 - Integer.numberOfLeadingZeros(Math.max(1, n - 1));
        long low = (1L << bits) - 1;
        long[] packed = new long[n];
        for (int i = 0; i < n; i++) {
            packed[i] = (keys[i].getMostSignificantBits() & ~low) | i;
        }
        Arrays.sort(packed);
        int[] order = new int[n];
        for (int j = 0; j < n; j++) {
            order[j] = (int) (packed[j] & low);
        }
        return order;
    }

    private Uni<RowSet<Row>> retried(String sql, Tuple args) {
        return pool.preparedQuery(sql).execute(args)
                .onFailure(e -> e instanceof PgException pg && DEADLOCK.equals(pg.getSqlState())).retry().atMost(1);
    }

    @Override
    public CompletionStage<Void> release(long ticket, Collection<EventRef> refs) {
        UUID[] keys = refs.stream().map(LedgerKey::of).toArray(UUID[]::new);
        return pool.preparedQuery(RELEASE).execute(Tuple.tuple().addArrayOfUUID(keys).addLong(ticket))
                .replaceWithVoid().subscribeAsCompletionStage();
    }

    /** Forgets what is older than the window, a bounded batch at a time. */
    @Scheduled(every = "${pilotage.ingestion.dedupe-purge-every:10m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        Tuple age = Tuple.of((double) window.toSeconds());
        return pool.preparedQuery(PURGE).execute(age)
                .invoke(rows -> {
                    if (rows.rowCount() > 0) {
                        Log.infof("dedupe ledger: purged %d ids older than %s", rows.rowCount(), window);
                    }
                })
                // a confirmation is younger than its rows (written after them), so it goes after them
                .chain(() -> pool.preparedQuery(PURGE_CONFIRMATIONS).execute(age))
                .onFailure().invoke(e -> Log.warnf("dedupe ledger purge failed: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
