package io.pilotage.gateway.security;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who is calling, as far as the access policy needs to know.
 *
 * @param authenticated whether the request carried a valid bearer token
 * @param roles         the Pilotage realm roles of the token (empty for anonymous callers)
 */
public record Caller(boolean authenticated, Set<Role> roles) {

    public Caller {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        if (!authenticated && !roles.isEmpty()) {
            throw new IllegalArgumentException("an anonymous caller has no roles");
        }
    }

    /** A request without a (valid) token. */
    public static Caller anonymous() {
        return new Caller(false, Set.of());
    }

    /** A valid token carrying {@code roles} (possibly none). */
    public static Caller withRoles(Set<Role> roles) {
        return new Caller(true, roles);
    }

    /** A valid token carrying {@code roles} (possibly none). */
    public static Caller withRoles(Role... roles) {
        return new Caller(true, Set.of(roles));
    }

    boolean has(Role role) {
        return roles.contains(role);
    }
}
