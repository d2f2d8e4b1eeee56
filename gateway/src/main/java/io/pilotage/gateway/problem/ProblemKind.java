package io.pilotage.gateway.problem;

/**
 * The problems the gateway itself answers, each with its status, type and title. Slugs and titles
 * are those of {@code io.pilotage.contracts.Problem.forStatus} used by the services, so a client
 * sees one vocabulary whichever side answered; {@code invalid-token} is the gateway's own
 * refinement of {@code unauthenticated}.
 */
public enum ProblemKind {
    BAD_REQUEST(400, "bad-request", "Bad request"),
    UNAUTHENTICATED(401, "unauthenticated", "Authentication required"),
    INVALID_TOKEN(401, "invalid-token", "Invalid bearer token"),
    FORBIDDEN(403, "forbidden", "Forbidden"),
    NOT_FOUND(404, "not-found", "Not found"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "Payload too large"),
    BAD_GATEWAY(502, "bad-gateway", "Bad gateway"),
    UPSTREAM_UNAVAILABLE(503, "unavailable", "Service unavailable"),
    UPSTREAM_TIMEOUT(504, "timeout", "Upstream timeout");

    private final int status;
    private final String type;
    private final String title;

    ProblemKind(int status, String slug, String title) {
        this.status = status;
        this.type = Problem.TYPE_PREFIX + slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    /** A problem of this kind. */
    public Problem problem(String detail, String instance, String requestId) {
        return new Problem(type, title, status, detail, instance, requestId);
    }
}
