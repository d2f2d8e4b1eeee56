package io.pilotage.governance.project;

import java.util.List;

/**
 * A project as a client creates or replaces it.
 *
 * @param key     project key (create only; must match the path on replace when given)
 * @param owners  Keycloak usernames of its owners
 * @param status  {@code active}, {@code paused} or {@code closed}
 * @param version the version being replaced (required on replace: optimistic locking)
 * @param reason  why (recorded in the history and the audit log)
 */
public record ProjectRequest(String key, String name, String objective, String sponsor, List<String> owners,
                             String status, Integer version, String reason) {
}
