package io.pilotage.ingestion.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * Answers a bearer token from the {@link VerifiedTokenIdentities} when quarkus-oidc verified it
 * recently, before quarkus-oidc's own mechanism would parse and verify it again. Quarkus tries the
 * HTTP authentication mechanisms in descending priority and moves to the next one when a mechanism
 * answers null, so a miss here (no bearer token, a token not seen yet or no longer trusted, the cache
 * off) falls through to quarkus-oidc, which verifies the token fully and refuses it when it must: a
 * forged, expired or unknown token never gets further than there. {@link VerifiedTokenRecorder} then
 * remembers the success. This mechanism never refuses anything and issues no challenge of its own.
 */
@ApplicationScoped
public class CachedBearerMechanism implements HttpAuthenticationMechanism {

    /** Above quarkus-oidc's mechanism (which has the default priority, 1000 in Quarkus 3.34). */
    static final int PRIORITY = 2000;
    private static final String SCHEME = "Bearer ";

    private final VerifiedTokenIdentities identities;

    public CachedBearerMechanism(VerifiedTokenIdentities identities) {
        this.identities = identities;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        if (!identities.cache().enabled()) {
            return Uni.createFrom().nullItem();
        }
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Uni.createFrom().nullItem();
        }
        VerifiedTokenIdentities.Verified verified =
                identities.cache().find(authorization.substring(SCHEME.length()).trim());
        return verified == null ? Uni.createFrom().nullItem() : Uni.createFrom().item(verified.toIdentity(context));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }
}
