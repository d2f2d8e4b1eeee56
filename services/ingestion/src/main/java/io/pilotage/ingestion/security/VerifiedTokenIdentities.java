package io.pilotage.ingestion.security;

import io.pilotage.contracts.security.VerifiedTokenCache;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.credential.Credential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
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

    /** A verified identity, detached from the request it came with. */
    record Verified(Principal principal, Set<String> roles, Set<Credential> credentials, Set<Permission> permissions,
                    Map<String, Object> attributes) {

        static Verified of(SecurityIdentity identity) {
            Map<String, Object> attributes = new HashMap<>(identity.getAttributes());
            attributes.remove(ROUTING_CONTEXT);
            attributes.remove(REQUEST_CONTEXT);
            attributes.values().removeIf(java.util.Objects::isNull);
            return new Verified(identity.getPrincipal(), Set.copyOf(identity.getRoles()),
                    Set.copyOf(identity.getCredentials()), Set.copyOf(identity.getPermissions()), Map.copyOf(attributes));
        }

        /** The identity again, for the request now being served ({@code request} may be null). */
        SecurityIdentity toIdentity(RoutingContext request) {
            QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                    .setPrincipal(principal).addRoles(roles).addCredentials(credentials).addPermissions(permissions)
                    .addAttributes(attributes);
            if (request != null) {
                builder.addAttribute(ROUTING_CONTEXT, request);
                if (request.get(REQUEST_CONTEXT) != null) {
                    builder.addAttribute(REQUEST_CONTEXT, request.get(REQUEST_CONTEXT));
                }
            }
            return builder.build();
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
