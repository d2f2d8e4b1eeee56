package io.pilotage.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * Bearer tokens the gateway has already verified (signature, expiry, issuer, audience), so that a
 * client sending the same token again is not verified again: verification was about half of the
 * gateway's CPU under load.
 *
 * <ul>
 *   <li>Keyed by the SHA-256 of the token, never by the token itself.</li>
 *   <li>An entry never outlives the token's {@code exp}, and never lives longer than
 *       {@code maxAge}: a token signed by a key the realm has since removed (key rotation) is
 *       accepted at most {@code maxAge} after it was last verified.</li>
 *   <li>Bounded: at most {@code maxSize} entries, the least used evicted first.</li>
 *   <li>Only successes are kept: a refused token is verified (and refused) every time.</li>
 * </ul>
 */
public final class VerifiedTokens {

    /** What a verification established: who calls, the rate-limit key, until when it holds. */
    public record Verified(Caller caller, String clientKey, long expiresAtNanos) {
    }

    private final Cache<String, Verified> cache;
    private final Ticker ticker;
    private final long maxAgeNanos;

    public VerifiedTokens(long maxSize, Duration maxAge) {
        this(maxSize, maxAge, Ticker.systemTicker());
    }

    VerifiedTokens(long maxSize, Duration maxAge, Ticker ticker) {
        this.ticker = ticker;
        this.maxAgeNanos = maxAge.toNanos();
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxSize)
                .ticker(ticker)
                .expireAfter(new Expiry<String, Verified>() {
                    @Override
                    public long expireAfterCreate(String key, Verified value, long currentTime) {
                        return Math.max(0, value.expiresAtNanos() - currentTime);
                    }

                    @Override
                    public long expireAfterUpdate(String key, Verified value, long currentTime, long currentDuration) {
                        return expireAfterCreate(key, value, currentTime);
                    }

                    @Override
                    public long expireAfterRead(String key, Verified value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    /** The earlier verification of {@code token}, if one is still trusted. */
    public Verified lookup(String token) {
        Verified verified = cache.getIfPresent(hash(token));
        if (verified == null || ticker.read() >= verified.expiresAtNanos()) {
            return null;
        }
        return verified;
    }

    /**
     * Remembers that {@code token} verified, for {@code caller}, until its expiry
     * {@code expEpochSeconds} (or {@code maxAge} from now, whichever comes first).
     */
    public void remember(String token, Caller caller, String clientKey, long expEpochSeconds, long nowEpochMillis) {
        long untilExpiryNanos = TimeUnit.MILLISECONDS.toNanos(expEpochSeconds * 1000 - nowEpochMillis);
        long ttl = Math.min(untilExpiryNanos, maxAgeNanos);
        if (ttl <= 0) {
            return;
        }
        cache.put(hash(token), new Verified(caller, clientKey, ticker.read() + ttl));
    }

    /** Entries currently held (for tests and metrics). */
    public long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    static String hash(String token) {
        byte[] digest = SHA_256.get().digest(token.getBytes(StandardCharsets.US_ASCII));
        return Base64.getEncoder().withoutPadding().encodeToString(digest);
    }

    /**
     * One digest per thread (the event loops), reused: {@code MessageDigest.getInstance} looks the
     * algorithm up among the security providers each time, which cost more than the hashing.
     */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    });
}
