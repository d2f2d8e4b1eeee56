package io.pilotage.kpi.consume;

import java.sql.SQLException;

/** Which failures are worth retrying. Plain Java. */
public final class Failures {

    private Failures() {
    }

    /**
     * Whether a database failure may go away by itself (connection lost, server shutting down,
     * lock or statement timeout, serialization failure, deadlock, resources exhausted) rather
     * than being caused by the data (SQLSTATE classes 22 data exception, 23 integrity violation,
     * 54 program limit exceeded): those are permanent.
     */
    public static boolean transientFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state == null) {
                    return true;
                }
                return !(state.startsWith("22") || state.startsWith("23") || state.startsWith("54"));
            }
        }
        return false;
    }
}
