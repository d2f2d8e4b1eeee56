package io.pilotage.alerting;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Configuration of alerting ({@code pilotage.alerting.*}, each overridable by environment). */
@ConfigMapping(prefix = "pilotage.alerting")
public interface AlertingConfig {

    /** How long a new group of notifications (per subscription and project) waits for companions before its first message. */
    @WithDefault("30s")
    Duration groupWait();

    /** Minimum time between two messages of the same group (new alerts joining a group already notified). */
    @WithDefault("5m")
    Duration groupInterval();

    /** How often a firing, unacknowledged alert is notified again. */
    @WithDefault("4h")
    Duration repeatInterval();

    /** How often the dispatcher looks for due notifications, besides being woken by new ones. */
    @WithDefault("1s")
    Duration dispatchTick();

    /** How often repeats, ended silences and time-based rules are checked. */
    @WithDefault("10s")
    Duration reminderTick();

    /** Timeout of one HTTP delivery (Slack, webhook) or SMTP send. */
    @WithDefault("5s")
    Duration deliveryTimeout();

    /**
     * A notification {@code sending} for longer than this is taken as interrupted (the process that
     * sent it died) and is never sent again; at least the delivery timeout + 5 s.
     */
    @WithDefault("30s")
    Duration sendingLease();

    /** First retry delay of a failed delivery (doubled each attempt, with jitter). */
    @WithDefault("1s")
    Duration retryBase();

    /** Longest retry delay. */
    @WithDefault("5m")
    Duration retryMax();

    /** Attempts before a notification is dead-lettered. */
    @WithDefault("6")
    int maxAttempts();

    /** How often transitions a crash left unpublished are published (read by the scheduler). */
    @WithDefault("15s")
    Duration publishSweep();

    /** The gateway's public URL: messages link to the KPI's page in the console under it. */
    @WithDefault("http://127.0.0.1:8080")
    String publicUrl();

    /** Time zone of the KPI periods (days, weeks, months, quarters): which period is open today. */
    @WithDefault("Africa/Bamako")
    java.time.ZoneId zone();

    /**
     * An alert that fires again less than this after it last started firing is flapping: its changes
     * are not notified until it keeps one state this long (0: no flap detection).
     */
    @WithDefault("30m")
    Duration flapWindow();

    /** The owners' default e-mail subscriptions. */
    Owners owners();

    interface Owners {
        /** Whether owners of projects and KPIs are subscribed by default. */
        @WithDefault("true")
        boolean subscribed();

        /** An owner's address: {@code <username>} is replaced by the Keycloak username. */
        @WithDefault("<username>@pilotage.local")
        String address();

        /** An owner's language ({@code fr} or {@code en}) unless {@link #languages()} names it. */
        @WithDefault("fr")
        String language();

        /** Addresses by username, over {@link #address()}. */
        java.util.Map<String, String> addresses();

        /** Languages by username, over {@link #language()}. */
        java.util.Map<String, String> languages();
    }
}
