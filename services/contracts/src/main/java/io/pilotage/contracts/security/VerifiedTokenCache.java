package io.pilotage.contracts.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.pilotage.contracts.Sha256;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a bearer token was verified to mean, remembered so that a client sending the same token on
 * every request is not verified again on every request (verification was about half of the
 * gateway's CPU and ~45 % of ingestion's on {@code POST /events}). The one policy of both, in plain
 * Java:
 *
 * <ul>
 *   <li>the key is the SHA-256 of the token (hex): the token itself is never held;</li>
 *   <li>an entry is trusted until the token's {@code exp} or {@code maxAge} after it was stored,
 *       whichever comes first, so a signing key removed from the realm (rotation, revocation)
 *       stops being trusted at most {@code maxAge} after the token was last fully verified;</li>
 *   <li>a second store of a token already held does not extend its life;</li>
 *   <li>only successes are stored (the caller stores what verified); a refused token is
 *       verified, and refused, every time;</li>
 *   <li>at most {@code maxSize} entries, the least useful evicted first.</li>
 * </ul>
 *
 * @param <V> what a verification established (ingestion: the security identity; the gateway: the
 *            caller's roles and rate-limit key)
 */
public final class VerifiedTokenCache<V> {

    /** {@code enabled} false: nothing is stored, every lookup misses. */
    public record Settings(boolean enabled, long maxSize, Duration maxAge) {
        public Settings {
            if (maxSize < 1) {
                throw new IllegalArgumentException("max-size must be at least 1, got " + maxSize);
            }
            if (maxAge.isNegative() || maxAge.isZero()) {
                throw new IllegalArgumentException("max-age must be positive, got " + maxAge);
            }
        }
    }

    /** A stored verification and the ticker time past which it is no longer trusted. */
    private record Held<V>(V verified, long trustedUntilNanos) {
    }

    private final Settings settings;
    private final Ticker ticker;
    private final Cache<String, Held<V>> held;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    public VerifiedTokenCache(Settings settings) {
        this(settings, Ticker.systemTicker());
    }

    /** With the given clock (tests move it). */
    public VerifiedTokenCache(Settings settings, Ticker ticker) {
        this.settings = settings;
        this.ticker = ticker;
        this.held = Caffeine.newBuilder()
                .maximumSize(settings.maxSize())
                .ticker(ticker)
                // its upkeep (eviction, expiry) on the calling thread, in small amortised steps: handed
                // to the common pool, it woke a thread every few reads under load
                .executor(Runnable::run)
                .expireAfter(Expiry.<String, Held<V>>creating(
                        (digest, h) -> Duration.ofNanos(Math.max(0, h.trustedUntilNanos() - ticker.read()))))
                .build();
    }

    public boolean enabled() {
        return settings.enabled();
    }

    /** The verification remembered for {@code token}, or null (counted as a hit or a miss). */
    public V find(String token) {
        if (!settings.enabled()) {
            return null;
        }
        Held<V> h = held.getIfPresent(digest(token));
        if (h == null || ticker.read() - h.trustedUntilNanos() >= 0) {
            misses.increment();
            return null;
        }
        hits.increment();
        return h.verified();
    }

    /**
     * Remembers that {@code token} verified as {@code verified}; {@code expiresAt} is the token's
     * {@code exp}. Returns false (nothing stored) when the cache is off, the token has no expiry
     * or has already expired.
     */
    public boolean store(String token, V verified, Instant expiresAt, Instant now) {
        if (!settings.enabled() || expiresAt == null) {
            return false;
        }
        Duration untilExpiry = Duration.between(now, expiresAt);
        if (untilExpiry.isNegative() || untilExpiry.isZero()) {
            return false;
        }
        long trustFor = Math.min(untilExpiry.toNanos(), settings.maxAge().toNanos());
        held.asMap().putIfAbsent(digest(token), new Held<>(verified, ticker.read() + trustFor));
        return true;
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }

    /** Entries held now (expired ones cleaned first). */
    public long size() {
        held.cleanUp();
        return held.estimatedSize();
    }

    /** The cache key of a token: its SHA-256 in hex. */
    static String digest(String token) {
        return HexFormat.of().formatHex(Sha256.perThread().digest(token.getBytes(StandardCharsets.UTF_8)));
    }
}
