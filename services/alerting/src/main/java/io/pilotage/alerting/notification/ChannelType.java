package io.pilotage.alerting.notification;

import java.util.Locale;

/** The channels a subscription can use. */
public enum ChannelType {
    /** Slack incoming webhook: a Block Kit message. */
    SLACK,
    /** E-mail over SMTP: HTML and plain-text parts. */
    EMAIL,
    /** Generic outgoing webhook: JSON body, HMAC-SHA256 signature and timestamp headers. */
    WEBHOOK;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ChannelType parse(String text) {
        for (ChannelType t : values()) {
            if (t.wireName().equals(text)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown channel '" + text + "', expected slack, email or webhook");
    }
}
