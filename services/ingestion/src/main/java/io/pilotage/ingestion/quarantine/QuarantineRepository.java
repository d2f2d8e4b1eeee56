package io.pilotage.ingestion.quarantine;

import com.fasterxml.jackson.core.type.TypeReference;
import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.RejectedEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The quarantine table ({@code ingestion.quarantine}). */
@ApplicationScoped
public class QuarantineRepository {

    private static final TypeReference<List<RejectedEvent.Reason>> REASONS = new TypeReference<>() {
    };
    private static final String COLUMNS =
            "id, source, project, event_id, received_at, reasons, payload, status, fixed_payload, updated_at";

    private final Pool pool;
    private final Duration retention;

    public QuarantineRepository(Pool pool,
                                @ConfigProperty(name = "pilotage.ingestion.quarantine-retention") Duration retention) {
        this.pool = pool;
        this.retention = retention;
    }

    public Uni<Void> insert(List<RejectedEvent> rejected) {
        List<Tuple> rows = new ArrayList<>(rejected.size());
        for (RejectedEvent r : rejected) {
            rows.add(Tuple.tuple().addString(r.source()).addString(r.project()).addString(r.eventId())
                    .addOffsetDateTime(OffsetDateTime.ofInstant(r.receivedAt(), ZoneOffset.UTC))
                    .addString(JsonCodec.encodeToString(r.reasons())).addString(r.payload()));
        }
        return pool.preparedQuery("INSERT INTO quarantine (source, project, event_id, received_at, reasons, payload) "
                + "VALUES ($1, $2, $3, $4, $5, $6)").executeBatch(rows).replaceWithVoid();
    }

    /** Newest first, filtered by source, status, a rule or field named in the reasons, and a time range. */
    public Uni<List<QuarantinedEvent>> list(String source, String status, String rule, String field, Instant from,
                                            Instant to, Long before, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM quarantine WHERE true");
        List<Object> args = new ArrayList<>();
        if (source != null) {
            args.add(source);
            sql.append(" AND source = $").append(args.size());
        }
        if (status != null) {
            args.add(status);
            sql.append(" AND status = $").append(args.size());
        }
        if (rule != null) {
            args.add(JsonCodec.encodeToString(List.of(java.util.Map.of("rule", rule))));
            sql.append(" AND reasons::jsonb @> $").append(args.size()).append("::text::jsonb");
        }
        if (field != null) {
            args.add(JsonCodec.encodeToString(List.of(java.util.Map.of("field", field))));
            sql.append(" AND reasons::jsonb @> $").append(args.size()).append("::text::jsonb");
        }
        if (from != null) {
            args.add(OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            sql.append(" AND received_at >= $").append(args.size());
        }
        if (to != null) {
            args.add(OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            sql.append(" AND received_at < $").append(args.size());
        }
        if (before != null) {
            args.add(before);
            sql.append(" AND id < $").append(args.size());
        }
        args.add(limit);
        sql.append(" ORDER BY id DESC LIMIT $").append(args.size());
        return pool.preparedQuery(sql.toString()).execute(Tuple.tuple(args))
                .map(rows -> {
                    List<QuarantinedEvent> out = new ArrayList<>();
                    rows.forEach(r -> out.add(map(r)));
                    return out;
                });
    }

    public Uni<QuarantinedEvent> find(long id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM quarantine WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? map(rows.iterator().next()) : null);
    }

    public Uni<QuarantinedEvent> saveFix(long id, String fixedPayload) {
        return update("UPDATE quarantine SET fixed_payload = $2, updated_at = now() WHERE id = $1 AND status = 'open' "
                + "RETURNING " + COLUMNS, Tuple.of(id, fixedPayload));
    }

    public Uni<QuarantinedEvent> setStatus(long id, String status) {
        return update("UPDATE quarantine SET status = $2, updated_at = now() WHERE id = $1 AND status = 'open' "
                + "RETURNING " + COLUMNS, Tuple.of(id, status));
    }

    public Uni<QuarantinedEvent> recordFailedReplay(long id, List<RejectedEvent.Reason> reasons) {
        return update("UPDATE quarantine SET reasons = $2, updated_at = now() WHERE id = $1 RETURNING " + COLUMNS,
                Tuple.of(id, JsonCodec.encodeToString(reasons)));
    }

    private Uni<QuarantinedEvent> update(String sql, Tuple args) {
        return pool.preparedQuery(sql).execute(args)
                .map(rows -> rows.iterator().hasNext() ? map(rows.iterator().next()) : null);
    }

    /** Keeps the quarantine bounded: what is older than the retention goes. */
    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return pool.preparedQuery("DELETE FROM quarantine WHERE received_at < now() - make_interval(secs => $1)")
                .execute(Tuple.of((double) retention.toSeconds()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private static QuarantinedEvent map(Row r) {
        List<RejectedEvent.Reason> reasons;
        try {
            reasons = JsonCodec.mapper().readValue(r.getString("reasons"), REASONS);
        } catch (java.io.IOException e) {
            reasons = List.of();
        }
        return new QuarantinedEvent(r.getLong("id"), r.getString("source"), r.getString("project"),
                r.getString("event_id"), r.getOffsetDateTime("received_at").toInstant(), reasons,
                r.getString("payload"), r.getString("status"), r.getString("fixed_payload"),
                r.getOffsetDateTime("updated_at").toInstant());
    }
}
