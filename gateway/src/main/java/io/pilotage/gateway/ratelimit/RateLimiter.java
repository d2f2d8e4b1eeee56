package io.pilotage.gateway.ratelimit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

/**
 * Per-client rate limits: one Bucket4j token bucket per client key (the token's subject for
 * authenticated callers, the client address otherwise), refilled at {@code requestsPerSecond}
 * and holding up to {@code burst} requests. Buckets live in a bounded cache: a client not seen
 * for ten minutes starts again with a full bucket.
 */
public final class RateLimiter {

    /** The answer for one request: allowed, or refused with how long to wait. */
    public record Verdict(boolean allowed, long retryAfterSeconds, long remaining) {
    }

    private final Cache<String, Bucket> buckets;
    private final Bandwidth bandwidth;
    private final TimeMeter clock;

    public RateLimiter(long requestsPerSecond, long burst, long maxClients) {
        this(requestsPerSecond, burst, maxClients, TimeMeter.SYSTEM_NANOTIME);
    }

    RateLimiter(long requestsPerSecond, long burst, long maxClients, TimeMeter clock) {
        if (requestsPerSecond <= 0 || burst <= 0) {
            throw new IllegalArgumentException("rate limits must be positive");
        }
        this.clock = clock;
        this.bandwidth = Bandwidth.builder()
                .capacity(Math.max(burst, requestsPerSecond))
                .refillGreedy(requestsPerSecond, Duration.ofSeconds(1))
                .build();
        this.buckets = Caffeine.newBuilder().maximumSize(maxClients).expireAfterAccess(Duration.ofMinutes(10)).build();
    }

    /** Takes one request from {@code clientKey}'s bucket. */
    public Verdict tryConsume(String clientKey) {
        Bucket bucket = buckets.get(clientKey, key -> Bucket.builder().addLimit(bandwidth).withCustomTimePrecision(clock).build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return new Verdict(true, 0, probe.getRemainingTokens());
        }
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
        return new Verdict(false, seconds, 0);
    }
}
