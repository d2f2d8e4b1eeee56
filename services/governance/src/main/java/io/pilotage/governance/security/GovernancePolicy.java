package io.pilotage.governance.security;

import io.pilotage.contracts.definition.ProjectDefinition;
import io.pilotage.governance.rest.ApiException;

/**
 * Who may change what (DESIGN §6), decided here and nowhere else. Every human role reads
 * everything (enforced by {@code @RolesAllowed} on the resources); writes:
 * <ul>
 *   <li>{@code admin}: everything;</li>
 *   <li>{@code project-owner}: the KPI definitions, sources and quality rules of the projects it
 *       owns; 403 on every other project (the project record itself is admin-only);</li>
 *   <li>{@code committee}: committees, reviews, decisions, actions, lessons learned;</li>
 *   <li>{@code analyst}: nothing.</li>
 * </ul>
 */
public final class GovernancePolicy {

    private GovernancePolicy() {
    }

    public static boolean mayEditProjectData(Caller caller, ProjectDefinition project) {
        return caller.is(Caller.ADMIN) || (caller.is(Caller.PROJECT_OWNER) && project.isOwnedBy(caller.username()));
    }

    /** A project's KPIs, sources and quality rules (the project record itself is admin-only, by @RolesAllowed). */
    public static void requireProjectEditor(Caller caller, ProjectDefinition project) {
        if (!mayEditProjectData(caller, project)) {
            throw ApiException.forbidden("only an owner of project '" + project.key()
                    + "' or an admin may change it, its KPIs, sources and quality rules");
        }
    }

    /** Creating or deleting a project, or changing who owns it. */
    public static void requireAdmin(Caller caller, String what) {
        if (!caller.is(Caller.ADMIN)) {
            throw ApiException.forbidden("only an admin may " + what);
        }
    }

    public static boolean mayEditReviews(Caller caller) {
        return caller.is(Caller.ADMIN) || caller.is(Caller.COMMITTEE);
    }

    /** Committees, reviews, decisions, actions and lessons learned. */
    public static void requireCommittee(Caller caller) {
        if (!mayEditReviews(caller)) {
            throw ApiException.forbidden("only the steering committee or an admin may change reviews, decisions, actions and lessons");
        }
    }
}
