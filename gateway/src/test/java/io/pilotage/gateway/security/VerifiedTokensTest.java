package io.pilotage.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.github.benmanes.caffeine.cache.Ticker;

class VerifiedTokensTest {

    private static final long NOW_MILLIS = 1_800_000_000_000L;
    private final AtomicLong nanos = new AtomicLong(1_000_000);
    private final Ticker ticker = nanos::get;
    private final Caller analyst = Caller.withRoles(Role.ANALYST);

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    @Test
    void aVerifiedTokenIsFoundAgainWithItsCallerAndClientKey() {
        VerifiedTokens tokens = new VerifiedTokens(100, Duration.ofSeconds(60), ticker);
        tokens.remember("token-a", analyst, "subject:a", NOW_MILLIS / 1000 + 300, NOW_MILLIS);

        VerifiedTokens.Verified verified = tokens.lookup("token-a");
        assertThat(verified.caller()).isEqualTo(analyst);
        assertThat(verified.clientKey()).isEqualTo("subject:a");
        assertThat(tokens.lookup("token-b")).isNull();
        assertThat(tokens.lookup("token-a ")).isNull();
    }

    @Test
    void neverPastTheTokensExpiry() {
        VerifiedTokens tokens = new VerifiedTokens(100, Duration.ofSeconds(60), ticker);
        tokens.remember("short", analyst, "subject:a", NOW_MILLIS / 1000 + 10, NOW_MILLIS);
        advance(Duration.ofSeconds(9));
        assertThat(tokens.lookup("short")).isNotNull();
        advance(Duration.ofSeconds(1));
        assertThat(tokens.lookup("short")).isNull();
    }

    @Test
    void neverLongerThanMaxAgeSoARemovedSigningKeyStopsBeingTrusted() {
        VerifiedTokens tokens = new VerifiedTokens(100, Duration.ofSeconds(30), ticker);
        tokens.remember("long-lived", analyst, "subject:a", NOW_MILLIS / 1000 + 3600, NOW_MILLIS);
        advance(Duration.ofSeconds(29));
        assertThat(tokens.lookup("long-lived")).isNotNull();
        advance(Duration.ofSeconds(1));
        assertThat(tokens.lookup("long-lived")).isNull();
    }

    @Test
    void anAlreadyExpiredTokenIsNotRemembered() {
        VerifiedTokens tokens = new VerifiedTokens(100, Duration.ofSeconds(30), ticker);
        tokens.remember("expired", analyst, "subject:a", NOW_MILLIS / 1000 - 1, NOW_MILLIS);
        assertThat(tokens.lookup("expired")).isNull();
        assertThat(tokens.size()).isZero();
    }

    @Test
    void boundedInSize() {
        VerifiedTokens tokens = new VerifiedTokens(50, Duration.ofSeconds(30), ticker);
        for (int i = 0; i < 500; i++) {
            tokens.remember("token-" + i, analyst, "subject:" + i, NOW_MILLIS / 1000 + 300, NOW_MILLIS);
        }
        assertThat(tokens.size()).isLessThanOrEqualTo(50);
    }

    @Test
    void keyedByAHashNeverByTheToken() {
        assertThat(VerifiedTokens.hash("eyJhbGciOi.secret.sig")).doesNotContain("secret").hasSize(43);
    }
}
