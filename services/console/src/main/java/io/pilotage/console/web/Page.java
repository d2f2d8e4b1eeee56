package io.pilotage.console.web;

import io.quarkus.qute.TemplateData;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the layout of every page shows: the title, the active section, who is signed in, the
 * language switch (back to the same page), the anti-forgery token of the forms.
 *
 * @param refresh seconds between self-refreshes, 0 for none
 */
@TemplateData
public record Page(String title, String section, String user, List<String> roles, String lang, String otherLang,
                   String here, String csrf, int refresh, String zone) {

    public static Page of(Viewer v, String title, String section, int refresh, String zone) {
        String lang = v.lang();
        return new Page(title, section, v.name(), v.roles(), lang, "fr".equals(lang) ? "en" : "fr", v.here(),
                v.signedIn() ? v.csrfToken() : "", refresh, zone);
    }

    /** The language switch's link: sets the language and comes back here. */
    public String switchLink() {
        return "/console/lang?to=" + otherLang + "&back=" + URLEncoder.encode(here, StandardCharsets.UTF_8);
    }

    public boolean signedIn() {
        return user != null && !user.isEmpty();
    }

    public String rolesText() {
        return String.join(", ", roles);
    }
}
