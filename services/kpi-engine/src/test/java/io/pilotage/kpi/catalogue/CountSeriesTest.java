package io.pilotage.kpi.catalogue;

import io.pilotage.contracts.Granularity;
import io.pilotage.contracts.KpiStatus;
import io.pilotage.contracts.KpiValue;
import io.pilotage.kpi.period.PeriodCalendar;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CountSeriesTest {

    private final CountKpi auditErrors = KpiCatalogue.builtIn().find("erp.audit_errors").orElseThrow();

    @Test
    void aPeriodIsTheSumOfItsDaysAndEmptyPeriodsAreNoData() {
        var periods = PeriodCalendar.periodsBetween(Granularity.MONTH, LocalDate.parse("2026-09-01"),
                LocalDate.parse("2026-11-30"), 12);
        Map<LocalDate, Long> daily = Map.of(
                LocalDate.parse("2026-09-30"), 2L,
                LocalDate.parse("2026-11-01"), 30L, LocalDate.parse("2026-11-30"), 1L);

        List<KpiValue> values = CountSeries.values(auditErrors, periods, daily, Instant.EPOCH);

        assertThat(values).extracting(KpiValue::value).containsExactly(2.0, null, 31.0);
        assertThat(values).extracting(KpiValue::status)
                .containsExactly(KpiStatus.GREEN, KpiStatus.NO_DATA, KpiStatus.RED);
        assertThat(values).extracting(KpiValue::sampleSize).containsExactly(2L, 0L, 31L);
        assertThat(values).allSatisfy(v -> {
            assertThat(v.exact()).isTrue();
            assertThat(v.project()).isEqualTo("erp");
            assertThat(v.unit()).isEqualTo("count");
        });
    }

    @Test
    void theCatalogueRoutesEventsByProjectAndType() {
        KpiCatalogue catalogue = KpiCatalogue.builtIn();

        assertThat(catalogue.countedBy("erp", "audit.error")).extracting(CountKpi::key).containsExactly("erp.audit_errors");
        assertThat(catalogue.countedBy("mobile-app", "audit.error")).isEmpty();
        assertThat(catalogue.countedBy("cybersecurity", "incident.prevented")).extracting(CountKpi::key)
                .containsExactly("security.incidents_prevented");
    }
}
