package io.pilotage.alerting.state;

import java.time.Instant;
import java.util.Objects;

/** What can happen to an alert instance: the result of one evaluation of its rule, or a person's acknowledgement. */
public sealed interface AlertInput {

    Instant at();

    /** The rule's condition holds for this evaluation. */
    record Breach(Instant at, Double value, Double threshold) implements AlertInput {
        public Breach {
            Objects.requireNonNull(at, "at");
        }
    }

    /** The rule's condition does not hold. */
    record Clear(Instant at, Double value) implements AlertInput {
        public Clear {
            Objects.requireNonNull(at, "at");
        }
    }

    /** Nothing to evaluate: the KPI has no data for the period, or no value arrived in time. */
    record NoData(Instant at) implements AlertInput {
        public NoData {
            Objects.requireNonNull(at, "at");
        }
    }

    /** A person acknowledges the alert. */
    record Acknowledge(Instant at, String by, String comment) implements AlertInput {
        public Acknowledge {
            Objects.requireNonNull(at, "at");
            if (by == null || by.isBlank()) {
                throw new IllegalArgumentException("an acknowledgement names who made it");
            }
        }
    }
}
