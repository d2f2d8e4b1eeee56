package io.pilotage.alerting.state;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.pilotage.alerting.state.AlertState.FIRING;
import static io.pilotage.alerting.state.AlertState.NO_DATA;
import static io.pilotage.alerting.state.AlertState.OK;
import static io.pilotage.alerting.state.AlertState.PENDING;
import static io.pilotage.alerting.state.AlertState.RESOLVED;
import static org.assertj.core.api.Assertions.assertThat;

class FlappingTest {

    private static final Instant T = Instant.parse("2026-12-08T10:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(30);

    @Test
    void firingAgainWithinTheWindowAfterItResolvedIsFlapping() {
        assertThat(Flapping.after(false, RESOLVED, FIRING, T, T.plusSeconds(60), WINDOW)).isTrue();
        assertThat(Flapping.after(false, OK, FIRING, T, T.plus(WINDOW).minusSeconds(1), WINDOW)).isTrue();
        assertThat(Flapping.after(false, RESOLVED, FIRING, T, T.plus(WINDOW), WINDOW)).as("window over").isFalse();
        assertThat(Flapping.after(false, RESOLVED, FIRING, null, T, WINDOW)).as("first firing").isFalse();
        assertThat(Flapping.after(false, RESOLVED, FIRING, T, T.plusSeconds(60), Duration.ZERO)).as("off").isFalse();
        assertThat(Flapping.after(false, PENDING, FIRING, T, T.plusSeconds(60), WINDOW)).as("for > 1, fired before")
                .isTrue();
        assertThat(Flapping.after(false, PENDING, FIRING, null, T, WINDOW)).as("for > 1, first firing").isFalse();
        assertThat(Flapping.after(false, FIRING, RESOLVED, T, T.plusSeconds(60), WINDOW)).isFalse();
        assertThat(Flapping.after(false, RESOLVED, NO_DATA, T, T.plusSeconds(60), WINDOW)).isFalse();
    }

    @Test
    void aFlappingAlertStaysFlappingWhateverItDoesUntilItSettles() {
        assertThat(Flapping.after(true, FIRING, RESOLVED, T, T.plusSeconds(60), WINDOW)).isTrue();
        assertThat(Flapping.after(true, RESOLVED, OK, T, T.plus(Duration.ofDays(1)), WINDOW)).isTrue();
    }
}
