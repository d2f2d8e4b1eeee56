package io.pilotage.alerting.rest;

import io.pilotage.contracts.Problem;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Collects the failing fields of a request body; {@link #check()} throws the 400 problem naming them. */
final class Fields {

    private final List<Problem.FieldError> errors = new ArrayList<>();

    Fields require(String field, Object value) {
        if (value == null || value instanceof String s && s.isBlank()) {
            errors.add(new Problem.FieldError(field, "is required"));
        }
        return this;
    }

    Fields fail(String field, String reason) {
        errors.add(new Problem.FieldError(field, reason));
        return this;
    }

    /**
     * Text a person wrote, as PostgreSQL can keep it: no NUL and no other control character than
     * tab and line breaks (a NUL made the insert fail, answered 500).
     */
    Fields text(String field, String value) {
        if (value != null && value.chars().anyMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f)) {
            errors.add(new Problem.FieldError(field, "holds a control character"));
        }
        return this;
    }

    boolean ok(String field) {
        return errors.stream().noneMatch(e -> e.field().equals(field));
    }

    void check() {
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    /** An absolute http(s) URL with a host. */
    static boolean httpUrl(String url) {
        try {
            URI u = new URI(url);
            return u.isAbsolute() && ("http".equals(u.getScheme()) || "https".equals(u.getScheme()))
                    && u.getHost() != null && !u.getHost().isBlank();
        } catch (Exception e) {
            return false;
        }
    }

    /** A plausible e-mail address (one @, a dot in the domain, no spaces). */
    static boolean email(String address) {
        return address != null && address.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    }
}
