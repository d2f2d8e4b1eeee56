package io.pilotage.console.view;

import io.pilotage.contracts.KpiStatus;

/**
 * How a status is shown: always an icon and a word (the word comes from the page's messages), with a
 * colour only as a third cue.
 */
@io.quarkus.qute.TemplateData
public record Status(String code, String icon, String css) {

    public static Status of(KpiStatus s) {
        return of(s == null ? null : s.name());
    }

    public static Status of(String code) {
        String c = code == null ? "NO_DATA" : code;
        return switch (c) {
            case "GREEN" -> new Status(c, "✔", "ok");
            case "AMBER" -> new Status(c, "▲", "warn");
            case "RED" -> new Status(c, "✖", "bad");
            default -> new Status("NO_DATA", "○", "none");
        };
    }
}
