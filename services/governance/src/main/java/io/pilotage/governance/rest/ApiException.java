package io.pilotage.governance.rest;

import io.pilotage.contracts.Problem;

import java.util.List;

/**
 * A refusal with an RFC 9457 problem: bad input (400 with the failing fields), not found, not
 * the owner (403), a stale version (409, quoting the current one), an unreachable dependency.
 */
public class ApiException extends RuntimeException {

    private final transient Problem problem;
    private final Integer currentVersion;

    public ApiException(Problem problem) {
        this(problem, null);
    }

    private ApiException(Problem problem, Integer currentVersion) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
        this.currentVersion = currentVersion;
    }

    public Problem problem() {
        return problem;
    }

    /** The current version of the entity, for a 409 (sent as {@code ETag}). */
    public Integer currentVersion() {
        return currentVersion;
    }

    public static ApiException invalid(List<Problem.FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.getFirst().field() + ": " + errors.getFirst().reason()
                : errors.size() + " fields are invalid";
        return new ApiException(Problem.invalid(detail, null, errors));
    }

    public static ApiException invalid(String field, String reason) {
        return invalid(List.of(new Problem.FieldError(field, reason)));
    }

    public static ApiException notFound(String what) {
        return new ApiException(Problem.forStatus(404, what + " does not exist", null));
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(Problem.forStatus(403, detail, null));
    }

    public static ApiException conflict(String detail) {
        return new ApiException(Problem.forStatus(409, detail, null));
    }

    /** A stale edit: the client edited {@code expected}, the entity is at {@code current}. */
    public static ApiException staleVersion(String what, int expected, int current) {
        Problem p = new Problem(java.net.URI.create("https://pilotage.io/problems/stale-version"), "Conflict", 409,
                what + " was changed meanwhile: you edited version " + expected + ", the current version is "
                        + current + "; reload it and apply your change again",
                null, List.of(new Problem.FieldError("version", "current version is " + current)), null);
        return new ApiException(p, current);
    }

    public static ApiException unavailable(String detail) {
        return new ApiException(Problem.forStatus(503, detail, null));
    }
}
