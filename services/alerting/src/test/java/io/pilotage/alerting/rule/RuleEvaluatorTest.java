package io.pilotage.alerting.rule;

import io.pilotage.alerting.state.AlertInput;
import io.pilotage.contracts.Granularity;
import io.pilotage.contracts.KpiStatus;
import io.pilotage.contracts.KpiValue;
import io.pilotage.contracts.definition.Direction;
import io.pilotage.contracts.definition.KpiDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RuleEvaluatorTest {

    private static final Instant NOW = Instant.parse("2026-11-02T09:00:00Z");

    private static KpiDefinition kpi(Direction d, Double target, Double warning, Double critical) {
        return new KpiDefinition("erp.x", "erp", Map.of("en", "X"), "%", d, target,
                new KpiDefinition.Thresholds(warning, critical), "monthly", "owner", null, null, 1);
    }

    private static KpiValue value(Double v) {
        return new KpiValue("erp.x", "erp", new KpiValue.Period(Granularity.MONTH, LocalDate.of(2026, 10, 1),
                LocalDate.of(2026, 10, 31)), v, "%", 80.0, v == null ? KpiStatus.NO_DATA : KpiStatus.AMBER, 10, true,
                null, 1, NOW);
    }

    private static String outcome(Optional<AlertInput> in) {
        return in.map(i -> switch (i) {
            case AlertInput.Breach b -> "breach";
            case AlertInput.Clear c -> "clear";
            case AlertInput.NoData n -> "no_data";
            case AlertInput.Acknowledge a -> "ack";
        }).orElse("n/a");
    }

    private static AlertRule custom(RuleKind kind, double value) {
        return new AlertRule("r1", kind, "erp", "erp.x", null, Severity.WARNING, value, 1, null);
    }

    @ParameterizedTest(name = "{0} critical 60, value {1} -> {2}")
    @CsvSource({
            "higher_is_better, 59, breach", "higher_is_better, 60, breach", "higher_is_better, 61, clear",
            "lower_is_better, 61, breach", "lower_is_better, 60, breach", "lower_is_better, 59, clear"})
    void criticalThresholdIsDirectionAwareAndEqualityIsPast(String direction, double v, String expected) {
        KpiDefinition d = kpi(Direction.parse(direction), 80.0, 70.0, 60.0);
        assertThat(outcome(RuleEvaluator.evaluate(AlertRule.thresholdCritical("erp", "erp.x"), d, value(v), null, NOW)))
                .isEqualTo(expected);
    }

    @Test
    void warningThresholdUsesTheWarningValue() {
        KpiDefinition d = kpi(Direction.HIGHER_IS_BETTER, 80.0, 70.0, 60.0);
        AlertRule w = AlertRule.thresholdWarning("erp", "erp.x");
        assertThat(outcome(RuleEvaluator.evaluate(w, d, value(65.0), null, NOW))).isEqualTo("breach");
        assertThat(outcome(RuleEvaluator.evaluate(w, d, value(75.0), null, NOW))).isEqualTo("clear");
        AlertInput.Breach b = (AlertInput.Breach) RuleEvaluator.evaluate(w, d, value(65.0), null, NOW).orElseThrow();
        assertThat(b.threshold()).isEqualTo(70.0);
        assertThat(b.value()).isEqualTo(65.0);
    }

    @Test
    void aThresholdTheKpiDoesNotDefineDoesNotApply() {
        KpiDefinition d = kpi(Direction.HIGHER_IS_BETTER, 80.0, null, 60.0);
        assertThat(outcome(RuleEvaluator.evaluate(AlertRule.thresholdWarning("erp", "erp.x"), d, value(1.0), null, NOW)))
                .isEqualTo("n/a");
        assertThat(outcome(RuleEvaluator.evaluate(AlertRule.thresholdCritical("erp", "erp.x"), null, value(1.0), null,
                NOW))).isEqualTo("n/a");
    }

    @Test
    void aValueWithoutDataIsNoData() {
        KpiDefinition d = kpi(Direction.HIGHER_IS_BETTER, 80.0, 70.0, 60.0);
        assertThat(outcome(RuleEvaluator.evaluate(AlertRule.thresholdCritical("erp", "erp.x"), d, value(null), null,
                NOW))).isEqualTo("no_data");
        assertThat(outcome(RuleEvaluator.evaluate(custom(RuleKind.BELOW, 5), d, value(null), null, NOW)))
                .isEqualTo("no_data");
    }

    @ParameterizedTest(name = "{0} {1}, value {2}, previous {3} -> {4}")
    @CsvSource({
            "below, 50, 49.9, , breach", "below, 50, 50, , clear",
            "above, 50, 50.1, , breach", "above, 50, 50, , clear",
            // target 80, higher is better: 10 % off = below 72
            "off_target_by, 10, 71, , breach", "off_target_by, 10, 72, , clear", "off_target_by, 10, 200, , clear",
            "drop_vs_previous, 20, 79, 100, breach", "drop_vs_previous, 20, 80, 100, clear",
            "drop_vs_previous, 20, 10, , clear", "drop_vs_previous, 20, 150, 100, clear"})
    void customRules(String kind, double bound, double v, Double previous, String expected) {
        KpiDefinition d = kpi(Direction.HIGHER_IS_BETTER, 80.0, 70.0, 60.0);
        assertThat(outcome(RuleEvaluator.evaluate(custom(RuleKind.parse(kind), bound), d, value(v), previous, NOW)))
                .isEqualTo(expected);
    }

    @Test
    void offTargetIsDirectionAware() {
        KpiDefinition d = kpi(Direction.LOWER_IS_BETTER, 100.0, 120.0, 150.0);
        AlertRule r = custom(RuleKind.OFF_TARGET_BY, 10);
        assertThat(outcome(RuleEvaluator.evaluate(r, d, value(111.0), null, NOW))).isEqualTo("breach");
        assertThat(outcome(RuleEvaluator.evaluate(r, d, value(50.0), null, NOW))).isEqualTo("clear");
        AlertInput.Breach b = (AlertInput.Breach) RuleEvaluator.evaluate(r, d, value(111.0), null, NOW).orElseThrow();
        assertThat(b.threshold()).isEqualTo(110.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void offTargetWithoutTargetDoesNotApply() {
        KpiDefinition d = kpi(Direction.HIGHER_IS_BETTER, null, 70.0, 60.0);
        assertThat(outcome(RuleEvaluator.evaluate(custom(RuleKind.OFF_TARGET_BY, 10), d, value(1.0), null, NOW)))
                .isEqualTo("n/a");
    }

    @Test
    void silenceRulesFireAfterTheirDuration() {
        AlertRule r = new AlertRule("r2", RuleKind.NO_DATA, "erp", "erp.x", null, Severity.WARNING, null, 1,
                Duration.ofMinutes(10));
        assertThat(outcome(RuleEvaluator.evaluateSilence(r, NOW.minusSeconds(601), null, NOW))).isEqualTo("breach");
        assertThat(outcome(RuleEvaluator.evaluateSilence(r, NOW.minusSeconds(600), null, NOW))).isEqualTo("clear");
        assertThat(outcome(RuleEvaluator.evaluateSilence(r, null, NOW.minusSeconds(3600), NOW))).isEqualTo("breach");
        assertThat(outcome(RuleEvaluator.evaluate(r, null, value(1.0), null, NOW))).as("not value-driven").isEqualTo("n/a");
        assertThat(outcome(RuleEvaluator.evaluateSilence(custom(RuleKind.BELOW, 1), null, NOW, NOW))).isEqualTo("n/a");
    }

    @Test
    void alertIdsAreStablePerRuleAndKpi() {
        assertThat(AlertRule.thresholdCritical("erp", "erp.x").alertId()).isEqualTo("threshold-critical:erp/erp.x");
        assertThat(new AlertRule("r9", RuleKind.SOURCE_SILENT, "erp", null, "odoo", Severity.CRITICAL, null, 1,
                Duration.ofHours(1)).alertId()).isEqualTo("r9:erp/odoo");
    }
}
