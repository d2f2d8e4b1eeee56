package io.pilotage.ingestion.ownership;

import java.util.Set;

/**
 * The one ownership rule of ingestion: an {@code admin} acts on every project; a
 * {@code project-owner} only on the projects whose owners include them; nobody else. Plain Java.
 */
public final class Ownership {

    public static final String ADMIN = "admin";
    public static final String OWNER = "project-owner";

    private final ProjectOwners owners;

    public Ownership(ProjectOwners owners) {
        this.owners = owners;
    }

    /**
     * Whether a caller named {@code username} with {@code roles} may act on data of {@code project}
     * (null: of no known project, which only an admin may act on).
     */
    public boolean mayActOn(String username, Set<String> roles, String project) {
        if (roles.contains(ADMIN)) {
            return true;
        }
        return roles.contains(OWNER) && owners.owns(username, project);
    }
}
