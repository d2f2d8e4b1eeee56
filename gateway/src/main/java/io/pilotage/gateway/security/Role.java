package io.pilotage.gateway.security;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** The realm roles of the {@code pilotage} Keycloak realm, as they appear in {@code realm_access.roles}. */
public enum Role {
    /** Everything. */
    ADMIN("admin"),
    /** Steering committee: reads everything; writes committees, reviews (and their decisions), actions, lessons. */
    COMMITTEE("committee"),
    /** Reads everything; writes KPI definitions, sources, quality rules, subscriptions; acks and silences alerts. */
    PROJECT_OWNER("project-owner"),
    /** Reads and exports everything; imports CSV events. */
    ANALYST("analyst"),
    /** Service accounts of source systems: posts events, nothing else. */
    INGEST("ingest");

    private final String claimValue;

    Role(String claimValue) {
        this.claimValue = claimValue;
    }

    /** The role's name in the token. */
    public String claimValue() {
        return claimValue;
    }

    /** The role named {@code claimValue} in a token, if it is one of Pilotage's. */
    public static Optional<Role> fromClaim(String claimValue) {
        for (Role role : values()) {
            if (role.claimValue.equals(claimValue)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    /** The Pilotage roles among a token's role names; unknown names are ignored. */
    public static Set<Role> fromClaims(Iterable<String> claimValues) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String claimValue : claimValues) {
            fromClaim(claimValue).ifPresent(roles::add);
        }
        return roles;
    }
}
