package io.pilotage.contracts.definition;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * A project (DESIGN §5.1) as published on {@code pilotage.definitions.v1}, so that every service
 * decides ownership locally.
 *
 * @param key       project key, e.g. {@code erp}
 * @param name      display name
 * @param objective what the project is for
 * @param sponsor   sponsoring direction
 * @param owners    Keycloak usernames of its owners ("responsables"); a {@code project-owner}
 *                  edits only the projects whose owners include them
 * @param status    {@code active}, {@code paused} or {@code closed}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProjectDefinition(String key, String name, String objective, String sponsor,
                                List<String> owners, String status) {

    public ProjectDefinition {
        owners = owners == null ? List.of() : List.copyOf(owners);
    }

    public boolean isOwnedBy(String username) {
        return username != null && owners.contains(username);
    }
}
