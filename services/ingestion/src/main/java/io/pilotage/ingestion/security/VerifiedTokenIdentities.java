package io.pilotage.ingestion.security;

import io.pilotage.contracts.security.VerifiedTokenCache;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.credential.Credential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.security.Permission;
import java.security.Principal;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@link VerifiedTokenCache} of ingestion, holding what quarkus-oidc established for a token
 * (principal, roles, credentials, permissions, attributes), without the request it was verified
 * on, and its metrics: {@code pilotage_ingestion_token_cache_total{result="hit"|"miss"}} and
 * {@code pilotage_ingestion_token_cache_entries}.
 */
@ApplicationScoped
public class VerifiedTokenIdentities {

    /** Attributes of an identity that belong to the HTTP request it was built for (as quarkus-oidc sets them). */
    static final String ROUTING_CONTEXT = RoutingContext.class.getName();
    static final String REQUEST_CONTEXT = AuthenticationRequestContext.class.getName();

    /**
     * A verified identity, detached from the request it came with: built once, when the token is
     * stored, and handed to each later request behind a {@link RequestIdentity} that adds the
     * request's own attributes. Building a fresh identity per request (copying roles, credentials,
     * permissions and attributes into a new builder) was about 5 % of ingestion's CPU on single-event
     * requests.
     */
    record Verified(SecurityIdentity detached) {

        static Verified of(SecurityIdentity identity) {
            Map<String, Object> attributes = new HashMap<>(identity.getAttributes());
            attributes.remove(ROUTING_CONTEXT);
            attributes.remove(REQUEST_CONTEXT);
            attributes.values().removeIf(java.util.Objects::isNull);
            return new Verified(QuarkusSecurityIdentity.builder()
                    .setPrincipal(identity.getPrincipal()).addRoles(Set.copyOf(identity.getRoles()))
                    .addCredentials(Set.copyOf(identity.getCredentials()))
                    .addPermissions(Set.copyOf(identity.getPermissions())).addAttributes(Map.copyOf(attributes))
                    .build());
        }

        /** The identity again, for the request now being served ({@code request} may be null). */
        SecurityIdentity toIdentity(RoutingContext request) {
            return request == null ? detached : new RequestIdentity(detached, request, request.get(REQUEST_CONTEXT));
        }
    }

    /**
     * A verified identity as one request sees it: everything from the detached identity, plus the
     * request's routing context and authentication request context among its attributes (as
     * quarkus-oidc sets them on the identities it builds).
     */
    static final class RequestIdentity implements SecurityIdentity {
        private final SecurityIdentity detached;
        private final RoutingContext routingContext;
        private final Object requestContext;

        RequestIdentity(SecurityIdentity detached, RoutingContext routingContext, Object requestContext) {
            this.detached = detached;
            this.routingContext = routingContext;
            this.requestContext = requestContext;
        }

        @Override
        public Principal getPrincipal() {
            return detached.getPrincipal();
        }

        @Override
        public boolean isAnonymous() {
            return detached.isAnonymous();
        }

        @Override
        public Set<String> getRoles() {
            return detached.getRoles();
        }

        @Override
        public boolean hasRole(String role) {
            return detached.hasRole(role);
        }

        @Override
        public Set<Permission> getPermissions() {
            return detached.getPermissions();
        }

        @Override
        public <T extends Credential> T getCredential(Class<T> type) {
            return detached.getCredential(type);
        }

        @Override
        public Set<Credential> getCredentials() {
            return detached.getCredentials();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getAttribute(String name) {
            if (ROUTING_CONTEXT.equals(name)) {
                return (T) routingContext;
            }
            if (REQUEST_CONTEXT.equals(name) && requestContext != null) {
                return (T) requestContext;
            }
            return detached.getAttribute(name);
        }

        @Override
        public Map<String, Object> getAttributes() {
            Map<String, Object> all = new HashMap<>(detached.getAttributes());
            all.put(ROUTING_CONTEXT, routingContext);
            if (requestContext != null) {
                all.put(REQUEST_CONTEXT, requestContext);
            }
            return Map.copyOf(all);
        }

        @Override
        public Uni<Boolean> checkPermission(Permission permission) {
            return detached.checkPermission(permission);
        }

        @Override
        public boolean checkPermissionBlocking(Permission permission) {
            return detached.checkPermissionBlocking(permission);
        }
    }

    private final VerifiedTokenCache<Verified> cache;

    /**
     * @param enabled {@code pilotage.ingestion.token-cache.enabled}: off, every token is verified in full
     * @param maxSize {@code .max-size}: most tokens remembered, the least useful evicted beyond it
     * @param maxAge  {@code .max-age}: longest a verification is trusted (never past the token's exp)
     */
    public VerifiedTokenIdentities(@ConfigProperty(name = "pilotage.ingestion.token-cache.enabled") boolean enabled,
                                   @ConfigProperty(name = "pilotage.ingestion.token-cache.max-size") long maxSize,
                                   @ConfigProperty(name = "pilotage.ingestion.token-cache.max-age") Duration maxAge,
                                   MeterRegistry registry) {
        this.cache = new VerifiedTokenCache<>(new VerifiedTokenCache.Settings(enabled, maxSize, maxAge));
        FunctionCounter.builder("pilotage.ingestion.token.cache", cache, VerifiedTokenCache::hits)
                .tag("result", "hit").description("bearer tokens answered from the verified-token cache")
                .register(registry);
        FunctionCounter.builder("pilotage.ingestion.token.cache", cache, VerifiedTokenCache::misses)
                .tag("result", "miss").description("bearer tokens verified by quarkus-oidc (not in the cache)")
                .register(registry);
        Gauge.builder("pilotage.ingestion.token.cache.entries", cache, VerifiedTokenCache::size)
                .description("verified tokens held").register(registry);
    }

    VerifiedTokenCache<Verified> cache() {
        return cache;
    }
}
