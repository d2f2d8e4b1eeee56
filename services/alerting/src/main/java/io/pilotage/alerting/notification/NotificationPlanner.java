package io.pilotage.alerting.notification;

import io.pilotage.alerting.state.AlertState;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * Which state changes are announced, and to whom a "resolved" is owed. Plain Java.
 *
 * <ul>
 *   <li>entering FIRING announces FIRING; entering NO_DATA announces NO_DATA;</li>
 *   <li>entering RESOLVED announces RESOLVED, only to the subscriptions that were (or may have
 *       been) told of the problem during this episode: a delivered, in-flight or interrupted
 *       notification. That holds also when the alert was silenced after being notified;</li>
 *   <li>PENDING, OK and ACKNOWLEDGED are not announced (an acknowledgement stops repeats);</li>
 *   <li>a warning held back while its KPI's critical alert fired ({@code inhibited}) is announced as
 *       FIRING once the critical no longer fires, if the warning still does.</li>
 * </ul>
 */
public final class NotificationPlanner {

    /** Notification statuses meaning "the receiver may have seen it". */
    public static final Set<String> TOLD = Set.of("sent", "sending", "interrupted");

    private NotificationPlanner() {
    }

    public static Optional<NotificationKind> announce(AlertState from, AlertState to) {
        if (from == to) {
            return Optional.empty();
        }
        return switch (to) {
            case FIRING -> Optional.of(NotificationKind.FIRING);
            case NO_DATA -> Optional.of(NotificationKind.NO_DATA);
            case RESOLVED -> Optional.of(NotificationKind.RESOLVED);
            case OK, PENDING, ACKNOWLEDGED -> Optional.empty();
        };
    }

    /** @param problemStatuses statuses of this subscription's problem notifications in the episode */
    public static boolean owesResolved(Collection<String> problemStatuses) {
        return problemStatuses.stream().anyMatch(TOLD::contains);
    }

    /**
     * What the reminder pass does with the latest problem notification of an active alert for one
     * subscription: repeat it, announce it again now that nothing mutes it, or nothing.
     *
     * @param acknowledged   the alert is acknowledged (no repeats)
     * @param latestStatus   status of the latest problem notification
     * @param sentAgoMillis  how long ago it was sent (sent only)
     * @param repeatMillis   the repeat interval
     * @param mutedNow       a silence or mute window covers the alert now
     * @param inhibitedNow   the alert is a warning whose KPI's critical alert fires now
     */
    public static Optional<NotificationKind> remind(boolean acknowledged, String latestStatus, long sentAgoMillis,
                                                    long repeatMillis, boolean mutedNow, boolean inhibitedNow) {
        if (acknowledged || mutedNow || inhibitedNow) {
            return Optional.empty();
        }
        if ("silenced".equals(latestStatus)) {
            return Optional.of(NotificationKind.UNSILENCED);
        }
        if ("inhibited".equals(latestStatus)) {
            return Optional.of(NotificationKind.FIRING);   // the critical is over, the warning still fires
        }
        if ("sent".equals(latestStatus) && sentAgoMillis >= repeatMillis) {
            return Optional.of(NotificationKind.REPEAT);
        }
        return Optional.empty();
    }
}
