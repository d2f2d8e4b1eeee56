package io.pilotage.governance.project;

import io.pilotage.contracts.definition.ProjectDefinition;
import io.pilotage.governance.definition.StoredDefinition;

import java.time.Instant;
import java.util.List;

/** A project as the API answers it: the published definition plus its version and last change. */
public record ProjectView(String key, String name, String objective, String sponsor, List<String> owners, String status,
                          int version, Instant updatedAt, String updatedBy) {

    static ProjectView of(StoredDefinition stored) {
        ProjectDefinition p = stored.asProject();
        return new ProjectView(p.key(), p.name(), p.objective(), p.sponsor(), p.owners(), p.status(), stored.version(),
                stored.updatedAt(), stored.updatedBy());
    }
}
