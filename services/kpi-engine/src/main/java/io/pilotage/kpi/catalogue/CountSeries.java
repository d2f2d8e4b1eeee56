package io.pilotage.kpi.catalogue;

import io.pilotage.contracts.KpiValue;
import io.pilotage.contracts.KpiValue.Period;
import io.pilotage.kpi.status.StatusEvaluator;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A count KPI's value for each period: the sum of its daily counts (counts are mergeable, so a
 * period is the merge of its days). A period without events is NO_DATA, with a null value.
 */
public final class CountSeries {

    private CountSeries() {
    }

    public static List<KpiValue> values(CountKpi kpi, List<Period> periods, Map<LocalDate, Long> dailyCounts,
                                        Instant computedAt) {
        return periods.stream().map(p -> {
            long count = 0;
            for (LocalDate d = p.start(); !d.isAfter(p.end()); d = d.plusDays(1)) {
                count += dailyCounts.getOrDefault(d, 0L);
            }
            Double value = count == 0 ? null : (double) count;
            return new KpiValue(kpi.key(), kpi.project(), p, value, kpi.unit(), kpi.target(),
                    StatusEvaluator.evaluate(value, kpi.direction(), kpi.target(), kpi.critical()),
                    count, true, null, kpi.version(), computedAt);
        }).toList();
    }
}
