package io.pilotage.ingestion.security;

import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Instant;
import java.util.Map;

/**
 * Remembers every bearer token quarkus-oidc verified (only successes reach an augmentor), with the
 * identity it established, until the token's {@code exp} (and at most the cache's max age). Runs
 * after every other augmentor, so the identity remembered is the final one. An identity answered
 * from the cache ({@link CachedBearerMechanism}) never reaches the augmentors, so it is not stored again.
 */
@ApplicationScoped
public class VerifiedTokenRecorder implements SecurityIdentityAugmentor {

    private final VerifiedTokenIdentities identities;

    public VerifiedTokenRecorder(VerifiedTokenIdentities identities) {
        this.identities = identities;
    }

    @Override
    public int priority() {
        return Integer.MIN_VALUE;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        return augment(identity, context, Map.of());
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context,
                                         Map<String, Object> attributes) {
        if (identities.cache().enabled() && !identity.isAnonymous()
                && identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getExpirationTime() > 0) {
            TokenCredential credential = identity.getCredential(TokenCredential.class);
            String token = credential == null ? null : credential.getToken();
            // only the bearer token the identity was verified from (never another credential's)
            if (token != null && token.equals(jwt.getRawToken())) {
                identities.cache().store(token, VerifiedTokenIdentities.Verified.of(identity),
                        Instant.ofEpochSecond(jwt.getExpirationTime()), Instant.now());
            }
        }
        return Uni.createFrom().item(identity);
    }
}
