package io.pilotage.governance.review;

import java.time.Instant;
import java.util.List;

/**
 * A steering committee (DESIGN §5.3): members from IT, Finance, Security and Marketing.
 *
 * @param version the version edited, on replace (optimistic locking)
 */
public record Committee(String id, String name, List<Member> members, Integer version, Instant updatedAt, String updatedBy) {

    public Committee {
        members = members == null ? List.of() : List.copyOf(members);
    }

    /**
     * @param department {@code IT}, {@code Finance}, {@code Security} or {@code Marketing}
     * @param username   the member's Keycloak username, when they have one
     */
    public record Member(String name, String department, String role, String username) {
    }
}
