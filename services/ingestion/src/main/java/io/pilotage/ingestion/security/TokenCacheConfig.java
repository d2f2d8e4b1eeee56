package io.pilotage.ingestion.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code pilotage.ingestion.token-cache.*}: the cache of verified bearer tokens. */
@ConfigMapping(prefix = "pilotage.ingestion.token-cache")
public interface TokenCacheConfig {

    /** Off: every request's token is verified by quarkus-oidc (signature, expiry, issuer, audience). */
    @WithDefault("true")
    boolean enabled();

    /** Most tokens remembered at once; the least useful are evicted beyond it. */
    @WithDefault("10000")
    long maxSize();

    /**
     * Longest a verification is trusted (never past the token's {@code exp}): a signing key removed
     * from the realm stops being accepted at most this long after the token's last full check.
     */
    @WithDefault("60S")
    Duration maxAge();
}
