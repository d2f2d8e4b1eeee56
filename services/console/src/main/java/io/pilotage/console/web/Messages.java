package io.pilotage.console.web;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;

import java.util.Locale;

/** The console's words in Java code (charts' legends, error pages), in the reader's language. */
final class Messages {

    private Messages() {
    }

    static Msg of(Locale locale) {
        return "en".equals(locale.getLanguage()) ? MessageBundles.get(Msg.class, Localized.Literal.of("en"))
                : MessageBundles.get(Msg.class);
    }
}
