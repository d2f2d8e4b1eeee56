package io.pilotage.governance.review;

import com.fasterxml.jackson.core.type.TypeReference;
import io.pilotage.contracts.JsonCodec;
import io.pilotage.governance.audit.AuditLog;
import io.pilotage.governance.rest.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** Committees, reviews, decisions and actions in PostgreSQL; every change audited in the same transaction. */
@ApplicationScoped
public class ReviewStore {

    private static final String ACTION_COLUMNS = "id, review, title, owner, due_date, status, version, updated_at, updated_by";
    private static final String ACTION_FILTER = " where ($1::boolean is not true or (due_date < $2 and status in ('open', 'in_progress')))"
            + " and ($3::text is null or owner = $3) and ($4::text is null or status = $4) and ($5::uuid is null or review = $5)";

    private final AuditLog audit;

    public ReviewStore(AuditLog audit) {
        this.audit = audit;
    }

    // --- committees ----------------------------------------------------------------------------

    public Uni<Committee> committee(SqlClient c, String id) {
        return c.preparedQuery("select id, name, members::text as members, version, updated_at, updated_by from committee where id = $1")
                .execute(Tuple.of(id)).map(rs -> one(rs, ReviewStore::committee, "committee '" + id + "'"));
    }

    public Uni<List<Committee>> committees(SqlClient c, int offset, int limit) {
        return c.preparedQuery("select id, name, members::text as members, version, updated_at, updated_by from committee"
                + " order by id offset $1 limit $2").execute(Tuple.of(offset, limit)).map(rs -> all(rs, ReviewStore::committee));
    }

    public Uni<Long> count(SqlClient c, String table) {
        return c.query("select count(*) from " + table).execute().map(rs -> rs.iterator().next().getLong(0));
    }

    public Uni<Committee> insert(SqlClient c, Committee k, String actor) {
        return c.preparedQuery("insert into committee (id, name, members, updated_by) values ($1, $2, $3::text::jsonb, $4)"
                        + " on conflict do nothing returning id, name, members::text as members, version, updated_at, updated_by")
                .execute(Tuple.of(k.id(), k.name(), JsonCodec.encodeToString(k.members()), actor))
                .map(rs -> {
                    if (!rs.iterator().hasNext()) {
                        throw ApiException.conflict("committee '" + k.id() + "' already exists");
                    }
                    return committee(rs.iterator().next());
                })
                .call(saved -> audit.append(c, actor, "committee", saved.id(), "create", null, null, JsonCodec.encodeToString(saved)));
    }

    public Uni<Committee> update(SqlClient c, Committee before, Committee k, String actor) {
        if (!before.version().equals(k.version())) {
            return Uni.createFrom().failure(ApiException.staleVersion("committee '" + before.id() + "'", k.version(), before.version()));
        }
        return c.preparedQuery("update committee set name = $3, members = $4::text::jsonb, version = version + 1, updated_at = now(),"
                        + " updated_by = $5 where id = $1 and version = $2"
                        + " returning id, name, members::text as members, version, updated_at, updated_by")
                .execute(Tuple.of(before.id(), k.version(), k.name(), JsonCodec.encodeToString(k.members()), actor))
                .map(rs -> {
                    if (!rs.iterator().hasNext()) {
                        throw ApiException.conflict("committee '" + before.id() + "' was changed meanwhile; reload it");
                    }
                    return committee(rs.iterator().next());
                })
                .call(saved -> audit.append(c, actor, "committee", saved.id(), "update", null, JsonCodec.encodeToString(before),
                        JsonCodec.encodeToString(saved)));
    }

    // --- reviews -------------------------------------------------------------------------------

    private static final String REVIEW_COLUMNS = "id, committee, kind, period, held_on, projects, attendees::text as attendees,"
            + " snapshot::text as snapshot, created_at, created_by";

