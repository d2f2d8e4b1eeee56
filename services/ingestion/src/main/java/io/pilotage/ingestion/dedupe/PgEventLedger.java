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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * The store of the {@link EventLedger} in PostgreSQL (table {@code ingestion.event_ledger}): one
 * statement confirms the pairs whose events the broker acknowledged and claims new ones; the
 * {@link GroupCommitLedger} in front of it puts the calls of concurrent requests into one such
 * statement. Survives restarts; bounded by a periodic purge of rows older than the deduplication
 * window. A statement that deadlocks with another replica's is retried once.
 */
@ApplicationScoped
public class PgEventLedger implements GroupCommitLedger.Store {

    private static final String CLAIM_AND_CONFIRM = """
            WITH confirmed AS (
              UPDATE event_ledger l SET published = true FROM unnest($3::text[], $4::text[]) AS c(s, i)
              WHERE l.source = c.s AND l.event_id = c.i AND l.published = false)
            INSERT INTO event_ledger AS l (source, event_id)
            SELECT s, i FROM unnest($1::text[], $2::text[]) AS t(s, i)
            ON CONFLICT (source, event_id) DO UPDATE SET claimed_at = now()
              WHERE l.published = false AND l.claimed_at < now() - make_interval(secs => $5)
            RETURNING source, event_id""";
    /** PostgreSQL's deadlock_detected: two statements locked the same rows in a different order. */
    private static final String DEADLOCK = "40P01";
    private static final String RELEASE = """
            DELETE FROM event_ledger l USING unnest($1::text[], $2::text[]) AS t(s, i)
            WHERE l.source = t.s AND l.event_id = t.i AND l.published = false""";
    private static final String PURGE = """
            DELETE FROM event_ledger WHERE ctid = ANY (ARRAY(
              SELECT ctid FROM event_ledger WHERE claimed_at < now() - make_interval(secs => $1) LIMIT 50000))""";

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
    public CompletionStage<Set<EventRef>> claimAndConfirm(List<EventRef> claims, List<EventRef> confirms) {
        Tuple args = arrays(claims);
        Tuple confirmed = arrays(confirms);
        args.addValue(confirmed.getValue(0)).addValue(confirmed.getValue(1)).addDouble((double) lease.toSeconds());
        return pool.preparedQuery(CLAIM_AND_CONFIRM).execute(args)
                .onFailure(e -> e instanceof PgException pg && DEADLOCK.equals(pg.getSqlState())).retry().atMost(1)
                .map(rows -> {
                    Set<EventRef> owned = new HashSet<>(rows.size() * 2);
                    for (Row row : rows) {
                        owned.add(new EventRef(row.getString(0), row.getString(1)));
                    }
                    return owned;
                })
                .subscribeAsCompletionStage();
    }

    @Override
    public CompletionStage<Void> release(Collection<EventRef> refs) {
        return pool.preparedQuery(RELEASE).execute(arrays(refs)).replaceWithVoid().subscribeAsCompletionStage();
    }

    /** Forgets what is older than the window, a bounded batch at a time. */
    @Scheduled(every = "${pilotage.ingestion.dedupe-purge-every:10m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return pool.preparedQuery(PURGE).execute(Tuple.of((double) window.toSeconds()))
                .invoke(rows -> {
                    if (rows.rowCount() > 0) {
                        Log.infof("dedupe ledger: purged %d ids older than %s", rows.rowCount(), window);
                    }
                })
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
