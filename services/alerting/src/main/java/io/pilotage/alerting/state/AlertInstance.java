package io.pilotage.alerting.state;

import java.time.Instant;

/**
 * The current state of one alert instance, as the state machine needs it.
 *
 * @param state             current state
 * @param consecutive       consecutive breaching evaluations so far (PENDING / FIRING)
 * @param since             when the current state was entered
 * @param acknowledgedBy    who acknowledged (ACKNOWLEDGED only)
 * @param acknowledgedAt    when
 * @param ackComment        their comment
 */
public record AlertInstance(AlertState state, int consecutive, Instant since, String acknowledgedBy,
                            Instant acknowledgedAt, String ackComment) {

    public static AlertInstance initial(Instant at) {
        return new AlertInstance(AlertState.OK, 0, at, null, null, null);
    }

    AlertInstance to(AlertState next, int count, Instant at) {
        return new AlertInstance(next, count, at, null, null, null);
    }

    AlertInstance counting(int count) {
        return new AlertInstance(state, count, since, acknowledgedBy, acknowledgedAt, ackComment);
    }
}
