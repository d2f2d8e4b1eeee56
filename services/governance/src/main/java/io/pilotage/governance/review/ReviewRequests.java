package io.pilotage.governance.review;

import io.pilotage.contracts.Problem.FieldError;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** What clients send to create reviews, decisions and actions, and their checks (every failing field reported). */
public final class ReviewRequests {

    public static final Set<String> DEPARTMENTS = Set.of("IT", "Finance", "Security", "Marketing");
    public static final Set<String> ACTION_STATUSES = Set.of("open", "in_progress", "done", "cancelled");

    private ReviewRequests() {
    }

    public record NewReview(String committee, String kind, String period, LocalDate heldOn, List<String> projects,
                            List<String> attendees) {
    }

    public record NewDecision(String text, List<String> kpis) {
    }

    /** @param version the version edited, on update */
    public record ActionRequest(String title, String owner, LocalDate dueDate, String status, Integer version) {
    }

    public static List<FieldError> check(Committee c, boolean creating) {
        List<FieldError> e = new ArrayList<>();
        if (creating) {
            io.pilotage.governance.rest.FieldChecks.key(e, "id", c.id());
        }
        if (!creating && c.version() == null) {
            e.add(new FieldError("version", "required: the version you edited (optimistic locking)"));
        }
        required(e, "name", c.name());
        for (int i = 0; i < c.members().size(); i++) {
            Committee.Member m = c.members().get(i);
            if (m == null) {
                e.add(new FieldError("members[" + i + "]", "required"));
                continue;
            }
            required(e, "members[" + i + "].name", m.name());
            if (m.department() == null || !DEPARTMENTS.contains(m.department())) {
                e.add(new FieldError("members[" + i + "].department", "one of IT, Finance, Security, Marketing"));
            }
        }
        List<String> missing = DEPARTMENTS.stream().sorted()
                .filter(d -> c.members().stream().noneMatch(m -> m != null && d.equals(m.department()))).toList();
        if (!missing.isEmpty()) {
            e.add(new FieldError("members", "a steering committee has members from IT, Finance, Security and Marketing; missing: "
                    + String.join(", ", missing)));
        }
        return e;
    }

    public static List<FieldError> check(NewReview r) {
        List<FieldError> e = new ArrayList<>();
        required(e, "committee", r.committee());
        if (r.kind() == null || !Set.of("monthly", "quarterly").contains(r.kind())) {
            e.add(new FieldError("kind", "monthly or quarterly"));
        } else if (r.period() == null) {
            e.add(new FieldError("period", "required: " + ("monthly".equals(r.kind()) ? "YYYY-MM" : "YYYY-Qn")));
        } else if ("monthly".equals(r.kind()) && !r.period().matches("^\\d{4}-(0[1-9]|1[0-2])$")) {
            e.add(new FieldError("period", "a monthly review covers a month: YYYY-MM, e.g. 2026-10"));
        } else if ("quarterly".equals(r.kind()) && !r.period().matches("^\\d{4}-Q[1-4]$")) {
            e.add(new FieldError("period", "a quarterly review covers a quarter: YYYY-Qn, e.g. 2026-Q3"));
        }
        if (r.heldOn() == null) {
            e.add(new FieldError("heldOn", "required: the date of the meeting (YYYY-MM-DD)"));
        }
        if (r.projects() == null || r.projects().isEmpty()) {
            e.add(new FieldError("projects", "at least one project to review"));
        } else if (r.projects().stream().distinct().count() != r.projects().size()) {
            e.add(new FieldError("projects", "a project is listed twice"));
        }
        if (r.attendees() == null || r.attendees().isEmpty()) {
            e.add(new FieldError("attendees", "at least one attendee"));
        } else {
            for (int i = 0; i < r.attendees().size(); i++) {
                required(e, "attendees[" + i + "]", r.attendees().get(i));
            }
        }
        return e;
    }

    public static List<FieldError> check(NewDecision d) {
        List<FieldError> e = new ArrayList<>();
        required(e, "text", d.text());
        return e;
    }

    public static List<FieldError> check(ActionRequest a, boolean creating) {
        List<FieldError> e = new ArrayList<>();
        required(e, "title", a.title());
        required(e, "owner", a.owner());
        if (a.dueDate() == null) {
            e.add(new FieldError("dueDate", "required (YYYY-MM-DD)"));
        }
        if (a.status() != null && !ACTION_STATUSES.contains(a.status())) {
            e.add(new FieldError("status", "one of open, in_progress, done, cancelled"));
        }
        if (!creating && a.version() == null) {
            e.add(new FieldError("version", "required: the version you edited (optimistic locking)"));
        }
        return e;
    }

    private static void required(List<FieldError> e, String field, String v) {
        io.pilotage.governance.rest.FieldChecks.text(e, field, v, 4000);
    }
}
