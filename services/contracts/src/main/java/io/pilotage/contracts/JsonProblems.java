package io.pilotage.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The RFC 9457 problem of a JSON request body that could not be read into the type an endpoint
 * expects: 400, the failing field named by its path ({@code rules[1].min}), and the reason in
 * words (an invalid value and the shape expected, an unknown property, a constructor's own
 * refusal, or malformed JSON), never a stack trace. Every service's exception mapper answers with
 * it, so the same mistake reads the same everywhere. Plain Java.
 */
public final class JsonProblems {

    private JsonProblems() {
    }

    /** The problem of a body Jackson could not read; {@code instance} is the request path. */
    public static Problem invalidBody(JsonProcessingException e, String instance) {
        String field = e instanceof JsonMappingException m ? path(m.getPath()) : "";
        String reason = reason(e);
        if (field.isEmpty()) {
            return Problem.invalid("malformed JSON body: " + reason, instance, List.of(new Problem.FieldError("body", reason)));
        }
        return Problem.invalid(field + ": " + reason, instance, List.of(new Problem.FieldError(field, reason)));
    }

    /** The path of the failing field: names joined by dots, indexes in brackets ({@code rules[1].min}). */
    static String path(List<JsonMappingException.Reference> refs) {
        return refs.stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String reason(JsonProcessingException e) {
        if (e instanceof InvalidFormatException f) {
            return "invalid value '" + f.getValue() + "'" + expected(f.getTargetType());
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown property '" + u.getPropertyName() + "'";
        }
        if (e instanceof ValueInstantiationException && e.getCause() != null && e.getCause().getMessage() != null) {
            return firstLine(e.getCause().getMessage());
        }
        return e.getOriginalMessage() == null ? "malformed JSON" : firstLine(e.getOriginalMessage());
    }

    private static String expected(Class<?> type) {
        if (type == LocalDate.class) {
            return ": expected a date YYYY-MM-DD";
        }
        if (type == Instant.class) {
            return ": expected an ISO-8601 instant such as 2026-11-02T09:14:03Z";
        }
        if (type == Duration.class) {
            return ": expected an ISO-8601 duration such as PT15M";
        }
        return type == null ? "" : ": expected " + type.getSimpleName();
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
