package io.pilotage.alerting.state;

/** An input that makes no sense in the current state (e.g. acknowledging an alert that is OK). */
public class IllegalAlertTransition extends RuntimeException {

    private final AlertState state;

    public IllegalAlertTransition(AlertState state, String message) {
        super(message);
        this.state = state;
    }

    public AlertState state() {
        return state;
    }
}
