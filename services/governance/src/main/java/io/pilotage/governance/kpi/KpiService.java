package io.pilotage.governance.kpi;

import io.pilotage.contracts.definition.Definition;
import io.pilotage.contracts.definition.KpiDefinition;
import io.pilotage.contracts.definition.KpiYaml;
import io.pilotage.governance.definition.DefinitionPublisher;
import io.pilotage.governance.definition.DefinitionStore;
import io.pilotage.governance.definition.DefinitionStore.Change;
import io.pilotage.governance.definition.StoredDefinition;
import io.pilotage.governance.project.ProjectService;
import io.pilotage.governance.rest.ApiException;
import io.pilotage.governance.security.Caller;
import io.pilotage.governance.security.GovernancePolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * KPI definitions of a project: one at a time (JSON) or a whole file (YAML, "KPIs as code").
 * Every change is versioned (history: who, when, why, before/after), audited and published on
 * {@code pilotage.definitions.v1} in the same transaction.
 */
@ApplicationScoped
public class KpiService {

    private final Pool pool;
    private final DefinitionStore store;
    private final DefinitionPublisher publisher;
    private final ProjectService projects;

    public KpiService(Pool pool, DefinitionStore store, DefinitionPublisher publisher, ProjectService projects) {
        this.pool = pool;
        this.store = store;
        this.publisher = publisher;
        this.projects = projects;
    }

    public Uni<StoredDefinition> get(SqlClient c, String project, String key) {
        return store.find(c, Definition.Kind.KPI, key).invoke(k -> {
            if (k == null || !k.project().equals(project)) {
                throw ApiException.notFound("KPI '" + key + "' of project '" + project + "'");
            }
        });
    }

    /** Ownership is decided before the body is looked at: another project's owner gets 403, never a 400. */
    public Uni<StoredDefinition> create(Caller caller, String project, KpiDefinition k, String reason) {
        return pool.withTransaction(c -> projects.get(c, project)
                .invoke(p -> GovernancePolicy.requireProjectEditor(caller, p.asProject()))
                .invoke(p -> {
                    var errors = KpiValidator.validate(k, project, "");
                    if (!errors.isEmpty()) {
                        throw ApiException.invalid(errors);
                    }
                })
                .flatMap(p -> store.insert(c, Definition.Kind.KPI, k.key(), project, withProject(k, project),
                        Change.by(caller.username(), reason)))
                .call(saved -> publisher.publish(saved.toDefinition())));
    }

    /** Replaces version {@code k.version()} of a KPI; 409 with the current version if it changed meanwhile. */
    public Uni<StoredDefinition> replace(Caller caller, String project, String key, KpiDefinition k, String reason) {
        return pool.withTransaction(c -> projects.get(c, project)
                .invoke(p -> GovernancePolicy.requireProjectEditor(caller, p.asProject()))
                .invoke(p -> {
                    var errors = KpiValidator.validate(k, project, "");
                    if (k != null && k.key() != null && !k.key().equals(key)) {
                        errors.add(new io.pilotage.contracts.Problem.FieldError("key", "a KPI's key cannot change (path says '" + key + "')"));
                    }
                    if (k != null && k.version() < 1) {
                        errors.add(new io.pilotage.contracts.Problem.FieldError("version", "required: the version you edited (optimistic locking)"));
                    }
                    if (!errors.isEmpty()) {
                        throw ApiException.invalid(errors);
                    }
                })
                .flatMap(p -> get(c, project, key))
                .flatMap(before -> store.update(c, before, k.version(), withProject(k, project), Change.by(caller.username(), reason)))
                .call(saved -> publisher.publish(saved.toDefinition())));
    }

    public Uni<Void> delete(Caller caller, String project, String key, Integer version, String reason) {
        return pool.withTransaction(c -> projects.get(c, project)
                .invoke(p -> GovernancePolicy.requireProjectEditor(caller, p.asProject()))
                .invoke(p -> {
                    if (version == null) {
                        throw ApiException.invalid("version", "required: the version you delete (optimistic locking)");
                    }
                })
                .flatMap(p -> get(c, project, key))
                .flatMap(before -> store.delete(c, before, version, Change.by(caller.username(), reason)))
                .call(() -> publisher.tombstone(Definition.kpiKey(project, key))));
    }

    /** The project's KPI file, every KPI with its current version. */
    public Uni<String> exportYaml(String project) {
        return pool.withConnection(c -> projects.get(c, project)
                .flatMap(p -> store.list(c, Definition.Kind.KPI, project, 0, Integer.MAX_VALUE))
                .map(rows -> KpiYaml.write(new KpiYaml.ProjectKpis(project, rows.stream().map(StoredDefinition::asKpi).toList()))));
    }

