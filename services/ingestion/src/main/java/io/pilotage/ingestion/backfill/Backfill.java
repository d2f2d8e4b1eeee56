package io.pilotage.ingestion.backfill;

import io.pilotage.contracts.Problem;
import io.pilotage.ingestion.event.EventBodyReader;

import java.util.List;
import java.util.TreeSet;

/**
 * The rules of a history import (backfill) that are not the intake's: who may run one, how the
 * {@code backfill} query parameter reads, what an audit row names as its source. Plain Java.
 */
public final class Backfill {

    /** The realm role that may import history. */
    public static final String ROLE = "admin";
    /** The query parameter of {@code POST /events} and {@code /events/csv} that asks for an import. */
    public static final String PARAMETER = "backfill";

    private Backfill() {
    }

    /** Thrown for a {@code backfill} value other than {@code true} or {@code false}. */
    public static final class InvalidFlag extends RuntimeException {
        public InvalidFlag(String value) {
            super("backfill must be true or false, got '" + value + "'");
        }

        public Problem problem(String path) {
            return Problem.invalid(getMessage(), path, List.of(new Problem.FieldError(PARAMETER, "must be true or false")));
        }
    }

    /** The {@code backfill} parameter: absent or {@code false} is a live request, {@code true} an import. */
    public static boolean requested(String value) {
        if (value == null || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw new InvalidFlag(value);
    }

    /** The 403 problem of a caller who may not import history. */
    public static Problem forbidden(String path) {
        return Problem.forStatus(403, "only an admin may import history (backfill)", path);
    }

    /**
     * The source an audit row names: {@code authenticated} when the route is a source's, else the
     * distinct sources the items name, sorted and comma-separated (null when none names one).
     */
    public static String sourceOf(String authenticated, EventBodyReader.Body body) {
        if (authenticated != null) {
            return authenticated;
        }
        TreeSet<String> named = new TreeSet<>();
        for (EventBodyReader.Item item : body.items()) {
            if (item.node() != null && item.node().path("source").isTextual()) {
                named.add(item.node().get("source").asText());
            }
        }
        if (named.isEmpty()) {
            return null;
        }
        String joined = String.join(",", named);
        return joined.length() <= 1024 ? joined : joined.substring(0, 1023) + "…";
    }
}
