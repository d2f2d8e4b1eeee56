package io.pilotage.governance.source;

import io.pilotage.contracts.KpiStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The pass rate from ingestion's counts, plain Java. */
class PassRateTest {

    @Test
    void aNewerStatusAddsItsDifferenceAndAFirstOrRestartedOneAddsEverything() {
        assertThat(PassRate.delta(null, new PassRate.Counts(100, 2))).isEqualTo(new PassRate.Counts(100, 2));
        assertThat(PassRate.delta(new PassRate.Counts(100, 2), new PassRate.Counts(250, 5)))
                .isEqualTo(new PassRate.Counts(150, 3));
        assertThat(PassRate.delta(new PassRate.Counts(100, 2), new PassRate.Counts(40, 1)))
                .isEqualTo(new PassRate.Counts(40, 1));
    }

    @Test
    void theRateIsOneMinusRejectedOverReceivedInPercentAndNothingReceivedIsNoRate() {
        assertThat(PassRate.rate(new PassRate.Counts(300, 10))).isCloseTo(96.667, within(0.001));
        assertThat(PassRate.rate(new PassRate.Counts(10, 0))).isEqualTo(100.0);
        assertThat(PassRate.rate(new PassRate.Counts(0, 0))).isNull();
        assertThat(PassRate.rate(new PassRate.Counts(5, 9))).isEqualTo(0.0);
    }

    @Test
    void theStatusComparesWithTheThresholdsEqualityBeingPastThem() {
        assertThat(PassRate.status(99.5, 99, 95)).isEqualTo(KpiStatus.GREEN);
        assertThat(PassRate.status(99.0, 99, 95)).isEqualTo(KpiStatus.AMBER);
        assertThat(PassRate.status(96.0, 99, 95)).isEqualTo(KpiStatus.AMBER);
        assertThat(PassRate.status(95.0, 99, 95)).isEqualTo(KpiStatus.RED);
        assertThat(PassRate.status(null, 99, 95)).isEqualTo(KpiStatus.NO_DATA);
        assertThat(PassRate.kpiKey("odoo-prod")).isEqualTo("quality.odoo-prod.pass_rate");
    }
}
