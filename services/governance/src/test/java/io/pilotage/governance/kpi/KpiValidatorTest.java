package io.pilotage.governance.kpi;

import io.pilotage.contracts.Problem.FieldError;
import io.pilotage.contracts.definition.KpiDefinition;
import io.pilotage.contracts.definition.KpiYaml;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KpiValidatorTest {

    private static List<FieldError> errorsOf(String kpiYaml) {
        KpiYaml.ProjectKpis file = KpiYaml.read("project: p\nkpis:\n" + kpiYaml);
        return KpiValidator.validate(file.kpis().getFirst(), "p", "");
    }

    private static final String VALID = """
              - key: p.count
                name: { en: "Count" }
                unit: count
                direction: higher_is_better
                target: 10
                thresholds: { warning: 8, critical: 5 }
                frequency: monthly
                owner: owner
                measure: { type: count, events: [a.b] }
            """;

    @Test
    void everyKpiOfTheBuiltInCatalogueIsValid() {
        for (KpiDefinition k : KpiYaml.catalogue()) {
            assertThat(KpiValidator.validate(k, k.project(), "")).as(k.key()).isEmpty();
        }
        assertThat(KpiYaml.catalogue()).hasSize(17);
    }

    @Test
    void aValidKpiHasNoError() {
        assertThat(errorsOf(VALID)).isEmpty();
    }

    @Test
    void anUnknownMeasureTypeIsNamed() {
        assertThat(errorsOf(VALID.replace("type: count", "type: median")))
                .extracting(FieldError::field).containsExactly("measure.type");
    }

    @Test
    void aMissingTargetIsNamed() {
        assertThat(errorsOf(VALID.replace("    target: 10\n", "")))
                .extracting(FieldError::field).containsExactly("target");
    }

    @Test
    void thresholdsOnTheWrongSideOfTheTargetForTheDirectionAreNamed() {
        // higher is better: a warning above the target is wrong
        assertThat(errorsOf(VALID.replace("warning: 8", "warning: 12")))
                .extracting(FieldError::field).containsExactly("thresholds.warning");
        // lower is better with thresholds below the target: both wrong
        assertThat(errorsOf(VALID.replace("higher_is_better", "lower_is_better")))
                .extracting(FieldError::field).containsExactlyInAnyOrder("thresholds.warning", "thresholds.critical",
                        "thresholds.critical");
        // critical must lie beyond warning
        assertThat(errorsOf(VALID.replace("critical: 5", "critical: 9")))
                .extracting(FieldError::field).containsExactly("thresholds.critical");
    }

    @Test
    void anUnknownEventFieldIsNamed() {
        List<FieldError> errors = errorsOf(VALID.replace("type: count, events: [a.b]", "type: sum, events: [a.b], field: amount"));
        assertThat(errors).extracting(FieldError::field).containsExactly("measure.field");
        assertThat(errors.getFirst().reason()).contains("unknown event field 'amount'");
        assertThat(errorsOf(VALID.replace("type: count, events: [a.b]", "type: sum, events: [a.b], field: attributes.amount"))).isEmpty();
    }

    @Test
    void nestedMeasuresAndTypeSpecificParametersAreChecked() {
        List<FieldError> errors = errorsOf(VALID.replace("{ type: count, events: [a.b] }",
                "{ type: ratio, numerator: { type: count }, denominator: { type: percentile, events: [x], percentile: 100 } }"));
        assertThat(errors).extracting(FieldError::field)
                .containsExactlyInAnyOrder("measure.numerator.events", "measure.denominator.percentile");
        assertThat(errorsOf(VALID.replace("{ type: count, events: [a.b] }", "{ type: within, start: [a], end: [b] }")))
                .extracting(FieldError::field).containsExactly("measure.limit");
        assertThat(errorsOf(VALID.replace("{ type: count, events: [a.b] }", "{ type: retention, cohort: [a], day: 0, mode: later }")))
                .extracting(FieldError::field).containsExactlyInAnyOrder("measure.day", "measure.mode");
    }

    @Test
    void everyOtherFieldIsChecked() {
        String bad = VALID.replace("key: p.count", "key: P Count").replace("unit: count", "unit: kg")
                .replace("frequency: monthly", "frequency: hourly").replace("owner: owner", "owner: ' '")
                .replace("measure:", "window: { kind: rolling }\n    measure:");
        assertThat(errorsOf(bad)).extracting(FieldError::field)
                .containsExactlyInAnyOrder("key", "unit", "frequency", "owner", "window.days");
    }
}
