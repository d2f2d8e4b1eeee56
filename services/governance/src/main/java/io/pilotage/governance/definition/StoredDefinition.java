package io.pilotage.governance.definition;

import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.definition.Definition;
import io.pilotage.contracts.definition.KpiDefinition;
import io.pilotage.contracts.definition.ProjectDefinition;
import io.pilotage.contracts.definition.SourceDefinition;

import java.time.Instant;

/**
 * The current version of a project, KPI definition or source as stored: the JSON of its
 * contracts record ({@code body}), with its version and who made it, when and why.
 */
public record StoredDefinition(Definition.Kind kind, String id, String project, int version, String body,
                               Instant updatedAt, String updatedBy, String reason) {

    public ProjectDefinition asProject() {
        return JsonCodec.decode(body, ProjectDefinition.class);
    }

    public KpiDefinition asKpi() {
        return JsonCodec.decode(body, KpiDefinition.class).withVersion(version);
    }

    public SourceDefinition asSource() {
        return JsonCodec.decode(body, SourceDefinition.class);
    }

    /** The record published on {@code pilotage.definitions.v1}. */
    public Definition toDefinition() {
        return switch (kind) {
            case PROJECT -> Definition.of(asProject(), version, updatedAt, updatedBy, reason);
            case KPI -> Definition.of(asKpi(), updatedAt, updatedBy, reason);
            case SOURCE -> Definition.of(asSource(), version, updatedAt, updatedBy, reason);
        };
    }
}
