package io.pilotage.console.view;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class FreshnessTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    @Test
    void lateWhenOlderThanItsFrequencyExpects() {
        assertThat(Freshness.of("hourly", NOW.minus(Duration.ofMinutes(80)), NOW).late()).isFalse();
        assertThat(Freshness.of("hourly", NOW.minus(Duration.ofMinutes(100)), NOW).late()).isTrue();
        assertThat(Freshness.of("daily", NOW.minus(Duration.ofHours(25)), NOW).late()).isFalse();
        assertThat(Freshness.of("daily", NOW.minus(Duration.ofHours(27)), NOW).late()).isTrue();
        assertThat(Freshness.of("monthly", NOW.minus(Duration.ofDays(20)), NOW).late()).isFalse();
        assertThat(Freshness.of("monthly", NOW.minus(Duration.ofDays(40)), NOW).late()).isTrue();
        assertThat(Freshness.of("weekly", NOW.minus(Duration.ofDays(9)), NOW).late()).isTrue();
    }

    @Test
    void noValueIsNeitherFreshNorLate() {
        Freshness f = Freshness.of("daily", null, NOW);
        assertThat(f.none()).isTrue();
        assertThat(f.late()).isFalse();
    }

    @Test
    void anUnknownFrequencyIsReadAsDaily() {
        assertThat(Freshness.expected(null)).isEqualTo(Duration.ofHours(26));
        assertThat(Freshness.expected("DAILY")).isEqualTo(Duration.ofHours(26));
    }
}
