package io.pilotage.alerting.rest;

import io.pilotage.alerting.definition.Definitions;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

/**
 * Who calls, and what they may change: {@code admin} everything; a {@code project-owner} only
 * the alerts, silences, subscriptions and rules of the projects whose owners include them
 * (ownership from the project definitions).
 */
@RequestScoped
public class Caller {

    public static final String ADMIN = "admin";
    public static final String OWNER = "project-owner";

    private final SecurityIdentity identity;
    private final Definitions definitions;

    public Caller(SecurityIdentity identity, Definitions definitions) {
        this.identity = identity;
        this.definitions = definitions;
    }

    public String name() {
        return identity.getPrincipal().getName();
    }

    public boolean admin() {
        return identity.hasRole(ADMIN);
    }

    /** Refuses (403) unless the caller may manage the project; {@code project} null means "every project": admins only. */
    public void mayManage(String project, String what) {
        if (admin()) {
            return;
        }
        if (identity.hasRole(OWNER) && project != null && definitions.owns(name(), project)) {
            return;
        }
        throw ProblemException.forbidden(project == null
                ? "only an admin may " + what + " for every project"
                : "only an admin or an owner of project '" + project + "' may " + what);
    }
}
