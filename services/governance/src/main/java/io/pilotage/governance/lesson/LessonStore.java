package io.pilotage.governance.lesson;

import io.pilotage.contracts.JsonCodec;
import io.pilotage.governance.audit.AuditLog;
import io.pilotage.governance.rest.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The lessons-learned register (table {@code lesson}); every change audited. */
@ApplicationScoped
public class LessonStore {

    private static final String COLUMNS = "id, title, cause, lesson, good_practice, tags, projects, kpis, version, updated_at, updated_by";
    private static final String FILTER = " where ($1::text is null or $1 = any(tags)) and ($2::text is null or $2 = any(projects))"
            + " and ($3::text[] is null or kpis && $3)";

    private final AuditLog audit;

    public LessonStore(AuditLog audit) {
        this.audit = audit;
    }

    /** Lessons with a tag, of a project, linked to any of {@code kpis} (each filter optional). */
    public Uni<List<Lesson>> list(SqlClient c, String tag, String project, List<String> kpis, int offset, int limit) {
        return c.preparedQuery("select " + COLUMNS + " from lesson" + FILTER + " order by id offset $4 limit $5")
                .execute(Tuple.from(Arrays.asList(tag, project, kpis == null ? null : kpis.toArray(String[]::new), offset, limit)))
                .map(rs -> {
                    List<Lesson> out = new ArrayList<>();
                    for (Row r : rs) {
                        out.add(map(r));
                    }
                    return out;
                });
    }

    public Uni<Long> count(SqlClient c, String tag, String project, List<String> kpis) {
        return c.preparedQuery("select count(*) from lesson" + FILTER)
                .execute(Tuple.from(Arrays.asList(tag, project, kpis == null ? null : kpis.toArray(String[]::new))))
                .map(rs -> rs.iterator().next().getLong(0));
    }

    public Uni<Lesson> get(SqlClient c, String id) {
        return c.preparedQuery("select " + COLUMNS + " from lesson where id = $1").execute(Tuple.of(id)).map(rs -> {
            if (!rs.iterator().hasNext()) {
                throw ApiException.notFound("lesson '" + id + "'");
            }
            return map(rs.iterator().next());
        });
    }

    public Uni<Lesson> insert(SqlClient c, Lesson l, String actor) {
        return c.preparedQuery("insert into lesson (id, title, cause, lesson, good_practice, tags, projects, kpis, updated_by)"
                        + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict do nothing returning " + COLUMNS)
                .execute(Tuple.from(Arrays.asList(l.id(), l.title(), l.cause(), l.lesson(), l.goodPractice(), array(l.tags()),
                        array(l.projects()), array(l.kpis()), actor)))
                .map(rs -> {
                    if (!rs.iterator().hasNext()) {
                        throw ApiException.conflict("lesson '" + l.id() + "' already exists");
                    }
                    return map(rs.iterator().next());
                })
                .call(saved -> audit.append(c, actor, "lesson", saved.id(), "create", null, null, JsonCodec.encodeToString(saved)));
    }

    public Uni<Lesson> update(SqlClient c, Lesson before, Lesson l, String actor) {
        if (!before.version().equals(l.version())) {
            return Uni.createFrom().failure(ApiException.staleVersion("lesson '" + before.id() + "'", l.version(), before.version()));
        }
        return c.preparedQuery("update lesson set title = $3, cause = $4, lesson = $5, good_practice = $6, tags = $7, projects = $8,"
                        + " kpis = $9, updated_by = $10, updated_at = now(), version = version + 1 where id = $1 and version = $2"
                        + " returning " + COLUMNS)
                .execute(Tuple.from(Arrays.asList(before.id(), l.version(), l.title(), l.cause(), l.lesson(), l.goodPractice(),
                        array(l.tags()), array(l.projects()), array(l.kpis()), actor)))
                .map(rs -> {
                    if (!rs.iterator().hasNext()) {
                        throw ApiException.conflict("lesson '" + before.id() + "' was changed meanwhile; reload it");
                    }
                    return map(rs.iterator().next());
                })
                .call(saved -> audit.append(c, actor, "lesson", saved.id(), "update", null, JsonCodec.encodeToString(before),
                        JsonCodec.encodeToString(saved)));
    }

    private static String[] array(List<String> l) {
        return l.toArray(String[]::new);
    }

    private static Lesson map(Row r) {
        return new Lesson(r.getString("id"), r.getString("title"), r.getString("cause"), r.getString("lesson"),
                r.getString("good_practice"), List.of(r.getArrayOfStrings("tags")), List.of(r.getArrayOfStrings("projects")),
                List.of(r.getArrayOfStrings("kpis")), r.getInteger("version"), r.getOffsetDateTime("updated_at").toInstant(),
                r.getString("updated_by"));
    }
}
