package io.pilotage.alerting.definition;

import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.definition.Definition;
import io.pilotage.contracts.definition.KpiDefinition;
import io.pilotage.contracts.definition.KpiYaml;
import io.pilotage.contracts.definition.ProjectDefinition;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The KPI definitions and projects alerting works with: those published by governance on
 * {@code pilotage.definitions.v1} (kept in table {@code definition} so a restart needs no replay),
 * over the built-in catalogue and seed projects ({@link KpiYaml}) until governance publishes them.
 */
@ApplicationScoped
public class Definitions {

    private final Pool pool;
    private final Map<String, KpiDefinition> kpis = new ConcurrentHashMap<>();
    private final Map<String, ProjectDefinition> projects = new ConcurrentHashMap<>();
    private final Map<String, Integer> versions = new ConcurrentHashMap<>();

    public Definitions(Pool pool) {
        this.pool = pool;
        KpiYaml.catalogue().forEach(k -> kpis.put(Definition.kpiKey(k.project(), k.key()), k));
        KpiYaml.seedProjects().forEach(p -> projects.put(p.key(), p));
    }

    /** Loads what earlier runs stored (called once at start-up). */
    public Uni<Void> load() {
        return pool.query("select key, kind, version, body from definition").execute().invoke(rows -> {
            for (Row r : rows) {
                String body = r.getJsonObject("body").encode();
                remember(r.getString("kind"), body, r.getString("key"), r.getInteger("version"));
            }
            Log.infof("definitions: %d KPIs, %d projects", kpis.size(), projects.size());
        }).replaceWithVoid();
    }

    private void remember(String kind, String body, String key, int version) {
        if ("kpi".equals(kind)) {
            KpiDefinition k = JsonCodec.decode(body, KpiDefinition.class);
            kpis.put(key, k);
        } else if ("project".equals(kind)) {
            ProjectDefinition p = JsonCodec.decode(body, ProjectDefinition.class);
            projects.put(p.key(), p);
        }
        versions.put(key, version);
    }

    /** Applies a record of the definitions topic (older versions than the one known are ignored). */
    public Uni<Boolean> apply(Definition d) {
        if (d.kind() == Definition.Kind.SOURCE) {
            return Uni.createFrom().item(false);
        }
        String key = d.key();
        Integer known = versions.get(key);
        if (known != null && known >= d.version()) {
            return Uni.createFrom().item(false);
        }
        Object body = d.kind() == Definition.Kind.KPI ? d.kpi() : d.project();
        String json = JsonCodec.encodeToString(body);
        return pool.preparedQuery("""
                        insert into definition (key, kind, version, body, updated_at) values ($1, $2, $3, $4, now())
                        on conflict (key) do update set kind = excluded.kind, version = excluded.version,
                          body = excluded.body, updated_at = now() where definition.version < excluded.version""")
                .execute(Tuple.of(key, d.kind().wireName(), d.version(), new JsonObject(json)))
                .invoke(() -> remember(d.kind().wireName(), json, key, d.version()))
                .replaceWith(true);
    }

    public Optional<KpiDefinition> kpi(String project, String kpi) {
        return Optional.ofNullable(kpis.get(Definition.kpiKey(project, kpi)));
    }

    /** The KPI's name by language, empty when the alert has no KPI or the KPI is not known (yet). */
    public Map<String, String> kpiName(String project, String kpi) {
        return kpi == null ? Map.of() : kpi(project, kpi).map(KpiDefinition::name).orElse(Map.of());
    }

    public List<KpiDefinition> kpisOf(String project) {
        return kpis.values().stream().filter(k -> k.project().equals(project)).toList();
    }

    public List<String> projectKeys() {
        return List.copyOf(projects.keySet());
    }

    public Optional<ProjectDefinition> project(String key) {
        return Optional.ofNullable(projects.get(key));
    }

    public boolean owns(String username, String project) {
        return project(project).map(p -> p.isOwnedBy(username)).orElse(false);
    }
}
