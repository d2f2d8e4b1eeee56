package io.pilotage.kpi.rest;

import io.pilotage.contracts.Problem;

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
}
