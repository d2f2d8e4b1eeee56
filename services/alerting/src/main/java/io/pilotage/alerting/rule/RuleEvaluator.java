package io.pilotage.alerting.rule;

import io.pilotage.alerting.state.AlertInput;
import io.pilotage.contracts.KpiStatus;
import io.pilotage.contracts.KpiValue;
import io.pilotage.contracts.definition.Direction;
import io.pilotage.contracts.definition.KpiDefinition;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns a KPI value (or the passing of time) into the input of an alert's state machine. Plain
 * Java. Comparisons are direction-aware like the KPI status: a value equal to a threshold is past it.
 */
public final class RuleEvaluator {

    private RuleEvaluator() {
    }

    /**
     * Evaluates a value-driven rule.
     *
     * @param definition the KPI's current definition (direction, target, thresholds)
     * @param value      the KPI value
     * @param previous   the previous period's value, or null
     * @return the input, or empty when the rule does not apply (e.g. a threshold the KPI does not define)
     */
    public static Optional<AlertInput> evaluate(AlertRule rule, KpiDefinition definition, KpiValue value,
                                                Double previous, Instant at) {
        if (rule.kind().timeBased()) {
            return Optional.empty();
        }
        Double bound = bound(rule, definition);
        if (bound == null) {
            return Optional.empty();
        }
        if (value.status() == KpiStatus.NO_DATA || value.value() == null) {
            return Optional.of(new AlertInput.NoData(at));
        }
        double v = value.value();
        boolean higherIsBetter = definition == null || definition.direction() != Direction.LOWER_IS_BETTER;
        boolean breach = switch (rule.kind()) {
            case THRESHOLD_WARNING, THRESHOLD_CRITICAL -> higherIsBetter ? v <= bound : v >= bound;
            case BELOW -> v < bound;
            case ABOVE -> v > bound;
            case OFF_TARGET_BY -> {
                double target = definition.target();
                double worseBy = higherIsBetter ? target - v : v - target;
                yield target != 0 && worseBy / Math.abs(target) * 100.0 > bound;
            }
            case DROP_VS_PREVIOUS -> previous != null && previous != 0
                    && (previous - v) / Math.abs(previous) * 100.0 > bound;
            case NO_DATA, SOURCE_SILENT, CHANNEL_FAILING -> false;
        };
        Double threshold = switch (rule.kind()) {
            case OFF_TARGET_BY -> definition.target() * (higherIsBetter ? 1 - bound / 100 : 1 + bound / 100);
            case DROP_VS_PREVIOUS -> previous == null ? null : previous * (1 - bound / 100);
            default -> bound;
        };
        return Optional.of(breach ? new AlertInput.Breach(at, v, threshold) : new AlertInput.Clear(at, v));
    }

    /**
     * Evaluates a time-based rule ({@code no_data}, {@code source_silent}) at {@code now}.
     *
     * @param lastSeen when data last arrived (a KPI value with data, or an event of the source);
     *                 null: never since the rule exists, counted from {@code since}
     * @param since    when the rule started watching
     */
    public static Optional<AlertInput> evaluateSilence(AlertRule rule, Instant lastSeen, Instant since, Instant now) {
        if (!rule.kind().timeBased() || rule.duration() == null) {
            return Optional.empty();
        }
        Instant from = lastSeen != null ? lastSeen : since;
        Duration quiet = Duration.between(from, now);
        return Optional.of(quiet.compareTo(rule.duration()) > 0
                ? new AlertInput.Breach(now, (double) quiet.toSeconds(), (double) rule.duration().toSeconds())
                : new AlertInput.Clear(now, (double) quiet.toSeconds()));
    }

    /**
     * Evaluates a {@code source_silent} rule at {@code now} from what the source-status records say:
     * never seen (no status, or no accepted event known) is no data; else silent when the last
     * accepted event is older than the rule's duration.
     */
    public static Optional<AlertInput> evaluateSourceSilence(AlertRule rule, Optional<SourceActivity.Seen> seen,
                                                             Instant now) {
        if (rule.kind() != RuleKind.SOURCE_SILENT || rule.duration() == null) {
            return Optional.empty();
        }
        if (seen.isEmpty() || seen.get().lastEventAt() == null) {
            return Optional.of(new AlertInput.NoData(now));
        }
        return evaluateSilence(rule, seen.get().lastEventAt(), now, now);
    }

    private static Double bound(AlertRule rule, KpiDefinition d) {
        return switch (rule.kind()) {
            case THRESHOLD_WARNING -> d == null || d.thresholds() == null ? null : d.thresholds().warning();
            case THRESHOLD_CRITICAL -> d == null || d.thresholds() == null ? null : d.thresholds().critical();
            case OFF_TARGET_BY -> d == null || d.target() == null ? null : rule.value();
            default -> rule.value();
        };
    }
}
