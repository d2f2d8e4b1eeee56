package io.pilotage.alerting.state;

/** The states of one alert instance (DESIGN §4). */
public enum AlertState {
    /** Not breaching. */
    OK,
    /** Breaching, but for fewer consecutive evaluations than the rule's {@code for}. */
    PENDING,
    /** Breaching for at least {@code for} consecutive evaluations: notified. */
    FIRING,
    /** Was firing (or without data), now back to normal: the episode is over and its end notified. */
    RESOLVED,
    /** The KPI had no data (or the source was silent). Notified like a firing alert. */
    NO_DATA,
    /** A person acknowledged the firing (or no-data) alert: repeats stop, the alert stays visible. */
    ACKNOWLEDGED;

    /** States in which an alert is "active": shown as a problem and re-notified (unless acknowledged). */
    public boolean active() {
        return this == FIRING || this == NO_DATA || this == ACKNOWLEDGED;
    }
}
