package io.pilotage.kpi.explain;

import io.pilotage.contracts.definition.Direction;
import io.pilotage.contracts.definition.KpiDefinition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The status rule in words: every status, both directions, numbers formatted like the unit. */
class StatusRuleTest {

    private static KpiDefinition kpi(String unit, Direction direction, Double target, Double warning, Double critical) {
        return new KpiDefinition("p.k", "p", null, unit, direction, target,
                critical == null && warning == null ? null : new KpiDefinition.Thresholds(warning, critical), "monthly", null, null,
                null, 1);
    }

    private static final KpiDefinition HIGHER = kpi("%", Direction.HIGHER_IS_BETTER, 80.0, 78.0, 75.0);
    private static final KpiDefinition LOWER = kpi("h", Direction.LOWER_IS_BETTER, 24.0, 36.0, 48.0);

    @Test
    void redHigherIsBetter() {
        Sentence s = StatusRule.of(71.0, HIGHER);
        assertThat(s.en()).isEqualTo("RED: 71 % < 75 % critical, higher is better");
        assertThat(s.fr()).isEqualTo("ROUGE : 71 % < 75 % (seuil critique), plus haut est mieux");
        assertThat(StatusRule.of(75.0, HIGHER).en()).isEqualTo("RED: 75 % = 75 % critical, higher is better");
    }

    @Test
    void amberHigherIsBetter() {
        Sentence s = StatusRule.of(77.456, HIGHER);
        assertThat(s.en()).isEqualTo("AMBER: 77.46 % < 80 % target, above 75 % critical, higher is better");
        assertThat(s.fr()).isEqualTo("ORANGE : 77,46 % < 80 % (cible), au-dessus de 75 % (seuil critique), plus haut est mieux");
    }

    @Test
    void greenHigherIsBetter() {
        Sentence s = StatusRule.of(82.5, HIGHER);
        assertThat(s.en()).isEqualTo("GREEN: 82.5 % > 80 % target, higher is better");
        assertThat(s.fr()).isEqualTo("VERT : 82,5 % > 80 % (cible), plus haut est mieux");
        assertThat(StatusRule.of(80.0, HIGHER).en()).isEqualTo("GREEN: 80 % = 80 % target, higher is better");
    }

    @Test
    void redLowerIsBetter() {
        Sentence s = StatusRule.of(50.25, LOWER);
        assertThat(s.en()).isEqualTo("RED: 50.25 h > 48 h critical, lower is better");
        assertThat(s.fr()).isEqualTo("ROUGE : 50,25 h > 48 h (seuil critique), plus bas est mieux");
    }

    @Test
    void amberLowerIsBetter() {
        Sentence s = StatusRule.of(30.0, LOWER);
        assertThat(s.en()).isEqualTo("AMBER: 30 h > 24 h target, below 48 h critical, lower is better");
        assertThat(s.fr()).isEqualTo("ORANGE : 30 h > 24 h (cible), en dessous de 48 h (seuil critique), plus bas est mieux");
    }

    @Test
    void greenLowerIsBetter() {
        Sentence s = StatusRule.of(12.0, LOWER);
        assertThat(s.en()).isEqualTo("GREEN: 12 h < 24 h target, lower is better");
        assertThat(s.fr()).isEqualTo("VERT : 12 h < 24 h (cible), plus bas est mieux");
    }

    @Test
    void numbersHaveAtMostTwoDecimalsAndTheUnitsSpelling() {
        assertThat(Numbers.withUnit(0.125, "%", "en")).isEqualTo("0.13 %");
        assertThat(Numbers.withUnit(-0.001, "%", "fr")).isEqualTo("0 %");
        assertThat(Numbers.withUnit(12.0, "count", "en")).isEqualTo("12");
        assertThat(Numbers.withUnit(250000, "users", "fr")).isEqualTo("250 000 users");
        assertThat(Numbers.plain(Double.POSITIVE_INFINITY, "en")).isEqualTo("Infinity");
    }

    @Test
    void noDataSaysTheWindowHadNoEvent() {
        for (KpiDefinition d : new KpiDefinition[] {HIGHER, LOWER}) {
            Sentence s = StatusRule.of(null, d);
            assertThat(s.en()).isEqualTo("NO_DATA: no event in the window");
            assertThat(s.fr()).isEqualTo("PAS DE DONNÉES : aucun événement dans la fenêtre");
        }
    }

    @Test
    void withoutTargetEveryValueIsGreenAndWithoutCriticalNeverRed() {
        Sentence noTarget = StatusRule.of(1234567.891, kpi("XOF", Direction.HIGHER_IS_BETTER, null, null, null));
        assertThat(noTarget.en()).isEqualTo("GREEN: 1,234,567.89 XOF, no target set");
        assertThat(noTarget.fr()).isEqualTo("VERT : 1 234 567,89 XOF, aucune cible définie");
        Sentence noCritical = StatusRule.of(2.0, kpi("count", Direction.HIGHER_IS_BETTER, 4.0, null, null));
        assertThat(noCritical.en()).isEqualTo("AMBER: 2 < 4 target, no critical threshold, higher is better");
        assertThat(noCritical.fr()).isEqualTo("ORANGE : 2 < 4 (cible), aucun seuil critique, plus haut est mieux");
    }
}
