package io.pilotage.governance.project;

import io.pilotage.contracts.Problem.FieldError;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks a project request; every failing field is reported, not only the first. */
public final class ProjectValidator {

    public static final Pattern KEY = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,63}$");
    public static final Pattern USERNAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._@-]{0,254}$");
    public static final Set<String> STATUSES = Set.of("active", "paused", "closed");

    private ProjectValidator() {
    }

    public static List<FieldError> validate(ProjectRequest r, boolean creating) {
        List<FieldError> errors = new ArrayList<>();
        if (creating) {
            if (r.key() == null || r.key().isBlank()) {
                errors.add(new FieldError("key", "required"));
            } else if (!KEY.matcher(r.key()).matches()) {
                errors.add(new FieldError("key", "must be 1-64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit"));
            }
        } else if (r.version() == null) {
            errors.add(new FieldError("version", "required: the version you edited (optimistic locking)"));
        }
        text(errors, "name", r.name(), 200);
        text(errors, "objective", r.objective(), 2000);
        text(errors, "sponsor", r.sponsor(), 200);
        if (r.owners() == null || r.owners().isEmpty()) {
            errors.add(new FieldError("owners", "at least one owner (a Keycloak username) is required"));
        } else {
            for (int i = 0; i < r.owners().size(); i++) {
                String o = r.owners().get(i);
                if (o == null || !USERNAME.matcher(o).matches()) {
                    errors.add(new FieldError("owners[" + i + "]", "must be a Keycloak username"));
                }
            }
        }
        if (r.status() == null) {
            errors.add(new FieldError("status", "required: one of active, paused, closed"));
        } else if (!STATUSES.contains(r.status())) {
            errors.add(new FieldError("status", "unknown status '" + r.status() + "': one of active, paused, closed"));
        }
        if (r.reason() != null && r.reason().length() > 1000) {
            errors.add(new FieldError("reason", "at most 1000 characters"));
        }
        return errors;
    }

    private static void text(List<FieldError> errors, String field, String value, int max) {
        io.pilotage.governance.rest.FieldChecks.text(errors, field, value, max);
    }
}