    public Uni<Review> insert(SqlClient c, Review r) {
        return c.preparedQuery("insert into review (id, committee, kind, period, held_on, projects, attendees, snapshot, created_by)"
                        + " values ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8::text::jsonb, $9) returning " + REVIEW_COLUMNS)
                .execute(Tuple.from(Arrays.asList(r.id(), r.committee(), r.kind(), r.period(), r.heldOn(),
                        r.projects().toArray(String[]::new), JsonCodec.encodeToString(r.attendees()),
                        JsonCodec.encodeToString(r.snapshot()), r.createdBy())))
                .map(rs -> review(rs.iterator().next()))
                .call(saved -> audit.append(c, r.createdBy(), "review", saved.id().toString(), "create", null, null,
                        JsonCodec.encodeToString(saved)));
    }

    /** The review with its decisions and actions. */
    public Uni<Review> review(SqlClient c, UUID id) {
        return c.preparedQuery("select " + REVIEW_COLUMNS + " from review where id = $1").execute(Tuple.of(id))
                .map(rs -> one(rs, ReviewStore::review, "review '" + id + "'"))
                .flatMap(r -> decisions(c, id).flatMap(d -> actions(c, false, null, null, id, LocalDate.now(ZoneOffset.UTC), 0, 10_000)
                        .map(a -> r.with(d, a))));
    }

    public Uni<List<Review>> reviews(SqlClient c, String committee, int offset, int limit) {
        return c.preparedQuery("select " + REVIEW_COLUMNS + " from review where ($1::text is null or committee = $1)"
                        + " order by held_on desc, created_at desc offset $2 limit $3")
                .execute(Tuple.of(committee, offset, limit)).map(rs -> all(rs, ReviewStore::review));
    }

    public Uni<Long> countReviews(SqlClient c, String committee) {
        return c.preparedQuery("select count(*) from review where ($1::text is null or committee = $1)")
                .execute(Tuple.of(committee)).map(rs -> rs.iterator().next().getLong(0));
    }

    // --- decisions and actions -----------------------------------------------------------------

    public Uni<Review.Decision> insert(SqlClient c, Review.Decision d) {
        return c.preparedQuery("insert into decision (id, review, text, kpis, created_by) values ($1, $2, $3, $4, $5)"
                        + " returning id, review, text, kpis, created_at, created_by")
                .execute(Tuple.of(d.id(), d.review(), d.text(), d.kpis().toArray(String[]::new), d.createdBy()))
                .map(rs -> decision(rs.iterator().next()))
                .call(saved -> audit.append(c, d.createdBy(), "decision", saved.id().toString(), "create", null, null,
                        JsonCodec.encodeToString(saved)));
    }

    public Uni<List<Review.Decision>> decisions(SqlClient c, UUID review) {
        return c.preparedQuery("select id, review, text, kpis, created_at, created_by from decision where review = $1 order by created_at, id")
                .execute(Tuple.of(review)).map(rs -> all(rs, ReviewStore::decision));
    }

    public Uni<Review.Action> insert(SqlClient c, UUID review, ReviewRequests.ActionRequest a, String actor, LocalDate today) {
        UUID id = UUID.randomUUID();
        return c.preparedQuery("insert into review_action (id, review, title, owner, due_date, status, updated_by)"
                        + " values ($1, $2, $3, $4, $5, $6, $7) returning " + ACTION_COLUMNS)
                .execute(Tuple.from(Arrays.asList(id, review, a.title(), a.owner(), a.dueDate(),
                        a.status() == null ? "open" : a.status(), actor)))
                .map(rs -> action(rs.iterator().next(), today))
                .call(saved -> audit.append(c, actor, "action", id.toString(), "create", null, null, JsonCodec.encodeToString(saved)));
    }

    public Uni<Review.Action> action(SqlClient c, UUID id, LocalDate today) {
        return c.preparedQuery("select " + ACTION_COLUMNS + " from review_action where id = $1").execute(Tuple.of(id))
                .map(rs -> one(rs, r -> action(r, today), "action '" + id + "'"));
    }

