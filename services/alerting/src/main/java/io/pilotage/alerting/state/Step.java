package io.pilotage.alerting.state;

/**
 * The outcome of applying one input: the new instance, and whether its state changed (a
 * transition to store, publish and maybe notify).
 *
 * @param before the instance before
 * @param after  the instance after
 */
public record Step(AlertInstance before, AlertInstance after) {

    public boolean transition() {
        return before.state() != after.state();
    }

    /** Nothing to record (the state, and the counter, are unchanged). */
    public boolean unchanged() {
        return before.equals(after);
    }
}
