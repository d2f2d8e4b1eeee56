package io.pilotage.kpi.publish;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TouchedDaysTest {

    private static final LocalDate D1 = LocalDate.of(2026, 10, 1);
    private static final LocalDate D2 = LocalDate.of(2026, 10, 2);

    @Test
    void batchesTouchingTheSameKpiAndDayArePublishedOnce() {
        TouchedDays pending = new TouchedDays();
        pending.add(Map.of("erp.audit_errors", Set.of(D1)));
        pending.add(Map.of("erp.audit_errors", Set.of(D1, D2), "mobile.mau", Set.of(D2)));
        pending.add(Map.of("erp.audit_errors", Set.of(D1)));

        assertThat(pending.drain()).isEqualTo(Map.of("erp.audit_errors", Set.of(D1, D2), "mobile.mau", Set.of(D2)));
    }

    @Test
    void drainingTakesEverythingSoNothingIsPublishedTwice() {
        TouchedDays pending = new TouchedDays();
        pending.add(Map.of("mobile.mau", Set.of(D1)));
        pending.drain();

        assertThat(pending.drain()).isEmpty();
        pending.add(Map.of("mobile.mau", Set.of(D2)));
        assertThat(pending.drain()).isEqualTo(Map.of("mobile.mau", Set.of(D2)));
    }
}
