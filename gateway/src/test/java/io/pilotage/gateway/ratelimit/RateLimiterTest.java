package io.pilotage.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.github.bucket4j.TimeMeter;

class RateLimiterTest {

    private final AtomicLong nanos = new AtomicLong();
    private final TimeMeter clock = new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    };

    @Test
    void aClientMayBurstThenIsHeldToItsRateAndToldHowLongToWait() {
        RateLimiter limiter = new RateLimiter(2, 5, 100, clock);
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryConsume("a").allowed()).as("burst request %d", i).isTrue();
        }
        RateLimiter.Verdict refused = limiter.tryConsume("a");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);

        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(500)); // 2/s: one request back
        assertThat(limiter.tryConsume("a").allowed()).isTrue();
        assertThat(limiter.tryConsume("a").allowed()).isFalse();
    }

    @Test
    void clientsHaveTheirOwnBuckets() {
        RateLimiter limiter = new RateLimiter(1, 1, 100, clock);
        assertThat(limiter.tryConsume("a").allowed()).isTrue();
        assertThat(limiter.tryConsume("a").allowed()).isFalse();
        assertThat(limiter.tryConsume("b").allowed()).isTrue();
    }

    @Test
    void retryAfterRoundsUpToWholeSeconds() {
        RateLimiter limiter = new RateLimiter(1, 1, 100, clock);
        limiter.tryConsume("slow");
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
        assertThat(limiter.tryConsume("slow").retryAfterSeconds()).isEqualTo(1);
    }
}
