package io.pilotage.gateway.problem;

import io.pilotage.contracts.Problem;

/**
 * The problems the gateway itself answers. Types and titles come from the shared contract
 * ({@link Problem#forStatus}), so a client sees one vocabulary whichever side answered;
 * {@code invalid-token} is the gateway's own refinement of {@code unauthenticated}.
 */
public enum ProblemKind {
    BAD_REQUEST(400),
    UNAUTHENTICATED(401),
    INVALID_TOKEN(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    PAYLOAD_TOO_LARGE(413),
    UNSUPPORTED_MEDIA_TYPE(415),
    TOO_MANY_REQUESTS(429),
    BAD_GATEWAY(502),
    UPSTREAM_UNAVAILABLE(503),
    UPSTREAM_TIMEOUT(504);

    private final int status;

    ProblemKind(int status) {
        this.status = status;
    }

    /** A problem of this kind, quoting the request id. */
    public Problem problem(String detail, String instance, String requestId) {
        Problem problem = this == INVALID_TOKEN
                ? Problem.of("invalid-token", "Invalid bearer token", status, detail, instance)
                : Problem.forStatus(status, detail, instance);
        return problem.withRequestId(requestId);
    }
}