    /** The plan of a KPI file: errors and diff, nothing changed. */
    public Uni<KpiPlan> dryRun(String project, String yaml, boolean prune) {
        KpiFileParser.ParsedFile file = KpiFileParser.parse(yaml);
        return pool.withConnection(c -> projects.get(c, project).flatMap(p -> plan(c, project, file, prune, false)));
    }

    /**
     * Applies a KPI file atomically: everything or nothing. 400 with every error, 409 when the
     * file is based on versions that are no longer current.
     */
    public Uni<KpiPlan> apply(Caller caller, String project, String yaml, boolean prune, String reason) {
        KpiFileParser.ParsedFile file = KpiFileParser.parse(yaml);
        return pool.withTransaction(c -> store.findForUpdate(c, Definition.Kind.PROJECT, project)
                .invoke(p -> {
                    if (p == null) {
                        throw ApiException.notFound("project '" + project + "'");
                    }
                    GovernancePolicy.requireProjectEditor(caller, p.asProject());
                })
                .flatMap(p -> plan(c, project, file, prune, true))
                .invoke(plan -> {
                    if (plan.onlyVersionConflicts()) {
                        throw new ApiException(new io.pilotage.contracts.Problem(
                                java.net.URI.create("https://pilotage.io/problems/stale-version"), "Conflict", 409,
                                plan.errors().getFirst().reason() + "; export the file again and re-apply your change",
                                null, plan.errors(), null));
                    }
                    if (!plan.valid()) {
                        throw ApiException.invalid(plan.errors());
                    }
                })
                .call(plan -> execute(c, caller, project, file, plan, reason)));
    }

    private Uni<KpiPlan> plan(SqlClient c, String project, KpiFileParser.ParsedFile file, boolean prune, boolean lock) {
        Map<String, KpiDefinition> current = new HashMap<>();
        Uni<Void> chain = store.list(c, Definition.Kind.KPI, project, 0, Integer.MAX_VALUE)
                .invoke(rows -> rows.forEach(r -> current.put(r.id(), r.asKpi()))).replaceWithVoid();
        for (KpiPlan.FileKpi f : file.kpis()) {
            if (f.kpi() != null && f.kpi().key() != null) {
                String key = f.kpi().key();
                chain = chain.call(() -> (lock ? store.findForUpdate(c, Definition.Kind.KPI, key) : store.find(c, Definition.Kind.KPI, key))
                        .invoke(r -> {
                            if (r != null) {
                                current.put(key, r.asKpi());
                            }
                        }));
            }
        }
        return chain.map(v -> KpiPlan.of(project, file.project(), file.kpis(), current, prune));
    }

    private Uni<Void> execute(SqlClient c, Caller caller, String project, KpiFileParser.ParsedFile file, KpiPlan plan, String reason) {
        Map<String, KpiDefinition> byKey = new HashMap<>();
        file.kpis().forEach(f -> byKey.put(f.kpi().key(), withProject(f.kpi(), project)));
        Change change = Change.by(caller.username(), reason == null ? "KPI file applied" : reason);
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (KpiPlan.KpiChange ch : plan.changes()) {
            switch (ch.action()) {
                case KpiPlan.CREATE -> chain = chain.call(() -> store.insert(c, Definition.Kind.KPI, ch.kpi(), project, byKey.get(ch.kpi()), change)
                        .flatMap(saved -> publisher.publish(saved.toDefinition())));
                case KpiPlan.UPDATE -> chain = chain.call(() -> store.find(c, Definition.Kind.KPI, ch.kpi())
                        .flatMap(before -> store.update(c, before, ch.fromVersion(), byKey.get(ch.kpi()), change))
                        .flatMap(saved -> publisher.publish(saved.toDefinition())));
                case KpiPlan.DELETE -> chain = chain.call(() -> store.find(c, Definition.Kind.KPI, ch.kpi())
                        .flatMap(before -> store.delete(c, before, ch.fromVersion(), change))
                        .flatMap(v -> publisher.tombstone(Definition.kpiKey(project, ch.kpi()))));
                default -> {
                    // unchanged or kept: nothing to do
                }
            }
        }
        return chain;
    }

    private static KpiDefinition withProject(KpiDefinition k, String project) {
        return new KpiDefinition(k.key(), project, k.name(), k.unit(), k.direction(), k.target(), k.thresholds(),
                k.frequency(), k.owner(), k.window(), k.measure(), 1);
    }
}
