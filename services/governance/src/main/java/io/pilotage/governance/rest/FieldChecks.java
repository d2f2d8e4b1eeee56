package io.pilotage.governance.rest;

import io.pilotage.contracts.Problem.FieldError;

import java.util.List;
import java.util.regex.Pattern;

/** The field checks every request validator shares; each appends a named error rather than throwing. */
public final class FieldChecks {

    /** Keys of projects, lessons, committees, sources: lower case, digits, '.', '_' or '-'. */
    public static final Pattern KEY = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,63}$");

    private FieldChecks() {
    }

    /** A required text of at most {@code max} characters. */
    public static void text(List<FieldError> errors, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "required"));
        } else if (value.length() > max) {
            errors.add(new FieldError(field, "at most " + max + " characters"));
        }
    }

    /** A required key matching {@link #KEY}. */
    public static void key(List<FieldError> errors, String field, String value) {
        if (value == null || !KEY.matcher(value).matches()) {
            errors.add(new FieldError(field, "required: 1-64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit"));
        }
    }
}
