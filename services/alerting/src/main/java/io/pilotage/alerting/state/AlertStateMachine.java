package io.pilotage.alerting.state;

/**
 * The alert state machine (DESIGN §4), plain Java, no I/O. Every state × every input:
 *
 * <pre>
 *                 Breach                         Clear        NoData     Acknowledge
 *  OK            PENDING (FIRING if for ≤ 1)      OK           NO_DATA    refused
 *  PENDING       PENDING, FIRING at count = for   OK           NO_DATA    refused
 *  FIRING        FIRING                           RESOLVED     NO_DATA    ACKNOWLEDGED
 *  ACKNOWLEDGED  ACKNOWLEDGED                     RESOLVED     NO_DATA    refused (already)
 *  RESOLVED      PENDING (FIRING if for ≤ 1)      OK           NO_DATA    refused
 *  NO_DATA       PENDING (FIRING if for ≤ 1)      RESOLVED     NO_DATA    ACKNOWLEDGED
 * </pre>
 *
 * A PENDING alert that clears never notified anyone, so it goes back to OK quietly; a FIRING,
 * ACKNOWLEDGED or NO_DATA alert that clears is RESOLVED (notified when its start was). RESOLVED
 * is the end of an episode: the next clear evaluation settles it to OK. An acknowledged alert
 * that loses its data is a new problem (NO_DATA), no longer covered by the acknowledgement.
 */
public final class AlertStateMachine {

    private final int forEvaluations;

    /** @param forEvaluations consecutive breaching evaluations before firing (≥ 1) */
    public AlertStateMachine(int forEvaluations) {
        if (forEvaluations < 1) {
            throw new IllegalArgumentException("for must be at least 1 evaluation");
        }
        this.forEvaluations = forEvaluations;
    }

    public Step apply(AlertInstance current, AlertInput input) {
        return new Step(current, next(current, input));
    }

    private AlertInstance next(AlertInstance c, AlertInput input) {
        return switch (input) {
            case AlertInput.Breach b -> breach(c, b);
            case AlertInput.Clear cl -> clear(c, cl);
            case AlertInput.NoData n -> c.state() == AlertState.NO_DATA ? c : c.to(AlertState.NO_DATA, 0, n.at());
            case AlertInput.Acknowledge a -> acknowledge(c, a);
        };
    }

    private AlertInstance breach(AlertInstance c, AlertInput.Breach b) {
        return switch (c.state()) {
            case OK, RESOLVED, NO_DATA -> forEvaluations <= 1
                    ? c.to(AlertState.FIRING, 1, b.at())
                    : c.to(AlertState.PENDING, 1, b.at());
            case PENDING -> {
                int n = c.consecutive() + 1;
                yield n >= forEvaluations ? c.to(AlertState.FIRING, n, b.at()) : c.counting(n);
            }
            case FIRING, ACKNOWLEDGED -> c.counting(c.consecutive() + 1);
        };
    }

    private AlertInstance clear(AlertInstance c, AlertInput.Clear cl) {
        return switch (c.state()) {
            case OK -> c;
            case PENDING, RESOLVED -> c.to(AlertState.OK, 0, cl.at());
            case FIRING, ACKNOWLEDGED, NO_DATA -> c.to(AlertState.RESOLVED, 0, cl.at());
        };
    }

    private AlertInstance acknowledge(AlertInstance c, AlertInput.Acknowledge a) {
        return switch (c.state()) {
            case FIRING, NO_DATA -> new AlertInstance(AlertState.ACKNOWLEDGED, c.consecutive(), a.at(), a.by(), a.at(),
                    a.comment());
            case ACKNOWLEDGED -> throw new IllegalAlertTransition(c.state(),
                    "the alert is already acknowledged by " + c.acknowledgedBy());
            case OK, PENDING, RESOLVED -> throw new IllegalAlertTransition(c.state(),
                    "only a firing or no-data alert can be acknowledged; this one is " + c.state());
        };
    }
}