    public Uni<Review.Action> update(SqlClient c, Review.Action before, ReviewRequests.ActionRequest a, String actor, LocalDate today) {
        if (before.version() != a.version()) {
            return Uni.createFrom().failure(ApiException.staleVersion("action '" + before.id() + "'", a.version(), before.version()));
        }
        return c.preparedQuery("update review_action set title = $3, owner = $4, due_date = $5, status = $6, version = version + 1,"
                        + " updated_at = now(), updated_by = $7 where id = $1 and version = $2 returning " + ACTION_COLUMNS)
                .execute(Tuple.from(Arrays.asList(before.id(), a.version(), a.title(), a.owner(), a.dueDate(),
                        a.status() == null ? before.status() : a.status(), actor)))
                .map(rs -> {
                    if (!rs.iterator().hasNext()) {
                        throw ApiException.conflict("action '" + before.id() + "' was changed meanwhile; reload it");
                    }
                    return action(rs.iterator().next(), today);
                })
                .call(saved -> audit.append(c, actor, "action", before.id().toString(), "update", null,
                        JsonCodec.encodeToString(before), JsonCodec.encodeToString(saved)));
    }

    /** Actions, by due date; {@code overdue}: past due and still open or in progress. */
    public Uni<List<Review.Action>> actions(SqlClient c, boolean overdue, String owner, String status, UUID review, LocalDate today,
                                            int offset, int limit) {
        return c.preparedQuery("select " + ACTION_COLUMNS + " from review_action" + ACTION_FILTER
                        + " order by due_date, id offset $6 limit $7")
                .execute(Tuple.from(Arrays.asList(overdue, today, owner, status, review, offset, limit)))
                .map(rs -> all(rs, r -> action(r, today)));
    }

    public Uni<Long> countActions(SqlClient c, boolean overdue, String owner, String status, UUID review, LocalDate today) {
        return c.preparedQuery("select count(*) from review_action" + ACTION_FILTER)
                .execute(Tuple.from(Arrays.asList(overdue, today, owner, status, review)))
                .map(rs -> rs.iterator().next().getLong(0));
    }

    // --- mapping -------------------------------------------------------------------------------

    private static Committee committee(Row r) {
        return new Committee(r.getString("id"), r.getString("name"), read(r.getString("members"), new TypeReference<>() { }),
                r.getInteger("version"), r.getOffsetDateTime("updated_at").toInstant(), r.getString("updated_by"));
    }

    private static Review review(Row r) {
        return new Review(r.getUUID("id"), r.getString("committee"), r.getString("kind"), r.getString("period"),
                r.getLocalDate("held_on"), List.of(r.getArrayOfStrings("projects")),
                read(r.getString("attendees"), new TypeReference<>() { }), read(r.getString("snapshot"), new TypeReference<>() { }),
                r.getOffsetDateTime("created_at").toInstant(), r.getString("created_by"), List.of(), List.of());
    }

    private static Review.Decision decision(Row r) {
        return new Review.Decision(r.getUUID("id"), r.getUUID("review"), r.getString("text"), List.of(r.getArrayOfStrings("kpis")),
                r.getOffsetDateTime("created_at").toInstant(), r.getString("created_by"));
    }

    private static Review.Action action(Row r, LocalDate today) {
        LocalDate due = r.getLocalDate("due_date");
        String status = r.getString("status");
        boolean overdue = due.isBefore(today) && (status.equals("open") || status.equals("in_progress"));
        return new Review.Action(r.getUUID("id"), r.getUUID("review"), r.getString("title"), r.getString("owner"), due, status,
                r.getInteger("version"), r.getOffsetDateTime("updated_at").toInstant(), r.getString("updated_by"), overdue);
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JsonCodec.mapper().readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T one(RowSet<Row> rs, Function<Row, T> map, String what) {
        if (!rs.iterator().hasNext()) {
            throw ApiException.notFound(what);
        }
        return map.apply(rs.iterator().next());
    }

    private static <T> List<T> all(RowSet<Row> rs, Function<Row, T> map) {
        List<T> out = new ArrayList<>();
        for (Row r : rs) {
            out.add(map.apply(r));
        }
        return out;
    }
}
