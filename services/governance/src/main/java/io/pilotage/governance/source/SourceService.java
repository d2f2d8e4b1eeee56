package io.pilotage.governance.source;

import io.pilotage.contracts.definition.SourceKeySeal;

import io.pilotage.contracts.Problem.FieldError;
import io.pilotage.contracts.definition.Definition;
import io.pilotage.contracts.definition.QualityRule;
import io.pilotage.contracts.definition.SourceDefinition;
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

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The sources registry (DESIGN §5.5): registration with a generated secret shown once, replacement,
 * quality rules, secret rotation with an overlap, deletion. Each change is a new version of the
 * source definition, audited and published (hashes and rules included) for ingestion.
 */
@ApplicationScoped
public class SourceService {

    public static final Set<String> KINDS = Set.of("odoo", "ga4", "qradar", "splunk", "generic");
    private static final Pattern ID = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,63}$");
    private static final Pattern ATTRIBUTE = Pattern.compile("^[A-Za-z_][A-Za-z0-9_.-]{0,99}$");
    /** The longest overlap a rotation may keep the previous secret valid. */
    public static final Duration MAX_OVERLAP = Duration.ofDays(30);

    private final Pool pool;
    private final DefinitionStore store;
    private final DefinitionPublisher publisher;
    private final ProjectService projects;
    private final SourceKeySeal seal;

    public SourceService(Pool pool, DefinitionStore store, DefinitionPublisher publisher, ProjectService projects,
                         SourceKeySeal seal) {
        this.seal = seal;
        this.pool = pool;
        this.store = store;
        this.publisher = publisher;
        this.projects = projects;
    }

    /** A new source and its secret, in clear, for the one answer that shows it. */
    public record Registered(StoredDefinition source, String secret) {
    }

    public Uni<StoredDefinition> get(SqlClient c, String id) {
        return store.find(c, Definition.Kind.SOURCE, id).invoke(s -> {
            if (s == null) {
                throw ApiException.notFound("source '" + id + "'");
            }
        });
    }

    public Uni<Registered> register(Caller caller, SourceRequest r) {
        List<FieldError> errors = validate(r, true);
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(ApiException.invalid(errors));
        }
        String secret = SourceSecrets.generate();
        SourceDefinition s = new SourceDefinition(r.id(), r.project(), r.kind(), seal.sealAll(SourceDefinition.SecretHash.of(secret)), r.mapping(),
                r.personalFields(), r.qualityRules(), r.expectedInterval(), r.acceptedLateness());
        return pool.withTransaction(c -> projectOf(c, r.project(), "project")
                .invoke(p -> GovernancePolicy.requireProjectEditor(caller, p.asProject()))
                .flatMap(p -> store.insert(c, Definition.Kind.SOURCE, s.id(), s.project(), s, Change.by(caller.username(), r.reason())))
                .call(saved -> publisher.publish(saved.toDefinition())))
                .map(saved -> new Registered(saved, secret));
    }

    public Uni<StoredDefinition> replace(Caller caller, String id, SourceRequest r) {
        List<FieldError> errors = validate(r, false);
        if (r.id() != null && !r.id().equals(id)) {
            errors.add(new FieldError("id", "a source's id cannot change (path says '" + id + "')"));
        }
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(ApiException.invalid(errors));
        }
        return change(caller, id, r.version(), r.reason(), r.project(), before -> new SourceDefinition(id, r.project(), r.kind(),
                before.secrets(), r.mapping(), r.personalFields(), r.qualityRules() == null ? before.qualityRules() : r.qualityRules(),
                r.expectedInterval(), r.acceptedLateness()));
    }

    public Uni<StoredDefinition> replaceRules(Caller caller, String id, Integer version, List<QualityRule> rules, String reason) {
        List<FieldError> errors = new ArrayList<>(QualityRuleValidator.validate(rules, "rules"));
        if (rules == null) {
            errors.add(new FieldError("rules", "required: the source's complete list of rules (may be empty)"));
        }
        if (version == null) {
            errors.add(new FieldError("version", "required: the version of the source you edited (optimistic locking)"));
        }
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(ApiException.invalid(errors));
        }
        return change(caller, id, version, reason, null, before -> new SourceDefinition(id, before.project(), before.kind(),
                before.secrets(), before.mapping(), before.personalFields(), rules, before.expectedInterval(), before.acceptedLateness()));
    }

    /** A new secret, current at once; the previous one stays valid for {@code overlap}. */
    public Uni<Registered> rotate(Caller caller, String id, Integer version, Duration overlap) {
        List<FieldError> errors = new ArrayList<>();
        if (version == null) {
            errors.add(new FieldError("version", "required: the version of the source you rotate (optimistic locking)"));
        }
        if (overlap == null || overlap.isNegative() || overlap.compareTo(MAX_OVERLAP) > 0) {
            errors.add(new FieldError("overlap", "an ISO-8601 duration from PT0S to P30D, e.g. PT24H"));
        }
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(ApiException.invalid(errors));
        }
        String secret = SourceSecrets.generate();
        Instant now = Instant.now();
        return change(caller, id, version, "secret rotated (previous one valid for " + overlap + ")", null,
                before -> new SourceDefinition(id, before.project(), before.kind(),
                        seal.sealAll(SourceSecrets.rotate(before.secrets(), secret, now, overlap)), before.mapping(), before.personalFields(),
                        before.qualityRules(), before.expectedInterval(), before.acceptedLateness()))
                .map(saved -> new Registered(saved, secret));
    }

    public Uni<Void> delete(Caller caller, String id, Integer version, String reason) {
        if (version == null) {
            return Uni.createFrom().failure(ApiException.invalid("version", "required: the version you delete (optimistic locking)"));
        }
        return pool.withTransaction(c -> get(c, id)
                .call(before -> projectOf(c, before.project(), "project")
                        .invoke(p -> GovernancePolicy.requireProjectEditor(caller, p.asProject())))
                .flatMap(before -> store.delete(c, before, version, Change.by(caller.username(), reason)))
                .call(() -> publisher.tombstone(Definition.sourceKey(id))));
    }

    private Uni<StoredDefinition> change(Caller caller, String id, int version, String reason, String newProject,
                                         java.util.function.Function<SourceDefinition, SourceDefinition> edit) {
        return pool.withTransaction(c -> get(c, id)
                .call(before -> projectOf(c, before.project(), "project")
                        .invoke(p -> GovernancePolicy.requireProjectEditor(caller, p.asProject())))
                .call(before -> newProject == null || newProject.equals(before.project()) ? Uni.createFrom().voidItem()
                        : projectOf(c, newProject, "project").invoke(p -> GovernancePolicy.requireProjectEditor(caller, p.asProject()))
                        .replaceWithVoid())
                .flatMap(before -> store.update(c, before, version, edit.apply(before.asSource()), Change.by(caller.username(), reason)))
                .call(saved -> publisher.publish(saved.toDefinition())));
    }

    private Uni<StoredDefinition> projectOf(SqlClient c, String project, String field) {
        return store.find(c, Definition.Kind.PROJECT, project).invoke(p -> {
            if (p == null) {
                throw ApiException.invalid(field, "no project '" + project + "'");
            }
        });
    }

    static List<FieldError> validate(SourceRequest r, boolean creating) {
        List<FieldError> e = new ArrayList<>();
        if (creating && (r.id() == null || !ID.matcher(r.id()).matches())) {
            e.add(new FieldError("id", "required: 1-64 lower-case letters, digits, '.', '_' or '-', e.g. odoo-prod"));
        }
        if (!creating && r.version() == null) {
            e.add(new FieldError("version", "required: the version you edited (optimistic locking)"));
        }
        if (r.project() == null || r.project().isBlank()) {
            e.add(new FieldError("project", "required"));
        }
        if (r.kind() == null || !KINDS.contains(r.kind())) {
            e.add(new FieldError("kind", "one of generic, ga4, odoo, qradar, splunk"));
        }
        if (r.mapping() != null && io.pilotage.contracts.JsonCodec.encode(r.mapping()).length > 64 * 1024) {
            e.add(new FieldError("mapping", "at most 64 KiB"));
        }
        if (r.personalFields() != null) {
            for (int i = 0; i < r.personalFields().size(); i++) {
                String f = r.personalFields().get(i);
                if (f == null || !ATTRIBUTE.matcher(f).matches()) {
                    e.add(new FieldError("personalFields[" + i + "]", "must be an attribute name"));
                }
            }
        }
        positive(e, "expectedInterval", r.expectedInterval());
        positive(e, "acceptedLateness", r.acceptedLateness());
        e.addAll(QualityRuleValidator.validate(r.qualityRules(), "qualityRules"));
        return e;
    }

    private static void positive(List<FieldError> e, String field, Duration d) {
        if (d != null && (d.isNegative() || d.isZero())) {
            e.add(new FieldError(field, "must be a positive ISO-8601 duration, e.g. PT15M"));
        }
    }
}
