package io.pilotage.gateway.security;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.pilotage.gateway.routing.Resource;

/**
 * The role matrix: may this caller use this method on this resource? Plain Java, no I/O.
 *
 * <ul>
 *   <li>Resources that are not {@linkplain Resource.Authentication#BEARER bearer}-protected
 *       (health, metrics, OpenAPI, the source adapters) are allowed to anyone: the gateway does
 *       not ask for a token there (source adapters are checked by the service with the source's
 *       secret).</li>
 *   <li>Everything else needs a valid token ({@link Decision#UNAUTHENTICATED} otherwise).</li>
 *   <li>{@code admin} may do everything.</li>
 *   <li>Reads ({@code GET}, {@code HEAD}) are allowed to {@code committee}, {@code project-owner}
 *       and {@code analyst}; not to {@code ingest}, which only posts events; history imports
 *       ({@link Resource#BACKFILL}) are read by admins only.</li>
 *   <li>Any other method is a write, allowed to the roles {@link #writers(Resource)} lists.</li>
 * </ul>
 *
 * <p>The gateway checks roles only. Ownership ("a project owner edits the KPIs of the projects
 * they own") is checked by the services, which see the same token.
 */
public final class AccessPolicy {

    private static final Set<Role> READERS = EnumSet.of(Role.COMMITTEE, Role.PROJECT_OWNER, Role.ANALYST);

    private final Map<Resource, Set<Role>> writers;
    private final Map<Resource, Set<Role>> readers;

    public AccessPolicy() {
        Map<Resource, Set<Role>> reading = new EnumMap<>(Resource.class);
        for (Resource resource : Resource.values()) {
            reading.put(resource, READERS);
        }
        // history imports and their audit: admin only, reads included
        reading.put(Resource.BACKFILL, EnumSet.noneOf(Role.class));
        this.readers = reading;

        Map<Resource, Set<Role>> table = new EnumMap<>(Resource.class);
        for (Resource resource : Resource.values()) {
            table.put(resource, EnumSet.noneOf(Role.class));
        }
        table.put(Resource.EVENTS, EnumSet.of(Role.INGEST));
        table.put(Resource.EVENTS_CSV, EnumSet.of(Role.INGEST, Role.ANALYST));
        table.put(Resource.QUARANTINE, EnumSet.of(Role.PROJECT_OWNER));

        table.put(Resource.ALERTS, EnumSet.of(Role.PROJECT_OWNER));
        table.put(Resource.SILENCES, EnumSet.of(Role.PROJECT_OWNER));
        table.put(Resource.SUBSCRIPTIONS, EnumSet.of(Role.PROJECT_OWNER));
        table.put(Resource.DEFINITIONS, EnumSet.of(Role.PROJECT_OWNER));
        table.put(Resource.SOURCES, EnumSet.of(Role.PROJECT_OWNER));
        table.put(Resource.QUALITY_RULES, EnumSet.of(Role.PROJECT_OWNER));

        table.put(Resource.COMMITTEES, EnumSet.of(Role.COMMITTEE));
        table.put(Resource.REVIEWS, EnumSet.of(Role.COMMITTEE));
        table.put(Resource.ACTIONS, EnumSet.of(Role.COMMITTEE));
        table.put(Resource.LESSONS, EnumSet.of(Role.COMMITTEE));
        // KPIS, KPI_RECOMPUTE, SCORECARDS, PORTFOLIO, PROJECTS, AUDIT, BACKFILL: admin only
        this.writers = table;
    }

    /** Whether the method only reads: {@code GET} or {@code HEAD}. */
    public static boolean isRead(String method) {
        String upper = method.toUpperCase(Locale.ROOT);
        return upper.equals("GET") || upper.equals("HEAD");
    }

    /** Whether the gateway needs the caller's identity to decide on this resource. */
    public static boolean requiresToken(Resource resource) {
        return resource.authentication() == Resource.Authentication.BEARER;
    }

    /** The roles besides {@code admin} that may write (any method but GET/HEAD) to a resource. */
    public Set<Role> writers(Resource resource) {
        return Set.copyOf(writers.get(resource));
    }

    /**
     * The roles that may use {@code method} on a bearer-protected resource, {@code admin} included.
     * Empty for resources that need no token (anyone may).
     */
    public Set<Role> rolesAllowed(Resource resource, String method) {
        if (!requiresToken(resource)) {
            return Set.of();
        }
        EnumSet<Role> roles = EnumSet.of(Role.ADMIN);
        roles.addAll(isRead(method) ? readers.get(resource) : writers.get(resource));
        return roles;
    }

    /**
     * The decision for {@code caller} using {@code method} on {@code resource}.
     *
     * @param resource what the route addresses
     * @param method   the HTTP method, any case
     * @param caller   who calls; {@link Caller#anonymous()} without a valid token
     */
    public Decision decide(Resource resource, String method, Caller caller) {
        if (!requiresToken(resource)) {
            return Decision.ALLOW;
        }
        if (!caller.authenticated()) {
            return Decision.UNAUTHENTICATED;
        }
        if (caller.has(Role.ADMIN)) {
            return Decision.ALLOW;
        }
        Set<Role> allowed = isRead(method) ? readers.get(resource) : writers.get(resource);
        for (Role role : caller.roles()) {
            if (allowed.contains(role)) {
                return Decision.ALLOW;
            }
        }
        return Decision.FORBIDDEN;
    }
}
