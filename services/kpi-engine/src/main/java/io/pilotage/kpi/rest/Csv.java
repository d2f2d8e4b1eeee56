package io.pilotage.kpi.rest;

import io.pilotage.contracts.KpiValue;
import io.pilotage.contracts.SafeCsv;
import io.pilotage.kpi.compute.KpiCalculator;

import java.util.Arrays;
import java.util.List;

/** KPI values as CSV (RFC 4180, through {@link SafeCsv}): one header row, one row per period. */
final class Csv {

    static final List<String> HEADER = List.of("kpi", "project", "granularity", "start", "end", "value", "unit", "target",
            "status", "sampleSize", "exact", "errorBound", "openEntities", "definitionVersion", "computedAt");

    private Csv() {
    }

    static String of(List<KpiCalculator.Computed> values) {
        return SafeCsv.write(HEADER, values.stream().map(c -> {
            KpiValue v = c.value();
            return Arrays.<Object>asList(v.kpi(), v.project(), v.period().granularity().wireName(), v.period().start(),
                    v.period().end(), v.value(), v.unit(), v.target(), v.status().name(), v.sampleSize(), v.exact(),
                    v.errorBound(), c.open(), v.definitionVersion(), v.computedAt());
        }).toList());
    }
}
