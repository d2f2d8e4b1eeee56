package io.pilotage.console.view;

import io.pilotage.console.api.Api;

import java.util.Set;

/**
 * An alert as a line of the alert pages.
 *
 * @param status     the state as a status cue: FIRING critical → RED, warning → AMBER; RESOLVED/OK → GREEN
 * @param manageable the person may acknowledge and silence it (admin, or an owner of its project)
 * @param ackable    it is in a state that can be acknowledged (FIRING, NO_DATA)
 */
@io.quarkus.qute.TemplateData
public record AlertView(String id, String project, String kpi, String state, Status status, String severity, String value,
                        String threshold, String period, String since, String ackBy, String ackAt, String ackComment,
                        boolean manageable, boolean ackable) {

    public static final Set<String> STATES = Set.of("OK", "PENDING", "FIRING", "RESOLVED", "NO_DATA", "ACKNOWLEDGED");

    public static AlertView of(Api.Alert a, Formats f, boolean manageable) {
        Status status = switch (a.state() == null ? "" : a.state()) {
            case "FIRING", "PENDING", "ACKNOWLEDGED" -> Status.of("critical".equalsIgnoreCase(a.severity()) ? "RED" : "AMBER");
            case "RESOLVED", "OK" -> Status.of("GREEN");
            default -> Status.of("NO_DATA");
        };
        String period = a.periodStart() == null ? "—"
                : a.periodEnd() == null || a.periodEnd().equals(a.periodStart()) ? f.date(a.periodStart())
                : f.date(a.periodStart()) + " → " + f.date(a.periodEnd());
        boolean ackable = "FIRING".equals(a.state()) || "NO_DATA".equals(a.state());
        return new AlertView(a.id(), a.project(), a.kpi(), a.state(), status, a.severity(), f.number(a.value(), a.unit()),
                f.number(a.threshold(), a.unit()), period, f.dateTime(a.since()), a.acknowledgedBy(),
                a.acknowledgedAt() == null ? null : f.dateTime(a.acknowledgedAt()), a.ackComment(), manageable, ackable);
    }
}
