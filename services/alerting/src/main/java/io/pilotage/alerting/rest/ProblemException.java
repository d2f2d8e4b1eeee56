package io.pilotage.alerting.rest;

import io.pilotage.contracts.Problem;

import java.util.List;

/** Ends a request with the given RFC 9457 problem. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(Problem.forStatus(404, what + " does not exist", null));
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(Problem.forStatus(403, detail, null));
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(Problem.forStatus(409, detail, null));
    }

    public static ProblemException invalid(List<Problem.FieldError> errors) {
        String detail = errors.size() == 1 ? errors.getFirst().field() + ": " + errors.getFirst().reason()
                : errors.size() + " fields are invalid";
        return new ProblemException(Problem.invalid(detail, null, errors));
    }
}
