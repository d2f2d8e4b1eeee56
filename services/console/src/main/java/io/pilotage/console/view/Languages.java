package io.pilotage.console.view;

import java.util.List;
import java.util.Locale;

/** The page's language: the switch's cookie first, then the browser's Accept-Language, French by default. */
public final class Languages {

    public static final List<String> SUPPORTED = List.of("fr", "en");
    public static final String COOKIE = "pilotage_lang";

    private Languages() {
    }

    public static Locale resolve(String cookie, String acceptLanguage) {
        if (cookie != null && SUPPORTED.contains(cookie)) {
            return Locale.forLanguageTag(cookie);
        }
        if (acceptLanguage != null && !acceptLanguage.isBlank()) {
            try {
                for (Locale.LanguageRange r : Locale.LanguageRange.parse(acceptLanguage)) {
                    String lang = r.getRange().split("-")[0].toLowerCase(Locale.ROOT);
                    if (SUPPORTED.contains(lang)) {
                        return Locale.forLanguageTag(lang);
                    }
                }
            } catch (IllegalArgumentException e) {
                // a malformed header: the default
            }
        }
        return Locale.FRENCH;
    }

    public static boolean supported(String lang) {
        return lang != null && SUPPORTED.contains(lang);
    }
}
