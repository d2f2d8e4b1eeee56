package io.pilotage.ingestion.ownership;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The project owners (kept in step by {@code SourceDefinitions}) and the ownership rule, as beans. */
@ApplicationScoped
public class OwnershipConfiguration {

    @Produces
    @ApplicationScoped
    ProjectOwners projectOwners() {
        return new ProjectOwners();
    }

    @Produces
    @ApplicationScoped
    Ownership ownership(ProjectOwners owners) {
        return new Ownership(owners);
    }
}
