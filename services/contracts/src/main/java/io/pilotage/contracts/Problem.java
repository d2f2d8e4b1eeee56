package io.pilotage.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.net.URI;
import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every 4xx and 5xx answer of every Pilotage service
 * ({@code application/problem+json}). {@code errors} lists the failing fields for validation
 * problems; {@code requestId}, an extension member, quotes the request's {@code X-Request-Id}
 * where the answering side knows it.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, String instance, List<FieldError> errors,
                      String requestId) {

    /** The media type of a problem body. */
    public static final String MEDIA_TYPE = "application/problem+json";

    private static final String TYPE_BASE = "https://pilotage.io/problems/";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** One failing field: its JSON path (e.g. {@code occurredAt}, {@code [2].id}) and why. */
    public record FieldError(String field, String reason) {
    }

    /** A problem whose type is {@code https://pilotage.io/problems/<slug>}. */
    public static Problem of(String slug, String title, int status, String detail, String instance) {
        return new Problem(URI.create(TYPE_BASE + slug), title, status, detail, instance, List.of(), null);
    }

    /**
     * A problem for a bare HTTP status, with the standard title and a slug derived from it
     * (401 {@code unauthenticated}, 403 {@code forbidden}, 404 {@code not-found}, ...).
     */
    public static Problem forStatus(int status, String detail, String instance) {
        String[] slugAndTitle = switch (status) {
            case 400 -> new String[] {"bad-request", "Bad request"};
            case 401 -> new String[] {"unauthenticated", "Authentication required"};
            case 403 -> new String[] {"forbidden", "Forbidden"};
            case 404 -> new String[] {"not-found", "Not found"};
            case 405 -> new String[] {"method-not-allowed", "Method not allowed"};
            case 406 -> new String[] {"not-acceptable", "Not acceptable"};
            case 409 -> new String[] {"conflict", "Conflict"};
            case 413 -> new String[] {"payload-too-large", "Payload too large"};
            case 415 -> new String[] {"unsupported-media-type", "Unsupported media type"};
            case 429 -> new String[] {"too-many-requests", "Too many requests"};
            case 502 -> new String[] {"bad-gateway", "Bad gateway"};
            case 503 -> new String[] {"unavailable", "Service unavailable"};
            case 504 -> new String[] {"timeout", "Upstream timeout"};
            default -> status >= 500
                    ? new String[] {"internal", "Internal error"}
                    : new String[] {"client-error", "Client error"};
        };
        return of(slugAndTitle[0], slugAndTitle[1], status, detail, instance);
    }

    /** The same problem, answered at {@code path}. */
    public Problem at(String path) {
        return new Problem(type, title, status, detail, path, errors, requestId);
    }

    /** The same problem, quoting the request id. */
    public Problem withRequestId(String id) {
        return new Problem(type, title, status, detail, instance, errors, id);
    }

    /** A 400 validation problem with its failing fields. */
    public static Problem invalid(String detail, String instance, List<FieldError> errors) {
        return new Problem(URI.create(TYPE_BASE + "validation"), "Invalid request", 400, detail, instance, errors, null);
    }
}
