package io.pilotage.ingestion.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Answers a bearer token from the {@link VerifiedTokenIdentities} when it verified recently, before
 * quarkus-oidc would verify it again. Quarkus asks the identity providers of a request type in
 * descending {@link #priority()} and moves to the next one when a provider answers null, so a miss
 * here falls through to quarkus-oidc's provider (the default priority, 1001), which verifies the token fully (and
 * refuses it when it must: a token with a wrong signature or past its expiry never gets further than
 * there); {@link VerifiedTokenRecorder} then remembers the success.
 */
@ApplicationScoped
public class CachedTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    /** Request attribute marking an identity that came from the cache (so it is not stored again). */
    static final String FROM_CACHE = "io.pilotage.ingestion.token-cache.hit";

    private final VerifiedTokenIdentities identities;

    public CachedTokenIdentityProvider(VerifiedTokenIdentities identities) {
        this.identities = identities;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Above quarkus-oidc's provider, which has the default priority (1001 in Quarkus 3.34). */
    static final int PRIORITY = 2000;

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        if (!identities.cache().enabled() || request.getToken() == null || request.getToken().getToken() == null) {
            return Uni.createFrom().nullItem();
        }
        VerifiedTokenIdentities.Verified verified = identities.cache().find(request.getToken().getToken());
        if (verified == null) {
            return Uni.createFrom().nullItem();
        }
        request.setAttribute(FROM_CACHE, Boolean.TRUE);
        return Uni.createFrom().item(verified.toIdentity(HttpSecurityUtils.getRoutingContextAttribute(request)));
    }
}
