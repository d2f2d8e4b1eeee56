package io.pilotage.governance.project;

import io.pilotage.contracts.definition.Definition;
import io.pilotage.contracts.definition.ProjectDefinition;
import io.pilotage.governance.definition.DefinitionPublisher;
import io.pilotage.governance.definition.DefinitionStore;
import io.pilotage.governance.definition.DefinitionStore.Change;
import io.pilotage.governance.definition.StoredDefinition;
import io.pilotage.governance.rest.ApiException;
import io.pilotage.governance.security.Caller;
import io.pilotage.governance.security.GovernancePolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashSet;

/** Creates, replaces and deletes projects: stored, audited and published in one transaction. */
@ApplicationScoped
public class ProjectService {

    private final Pool pool;
    private final DefinitionStore store;
    private final DefinitionPublisher publisher;

    public ProjectService(Pool pool, DefinitionStore store, DefinitionPublisher publisher) {
        this.pool = pool;
        this.store = store;
        this.publisher = publisher;
    }

    /** The project, or 404. */
    public Uni<StoredDefinition> get(SqlClient c, String key) {
        return store.find(c, Definition.Kind.PROJECT, key).invoke(p -> {
            if (p == null) {
                throw ApiException.notFound("project '" + key + "'");
            }
        });
    }

    public Uni<StoredDefinition> create(Caller caller, ProjectRequest r) {
        GovernancePolicy.requireAdmin(caller, "create a project");
        var errors = ProjectValidator.validate(r, true);
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(ApiException.invalid(errors));
        }
        ProjectDefinition p = definition(r.key(), r);
        return pool.withTransaction(c -> store.insert(c, Definition.Kind.PROJECT, p.key(), p.key(), p,
                        Change.by(caller.username(), r.reason()))
                .call(saved -> publisher.publish(saved.toDefinition())));
    }

    public Uni<StoredDefinition> replace(Caller caller, String key, ProjectRequest r) {
        var errors = ProjectValidator.validate(r, false);
        if (r.key() != null && !r.key().equals(key)) {
            errors.add(new io.pilotage.contracts.Problem.FieldError("key", "a project's key cannot change (path says '" + key + "')"));
        }
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(ApiException.invalid(errors));
        }
        return pool.withTransaction(c -> get(c, key).flatMap(before -> {
            ProjectDefinition current = before.asProject();
            GovernancePolicy.requireProjectEditor(caller, current);
            if (!new HashSet<>(current.owners()).equals(new HashSet<>(r.owners()))) {
                GovernancePolicy.requireAdmin(caller, "change who owns a project");
            }
            return store.update(c, before, r.version(), definition(key, r), Change.by(caller.username(), r.reason()))
                    .call(saved -> publisher.publish(saved.toDefinition()));
        }));
    }

    /** Deletes a project that has no KPI and no source left (tombstone on the topic). */
    public Uni<Void> delete(Caller caller, String key, Integer version, String reason) {
        GovernancePolicy.requireAdmin(caller, "delete a project");
        if (version == null) {
            return Uni.createFrom().failure(ApiException.invalid("version", "required: the version you delete (optimistic locking)"));
        }
        return pool.withTransaction(c -> get(c, key)
                .call(() -> store.count(c, Definition.Kind.KPI, key).flatMap(kpis -> store.count(c, Definition.Kind.SOURCE, key)
                        .invoke(sources -> {
                            if (kpis + sources > 0) {
                                throw ApiException.conflict("project '" + key + "' still has " + kpis + " KPI(s) and "
                                        + sources + " source(s); delete them first or set its status to closed");
                            }
                        })))
                .flatMap(before -> store.delete(c, before, version, Change.by(caller.username(), reason)))
                .call(() -> publisher.tombstone(Definition.projectKey(key))));
    }

    private static ProjectDefinition definition(String key, ProjectRequest r) {
        return new ProjectDefinition(key, r.name().strip(), r.objective().strip(), r.sponsor().strip(),
                r.owners().stream().distinct().toList(), r.status());
    }
}
