package io.pilotage.kpi.status;

import io.pilotage.contracts.KpiStatus;
import org.junit.jupiter.api.Test;

import static io.pilotage.contracts.definition.Direction.HIGHER_IS_BETTER;
import static io.pilotage.contracts.definition.Direction.LOWER_IS_BETTER;
import static io.pilotage.kpi.status.StatusEvaluator.evaluate;
import static org.assertj.core.api.Assertions.assertThat;

class StatusEvaluatorTest {

    @Test
    void higherIsBetter() {
        // MAU: target 250 000, critical 200 000
        assertThat(evaluate(260_000.0, HIGHER_IS_BETTER, 250_000.0, 200_000.0)).isEqualTo(KpiStatus.GREEN);
        assertThat(evaluate(250_000.0, HIGHER_IS_BETTER, 250_000.0, 200_000.0)).isEqualTo(KpiStatus.GREEN);
        assertThat(evaluate(231_877.0, HIGHER_IS_BETTER, 250_000.0, 200_000.0)).isEqualTo(KpiStatus.AMBER);
        assertThat(evaluate(200_000.0, HIGHER_IS_BETTER, 250_000.0, 200_000.0)).isEqualTo(KpiStatus.RED);
        assertThat(evaluate(150_000.0, HIGHER_IS_BETTER, 250_000.0, 200_000.0)).isEqualTo(KpiStatus.RED);
    }

    @Test
    void lowerIsBetter() {
        // MTTR hours: target 4, critical 24
        assertThat(evaluate(3.5, LOWER_IS_BETTER, 4.0, 24.0)).isEqualTo(KpiStatus.GREEN);
        assertThat(evaluate(4.0, LOWER_IS_BETTER, 4.0, 24.0)).isEqualTo(KpiStatus.GREEN);
        assertThat(evaluate(10.0, LOWER_IS_BETTER, 4.0, 24.0)).isEqualTo(KpiStatus.AMBER);
        assertThat(evaluate(24.0, LOWER_IS_BETTER, 4.0, 24.0)).isEqualTo(KpiStatus.RED);
    }

    @Test
    void noValueIsNoDataAndMissingThresholdsAreLenient() {
        assertThat(evaluate(null, LOWER_IS_BETTER, 4.0, 24.0)).isEqualTo(KpiStatus.NO_DATA);
        assertThat(evaluate(99.0, LOWER_IS_BETTER, null, null)).isEqualTo(KpiStatus.GREEN);
        assertThat(evaluate(1_000.0, LOWER_IS_BETTER, 4.0, null)).isEqualTo(KpiStatus.AMBER);
    }
}
