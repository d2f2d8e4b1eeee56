package io.pilotage.governance.definition;

import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.definition.Definition;
import io.pilotage.governance.audit.AuditLog;
import io.pilotage.governance.rest.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Projects, KPI definitions and sources as versioned documents (table {@code definition}), with
 * one {@code definition_history} row and one audit-log entry per change, written in the caller's
 * transaction. Updates are optimistic: they name the version they edit and fail with 409 when it
 * is no longer current, so no edit is lost.
 */
@ApplicationScoped
public class DefinitionStore {

    private static final String COLUMNS = "kind, id, project, version, body::text as body, updated_at, updated_by, reason";

    private final AuditLog audit;

    public DefinitionStore(AuditLog audit) {
        this.audit = audit;
    }

    /** One change to record: who, why, when. */
    public record Change(String actor, String reason, Instant at) {
        public static Change by(String actor, String reason) {
            return new Change(actor, reason, Instant.now());
        }
    }

    public Uni<StoredDefinition> find(SqlClient c, Definition.Kind kind, String id) {
        return c.preparedQuery("select " + COLUMNS + " from definition where kind = $1 and id = $2")
                .execute(Tuple.of(wire(kind), id)).map(DefinitionStore::first);
    }

    /** The current row, locked until the end of the transaction (a YAML apply compares then writes). */
    public Uni<StoredDefinition> findForUpdate(SqlClient c, Definition.Kind kind, String id) {
        return c.preparedQuery("select " + COLUMNS + " from definition where kind = $1 and id = $2 for update")
                .execute(Tuple.of(wire(kind), id)).map(DefinitionStore::first);
    }

    /** Every definition of a kind (of one project when {@code project} is not null), by id. */
    public Uni<List<StoredDefinition>> list(SqlClient c, Definition.Kind kind, String project, int offset, int limit) {
        return c.preparedQuery("select " + COLUMNS + " from definition where kind = $1 and ($2::text is null or project = $2)"
                        + " order by id offset $3 limit $4")
                .execute(Tuple.of(wire(kind), project, offset, limit)).map(DefinitionStore::all);
    }

    public Uni<Long> count(SqlClient c, Definition.Kind kind, String project) {
        return c.preparedQuery("select count(*) from definition where kind = $1 and ($2::text is null or project = $2)")
                .execute(Tuple.of(wire(kind), project)).map(rs -> rs.iterator().next().getLong(0));
    }

    /** Creates version 1; 409 when the id is taken. */
    public Uni<StoredDefinition> insert(SqlClient c, Definition.Kind kind, String id, String project, Object body, Change change) {
        String json = JsonCodec.encodeToString(body);
        return c.preparedQuery("insert into definition (kind, id, project, version, body, updated_at, updated_by, reason)"
                        + " values ($1, $2, $3, 1, $4::text::jsonb, $5, $6, $7) on conflict do nothing returning " + COLUMNS)
                .execute(Tuple.from(java.util.Arrays.asList(wire(kind), id, project, json, utc(change.at()), change.actor(), nullable(change.reason()))))
                .map(DefinitionStore::first)
                .invoke(created -> {
                    if (created == null) {
                        throw ApiException.conflict(wire(kind) + " '" + id + "' already exists");
                    }
                })
                .call(created -> history(c, created, null, json, change))
                .call(created -> audit.append(c, change.actor(), wire(kind), id, "create", change.reason(), null, json));
    }

    /**
     * Replaces the body of version {@code expectedVersion}, making version {@code expectedVersion + 1};
     * 409 with the current version when another change came first, 404 when it is gone.
     */
    public Uni<StoredDefinition> update(SqlClient c, StoredDefinition before, int expectedVersion, Object body, Change change) {
        if (before.version() != expectedVersion) {
            return Uni.createFrom().failure(ApiException.staleVersion(wire(before.kind()) + " '" + before.id() + "'",
                    expectedVersion, before.version()));
        }
        String json = JsonCodec.encodeToString(body);
        return c.preparedQuery("update definition set version = version + 1, body = $4::text::jsonb, updated_at = $5, updated_by = $6,"
                        + " reason = $7 where kind = $1 and id = $2 and version = $3 returning " + COLUMNS)
                .execute(Tuple.from(java.util.Arrays.asList(wire(before.kind()), before.id(), expectedVersion, json, utc(change.at()),
                        change.actor(), nullable(change.reason()))))
                .flatMap(rs -> {
                    StoredDefinition after = first(rs);
                    if (after != null) {
                        return Uni.createFrom().item(after);
                    }
                    // a concurrent transaction committed first: report the version it made
                    return find(c, before.kind(), before.id()).map(current -> {
                        if (current == null) {
                            throw ApiException.notFound(wire(before.kind()) + " '" + before.id() + "'");
                        }
                        throw ApiException.staleVersion(wire(before.kind()) + " '" + before.id() + "'", expectedVersion, current.version());
                    });
                })
                .call(after -> history(c, after, before.body(), json, change))
                .call(after -> audit.append(c, change.actor(), wire(before.kind()), before.id(), "update", change.reason(),
                        before.body(), json));
    }

