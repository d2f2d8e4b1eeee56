package io.pilotage.governance.source;

import io.pilotage.contracts.KpiStatus;
import io.pilotage.contracts.SourceStatus;

/**
 * The per-source pass rate of DESIGN §5.4 from ingestion's {@link SourceStatus} counts: per day,
 * {@code 100 × (1 − rejected / received)} in %. Plain Java.
 */
public final class PassRate {

    private PassRate() {
    }

    /** The KPI key of a source's pass rate: {@code quality.<source>.pass_rate}. */
    public static String kpiKey(String source) {
        return "quality." + source + ".pass_rate";
    }

    /** Counts received and rejected. */
    public record Counts(long received, long rejected) {
        public Counts plus(Counts o) {
            return new Counts(received + o.received, rejected + o.rejected);
        }
    }

    /**
     * What a status adds to its source's counts since the previous status of the same instance:
     * the difference, or the whole counts when there is no previous one or the counters went back
     * (a restart under the same instance id).
     */
    public static Counts delta(Counts previous, Counts current) {
        if (previous == null || current.received() < previous.received() || current.rejected() < previous.rejected()) {
            return current;
        }
        return new Counts(current.received() - previous.received(), current.rejected() - previous.rejected());
    }

    /** The pass rate in %, or null when nothing was received. */
    public static Double rate(Counts c) {
        if (c.received() <= 0) {
            return null;
        }
        double rejected = Math.min(c.rejected(), c.received());
        return 100.0 * (1.0 - rejected / c.received());
    }

    /**
     * The status against the warning and critical thresholds (higher is better; a value equal to a
     * threshold is past it, as alerting's threshold rules compare).
     */
    public static KpiStatus status(Double rate, double warning, double critical) {
        if (rate == null) {
            return KpiStatus.NO_DATA;
        }
        if (rate <= critical) {
            return KpiStatus.RED;
        }
        return rate <= warning ? KpiStatus.AMBER : KpiStatus.GREEN;
    }
}
