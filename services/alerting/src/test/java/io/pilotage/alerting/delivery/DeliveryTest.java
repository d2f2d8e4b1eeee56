package io.pilotage.alerting.delivery;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeliveryTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 5);

    @Test
    void backoffDoublesWithJitterWithinHalfAndFullAndIsCapped() {
        assertThat(backoff.delayAfter(1, () -> 0.0)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.delayAfter(1, () -> 0.999999)).isEqualTo(Duration.ofMillis(1000));
        assertThat(backoff.delayAfter(3, () -> 0.0)).isEqualTo(Duration.ofMillis(2000));
        assertThat(backoff.delayAfter(3, () -> 0.999999)).isEqualTo(Duration.ofMillis(4000));
        assertThat(backoff.delayAfter(20, () -> 0.999999)).isEqualTo(Duration.ofSeconds(30));
        for (int attempt = 1; attempt < 10; attempt++) {
            assertThat(backoff.delayAfter(attempt + 1, () -> 0.0))
                    .isGreaterThanOrEqualTo(backoff.delayAfter(attempt, () -> 0.0));
        }
    }

    @Test
    void retriesStopAtTheLastAttempt() {
        assertThat(backoff.retries(4)).isTrue();
        assertThat(backoff.retries(5)).isFalse();
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 3))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSignatureCoversTimestampAndBodyAndExpires() {
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        String sig = WebhookSigner.sign("secret-key-0123456789", 1_700_000_000L, body);
        assertThat(sig).startsWith("sha256=").hasSize(7 + 64);
        assertThat(WebhookSigner.verify("secret-key-0123456789", 1_700_000_000L, body, sig, 1_700_000_100L, 300)).isTrue();
        assertThat(WebhookSigner.verify("secret-key-0123456789", 1_700_000_001L, body, sig, 1_700_000_100L, 300))
                .as("another timestamp").isFalse();
        assertThat(WebhookSigner.verify("secret-key-0123456789", 1_700_000_000L, "{\"a\":2}".getBytes(StandardCharsets.UTF_8),
                sig, 1_700_000_100L, 300)).as("another body").isFalse();
        assertThat(WebhookSigner.verify("secret-key-0123456789", 1_700_000_000L, body, sig, 1_700_001_000L, 300))
                .as("replayed too late").isFalse();
        // a known vector, computed independently: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac secret-key-0123456789
        assertThat(sig).isEqualTo("sha256=95a94f8e9919abdf552708a6c1d5604116ad2a78af755c3113cf47afa01d92f2");
    }
}