    public Uni<Void> delete(SqlClient c, StoredDefinition before, int expectedVersion, Change change) {
        if (before.version() != expectedVersion) {
            return Uni.createFrom().failure(ApiException.staleVersion(wire(before.kind()) + " '" + before.id() + "'",
                    expectedVersion, before.version()));
        }
        return c.preparedQuery("delete from definition where kind = $1 and id = $2 and version = $3")
                .execute(Tuple.of(wire(before.kind()), before.id(), expectedVersion))
                .invoke(rs -> {
                    if (rs.rowCount() == 0) {
                        throw ApiException.conflict(wire(before.kind()) + " '" + before.id() + "' was changed meanwhile; reload it");
                    }
                })
                .call(() -> c.preparedQuery("insert into definition_history (kind, id, version, project, changed_at, changed_by, reason, before, after)"
                                + " values ($1, $2, $3, $4, $5, $6, $7, $8::text::jsonb, null)")
                        .execute(Tuple.from(java.util.Arrays.asList(wire(before.kind()), before.id(), before.version() + 1, before.project(),
                                utc(change.at()), change.actor(), nullable(change.reason()), before.body()))))
                .call(() -> audit.append(c, change.actor(), wire(before.kind()), before.id(), "delete", change.reason(),
                        before.body(), null))
                .replaceWithVoid();
    }

    /** One version of a definition's history. {@code before}/{@code after} are JSON (null on create/delete). */
    public record Version(int version, Instant changedAt, String changedBy, String reason, String before, String after) {
    }

    public Uni<List<Version>> history(SqlClient c, Definition.Kind kind, String id, int offset, int limit) {
        return c.preparedQuery("select version, changed_at, changed_by, reason, before::text as before, after::text as after"
                        + " from definition_history where kind = $1 and id = $2 order by version desc offset $3 limit $4")
                .execute(Tuple.of(wire(kind), id, offset, limit))
                .map(rs -> {
                    List<Version> out = new ArrayList<>();
                    for (Row r : rs) {
                        out.add(new Version(r.getInteger("version"), r.getOffsetDateTime("changed_at").toInstant(),
                                r.getString("changed_by"), r.getString("reason"), r.getString("before"), r.getString("after")));
                    }
                    return out;
                });
    }

    public Uni<Long> historyCount(SqlClient c, Definition.Kind kind, String id) {
        return c.preparedQuery("select count(*) from definition_history where kind = $1 and id = $2")
                .execute(Tuple.of(wire(kind), id)).map(rs -> rs.iterator().next().getLong(0));
    }

    private Uni<Void> history(SqlClient c, StoredDefinition after, String beforeJson, String afterJson, Change change) {
        return c.preparedQuery("insert into definition_history (kind, id, version, project, changed_at, changed_by, reason, before, after)"
                        + " values ($1, $2, $3, $4, $5, $6, $7, $8::text::jsonb, $9::text::jsonb)")
                .execute(Tuple.from(java.util.Arrays.asList(wire(after.kind()), after.id(), after.version(), after.project(), utc(change.at()),
                        change.actor(), nullable(change.reason()), nullable(beforeJson), afterJson)))
                .replaceWithVoid();
    }

    public static String wire(Definition.Kind kind) {
        return kind.wireName();
    }

    static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    private static Object nullable(Object o) {
        return o;
    }

    private static StoredDefinition first(RowSet<Row> rs) {
        var it = rs.iterator();
        return it.hasNext() ? map(it.next()) : null;
    }

    private static List<StoredDefinition> all(RowSet<Row> rs) {
        List<StoredDefinition> out = new ArrayList<>();
        for (Row r : rs) {
            out.add(map(r));
        }
        return out;
    }

    private static StoredDefinition map(Row r) {
        return new StoredDefinition(Definition.Kind.parse(r.getString("kind")), r.getString("id"), r.getString("project"),
                r.getInteger("version"), r.getString("body"), r.getOffsetDateTime("updated_at").toInstant(),
                r.getString("updated_by"), r.getString("reason"));
    }
}
