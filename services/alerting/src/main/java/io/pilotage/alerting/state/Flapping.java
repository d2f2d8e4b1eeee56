package io.pilotage.alerting.state;

import java.time.Duration;
import java.time.Instant;

/**
 * Flap detection. Plain Java. An alert that enters FIRING again (from RESOLVED, OK, or PENDING for a
 * rule with {@code for}) less than the
 * flap window after it last entered FIRING is flapping (firing, resolved, firing within the window);
 * it stays flapping until it has kept one state for the window. While it flaps, its changes are not
 * notified; when it settles, what still fires is told once.
 */
public final class Flapping {

    private Flapping() {
    }

    /**
     * @param flapping whether the alert flaps before this change
     * @param firedAt  when it last entered FIRING, or null
     * @param at       when this change happens
     */
    public static boolean after(boolean flapping, AlertState from, AlertState to, Instant firedAt, Instant at,
                                Duration window) {
        if (flapping) {
            return true;
        }
        return window.isPositive() && to == AlertState.FIRING && (from == AlertState.RESOLVED || from == AlertState.OK || from == AlertState.PENDING)
                && firedAt != null && firedAt.isAfter(at.minus(window));
    }
}
