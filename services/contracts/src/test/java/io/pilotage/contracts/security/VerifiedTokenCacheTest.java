package io.pilotage.contracts.security;

import com.github.benmanes.caffeine.cache.Ticker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The policy of the verified-token cache, on a clock the test moves. */
class VerifiedTokenCacheTest {

    private static final Instant NOW = Instant.parse("2026-11-27T03:00:00Z");

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final Ticker ticker = nanos::get;

    private VerifiedTokenCache<String> cache(long maxSize, Duration maxAge) {
        return new VerifiedTokenCache<>(new VerifiedTokenCache.Settings(true, maxSize, maxAge), ticker);
    }

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    @Test
    void aStoredTokenIsFoundAndAnotherIsNot() {
        VerifiedTokenCache<String> cache = cache(100, Duration.ofSeconds(60));
        assertThat(cache.store("token-a", "ingest:svc", NOW.plusSeconds(300), NOW)).isTrue();

        assertThat(cache.find("token-a")).isEqualTo("ingest:svc");
        assertThat(cache.find("token-b")).isNull();
        assertThat(cache.find("token-a" + "x")).isNull();
        assertThat(cache.hits()).isEqualTo(1);
        assertThat(cache.misses()).isEqualTo(2);
    }

    @Test
    void neverTrustedPastTheTokensExpiry() {
        VerifiedTokenCache<String> cache = cache(100, Duration.ofSeconds(60));
        cache.store("token", "v", NOW.plusSeconds(10), NOW);

        advance(Duration.ofSeconds(10).minusNanos(1));
        assertThat(cache.find("token")).isEqualTo("v");
        advance(Duration.ofNanos(1));
        assertThat(cache.find("token")).isNull();
    }

    @Test
    void neverTrustedLongerThanTheMaxAgeEvenWhenTheTokenLivesLonger() {
        VerifiedTokenCache<String> cache = cache(100, Duration.ofSeconds(30));
        cache.store("token", "v", NOW.plusSeconds(3600), NOW);

        advance(Duration.ofSeconds(29));
        assertThat(cache.find("token")).isEqualTo("v");
        advance(Duration.ofSeconds(1));
        assertThat(cache.find("token")).isNull();
    }

    @Test
    void storingAgainDoesNotExtendTheTrust() {
        VerifiedTokenCache<String> cache = cache(100, Duration.ofSeconds(30));
        cache.store("token", "v", NOW.plusSeconds(3600), NOW);
        advance(Duration.ofSeconds(20));
        cache.store("token", "v", NOW.plusSeconds(3600), NOW.plusSeconds(20));

        advance(Duration.ofSeconds(10));
        assertThat(cache.find("token")).isNull();
    }

    @Test
    void aTokenAlreadyExpiredOrWithoutExpiryIsNotStored() {
        VerifiedTokenCache<String> cache = cache(100, Duration.ofSeconds(30));

        assertThat(cache.store("expired", "v", NOW.minusSeconds(1), NOW)).isFalse();
        assertThat(cache.store("expiring-now", "v", NOW, NOW)).isFalse();
        assertThat(cache.store("no-exp", "v", null, NOW)).isFalse();
        assertThat(cache.find("expired")).isNull();
        assertThat(cache.find("expiring-now")).isNull();
        assertThat(cache.find("no-exp")).isNull();
        assertThat(cache.size()).isZero();
    }

    @Test
    void boundedInSize() {
        VerifiedTokenCache<String> cache = cache(50, Duration.ofSeconds(30));
        for (int i = 0; i < 500; i++) {
            cache.store("token-" + i, "v" + i, NOW.plusSeconds(300), NOW);
        }
        assertThat(cache.size()).isLessThanOrEqualTo(50);
    }

    @Test
    void offItRemembersNothing() {
        VerifiedTokenCache<String> cache = new VerifiedTokenCache<>(
                new VerifiedTokenCache.Settings(false, 100, Duration.ofSeconds(30)), ticker);

        assertThat(cache.store("token", "v", NOW.plusSeconds(300), NOW)).isFalse();
        assertThat(cache.find("token")).isNull();
        assertThat(cache.size()).isZero();
        assertThat(cache.hits() + cache.misses()).isZero();
    }

    @Test
    void theKeyIsTheTokensSha256NotTheToken() {
        String digest = VerifiedTokenCache.digest("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzdmMifQ.c2lnbmF0dXJl");

        assertThat(digest).hasSize(64).matches("[0-9a-f]+").doesNotContain("eyJ");
        // SHA-256("abc"), FIPS 180-2 test vector
        assertThat(VerifiedTokenCache.digest("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> new VerifiedTokenCache.Settings(true, 0, Duration.ofSeconds(1)))
                .hasMessageContaining("max-size");
        assertThatThrownBy(() -> new VerifiedTokenCache.Settings(true, 10, Duration.ZERO))
                .hasMessageContaining("max-age");
    }
}
