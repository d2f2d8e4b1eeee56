package io.pilotage.ingestion.ownership;

import io.pilotage.contracts.definition.ProjectDefinition;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who owns which project, as governance publishes the projects on {@code pilotage.definitions.v1}
 * (kind {@code project}, their {@code owners} being Keycloak usernames). Plain Java: the
 * definitions follower only calls {@link #put} and {@link #remove}.
 */
public final class ProjectOwners {

    private final Map<String, ProjectDefinition> projects = new ConcurrentHashMap<>();
    private final Map<String, Integer> versions = new ConcurrentHashMap<>();

    /** Registers or replaces a project; an older version than the one held is ignored. */
    public void put(ProjectDefinition project, int version) {
        versions.compute(project.key(), (key, held) -> {
            if (held != null && held > version) {
                return held;
            }
            projects.put(key, project);
            return version;
        });
    }

    public void remove(String key) {
        projects.remove(key);
        versions.remove(key);
    }

    /** Whether {@code username} is among the owners of {@code project} (false for an unknown or null project). */
    public boolean owns(String username, String project) {
        ProjectDefinition p = project == null ? null : projects.get(project);
        return p != null && p.isOwnedBy(username);
    }
}
