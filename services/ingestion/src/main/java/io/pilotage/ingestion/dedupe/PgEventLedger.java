package io.pilotage.ingestion.dedupe;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The store of the {@link EventLedger} in PostgreSQL (tables {@code ingestion.event_ledger} and
 * {@code ingestion.ledger_confirmation}): one statement confirms the tickets whose events the broker
 * acknowledged (a row each) and claims new pairs (a row each, carrying the claiming call's ticket);
 * the {@link GroupCommitLedger} in front of it puts the calls of concurrent requests into one such
 * statement. A pair already in the ledger is held, so its claim is refused, while it is published
 * (rows written before tickets), its ticket is confirmed, or its claim is younger than the lease.
 * Survives restarts; bounded by a periodic purge of rows older than the deduplication window. A
 * statement that deadlocks with another replica's is retried once.
 */
@ApplicationScoped
public class PgEventLedger implements GroupCommitLedger.Store {

    /**
     * Answers one row: the statement's ticket base and the positions (from 1) of the pairs NOT
     * granted, usually none; sending back every granted pair cost more than finding the others.
     */
    private static final String CLAIM_AND_CONFIRM = """
            WITH statement AS (SELECT nextval('ledger_statement_seq') * %d AS base),
            confirmed AS (
              INSERT INTO ledger_confirmation (ticket) SELECT unnest($4::bigint[]) ON CONFLICT DO NOTHING),
            input AS (SELECT s, i, k, n FROM unnest($1::text[], $2::text[], $3::int[]) WITH ORDINALITY AS t(s, i, k, n)),
            claimed AS (
              INSERT INTO event_ledger AS l (source, event_id, ticket)
              SELECT s, i, (SELECT base FROM statement) + k FROM input
              ON CONFLICT (source, event_id) DO UPDATE SET claimed_at = now(), ticket = excluded.ticket
                WHERE l.published = false AND l.claimed_at < now() - make_interval(secs => $5)
                  AND NOT EXISTS (SELECT 1 FROM ledger_confirmation c WHERE c.ticket = l.ticket)
              RETURNING source, event_id)
            SELECT (SELECT base FROM statement), ARRAY(SELECT n FROM input WHERE NOT EXISTS (
              SELECT 1 FROM claimed WHERE claimed.source = input.s AND claimed.event_id = input.i) ORDER BY n)
            """.formatted(GroupCommitLedger.CALLS_PER_STATEMENT);
    /** PostgreSQL's deadlock_detected: two statements locked the same rows in a different order. */
    private static final String DEADLOCK = "40P01";
    private static final String RELEASE = """
            DELETE FROM event_ledger l USING unnest($1::text[], $2::text[]) AS t(s, i)
            WHERE l.source = t.s AND l.event_id = t.i AND l.published = false AND l.ticket = $3""";
    private static final String PURGE = """
            DELETE FROM event_ledger WHERE ctid = ANY (ARRAY(
              SELECT ctid FROM event_ledger WHERE claimed_at < now() - make_interval(secs => $1) LIMIT 50000))""";
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
        Tuple args = arrays(claims);
        Integer[] calls = new Integer[callOf.length];
        for (int i = 0; i < callOf.length; i++) {
            calls[i] = callOf[i];
        }
        Long[] tickets = new Long[confirms.length];
        for (int i = 0; i < confirms.length; i++) {
            tickets[i] = confirms[i];
        }
        args.addArrayOfInteger(calls).addArrayOfLong(tickets).addDouble((double) lease.toSeconds());
        return pool.preparedQuery(CLAIM_AND_CONFIRM).execute(args)
                .onFailure(e -> e instanceof PgException pg && DEADLOCK.equals(pg.getSqlState())).retry().atMost(1)
                .map(rows -> {
                    Row row = rows.iterator().next();
                    Long[] refused = row.getArrayOfLongs(1);
                    int[] positions = new int[refused.length];
                    for (int i = 0; i < refused.length; i++) {
                        positions[i] = (int) (refused[i] - 1);
                    }
                    return new GroupCommitLedger.Granted(row.getLong(0), positions);
                })
                .subscribeAsCompletionStage();
    }

    @Override
    public CompletionStage<Void> release(long ticket, Collection<EventRef> refs) {
        return pool.preparedQuery(RELEASE).execute(arrays(refs).addLong(ticket)).replaceWithVoid().subscribeAsCompletionStage();
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

    private static Tuple arrays(Collection<EventRef> refs) {
        String[] sources = new String[refs.size()];
        String[] ids = new String[refs.size()];
        int i = 0;
        for (EventRef r : refs) {
            sources[i] = r.source();
            ids[i] = r.id();
            i++;
        }
        return Tuple.of(sources, ids);
    }
}
