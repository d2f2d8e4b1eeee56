package io.pilotage.governance.security;

import io.quarkus.security.identity.SecurityIdentity;

import java.util.Set;

/** Who is calling: the token's username and realm roles. */
public record Caller(String username, Set<String> roles) {

    public static final String ADMIN = "admin";
    public static final String COMMITTEE = "committee";
    public static final String PROJECT_OWNER = "project-owner";
    public static final String ANALYST = "analyst";

    public Caller {
        roles = Set.copyOf(roles);
    }

    public static Caller of(SecurityIdentity identity) {
        return new Caller(identity.getPrincipal().getName(), identity.getRoles());
    }

    public boolean is(String role) {
        return roles.contains(role);
    }
}
