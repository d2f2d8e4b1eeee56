package io.pilotage.alerting.notification;

import java.util.Locale;

/** Why a notification is sent. */
public enum NotificationKind {
    /** The alert started firing. */
    FIRING,
    /** The KPI lost its data. */
    NO_DATA,
    /** The alert is over (sent only to those who were told it started). */
    RESOLVED,
    /** Still firing and unacknowledged after the repeat interval. */
    REPEAT,
    /** A silence or mute window ended while the alert still fires. */
    UNSILENCED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static NotificationKind parse(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }

    /** Announces a problem (as opposed to its end). Problems can be silenced; their end cannot. */
    public boolean problem() {
        return this != RESOLVED;
    }
}
