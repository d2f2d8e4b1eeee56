package io.pilotage.console.view;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SparklineTest {

    @Test
    void valuesAreScaledIntoTheBoxHigherValuesHigherUp() {
        Sparkline s = Sparkline.of(List.of(0.0, 10.0), null, 100, 20);
        assertThat(s.lines()).containsExactly("2.0,18.0 98.0,2.0");
        assertThat(s.lastX()).isEqualTo(98.0);
        assertThat(s.lastY()).isEqualTo(2.0);
        assertThat(s.targetY()).isNull();
    }

    @Test
    void aPeriodWithoutValueBreaksTheLine() {
        Sparkline s = Sparkline.of(Arrays.asList(1.0, 2.0, null, 3.0, 4.0), null, 100, 20);
        assertThat(s.lines()).hasSize(2);
        assertThat(s.lastX()).isEqualTo(98.0);
    }

    @Test
    void aLoneValueStillShowsAndTheLastEmptyPeriodHasNoDot() {
        Sparkline s = Sparkline.of(Arrays.asList(null, 5.0, null), 5.0, 100, 20);
        assertThat(s.lines()).hasSize(1);
        assertThat(s.lines().get(0)).isEqualTo("49.0,10.0 51.0,10.0");
        assertThat(s.lastX()).isNull();
        assertThat(s.targetY()).isEqualTo(10.0);
    }

    @Test
    void theTargetWidensTheRangeAndIsDrawn() {
        Sparkline s = Sparkline.of(List.of(10.0, 20.0), 30.0, 100, 22);
        assertThat(s.targetY()).isEqualTo(2.0);
        assertThat(s.lines().get(0)).isEqualTo("2.0,20.0 98.0,11.0");
    }

    @Test
    void noValuesNoLine() {
        assertThat(Sparkline.of(Arrays.asList(null, null), 3.0).empty()).isTrue();
        assertThat(Sparkline.of(List.of(), null).empty()).isTrue();
    }
}
