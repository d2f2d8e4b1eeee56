package io.pilotage.ingestion.backfill;

import io.pilotage.ingestion.event.EventBodyReader.Body;
import io.pilotage.ingestion.event.EventIntake;
import io.pilotage.ingestion.event.IntakeReport;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Runs a history import through the intake ({@link EventIntake#importHistory}) and audits it: one
 * row of {@code ingestion.backfill_audit} per request, written before the answer, and one log line
 * without personal data (no user name, no event content). The audit is written after publication:
 * if it fails, the request fails (503) and its retry, answered as duplicates, is audited.
 */
@ApplicationScoped
public class BackfillAudit {

    private final EventIntake intake;
    private final Pool pool;

    public BackfillAudit(EventIntake intake, Pool pool) {
        this.intake = intake;
        this.pool = pool;
    }

    /**
     * Imports {@code body} (events of {@code authenticatedSource}, or of the sources they name when
     * null) for {@code actor}, received on {@code route}, and audits it; the stage completes with the
     * intake's report once both are done.
     */
    public CompletionStage<IntakeReport> importHistory(Body body, String authenticatedSource, String actor, String route) {
        String source = Backfill.sourceOf(authenticatedSource, body);
        return intake.importHistory(body, authenticatedSource)
                .thenCompose(imported -> record(actor, source, route, imported).subscribeAsCompletionStage()
                        .thenApply(done -> imported.report()));
    }

    private Uni<Void> record(String actor, String source, String route, EventIntake.Imported imported) {
        IntakeReport r = imported.report();
        // the route names a registered source at most; the sources events name on /events are not logged
        Log.infof("history import on %s: %d accepted, %d duplicates, %d rejected, occurredAt %s to %s",
                route, r.accepted(), r.duplicates(), r.rejected(), imported.earliest(), imported.latest());
        return pool.preparedQuery("""
                        INSERT INTO backfill_audit (actor, source, route, accepted, duplicates, rejected,
                                                    earliest_occurred_at, latest_occurred_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""")
                .execute(Tuple.tuple().addString(actor).addString(source).addString(route).addInteger(r.accepted())
                        .addInteger(r.duplicates()).addInteger(r.rejected()).addOffsetDateTime(at(imported.earliest()))
                        .addOffsetDateTime(at(imported.latest())))
                .replaceWithVoid();
    }

    /** Audited imports, newest first, of {@code source} when given (one of those a row names). */
    public Uni<List<BackfillRecord>> list(String source, int limit) {
        String sql = "SELECT id, actor, at, source, route, accepted, duplicates, rejected, earliest_occurred_at, "
                + "latest_occurred_at FROM backfill_audit"
                + (source == null ? "" : " WHERE $2 = ANY (string_to_array(source, ','))")
                + " ORDER BY id DESC LIMIT $1";
        Tuple args = source == null ? Tuple.of(limit) : Tuple.of(limit, source);
        return pool.preparedQuery(sql).execute(args).map(rows -> {
            List<BackfillRecord> out = new ArrayList<>();
            rows.forEach(row -> out.add(map(row)));
            return out;
        });
    }

    private static BackfillRecord map(Row r) {
        return new BackfillRecord(r.getLong("id"), r.getString("actor"), r.getOffsetDateTime("at").toInstant(),
                r.getString("source"), r.getString("route"), r.getInteger("accepted"), r.getInteger("duplicates"),
                r.getInteger("rejected"), instant(r.getOffsetDateTime("earliest_occurred_at")),
                instant(r.getOffsetDateTime("latest_occurred_at")));
    }

    private static OffsetDateTime at(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
