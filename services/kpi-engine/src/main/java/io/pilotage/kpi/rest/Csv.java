package io.pilotage.kpi.rest;

import io.pilotage.contracts.KpiValue;
import io.pilotage.kpi.compute.KpiCalculator;

import java.util.List;

/** KPI values as CSV (RFC 4180): one header row, one row per period. */
final class Csv {

    static final String HEADER = "kpi,project,granularity,start,end,value,unit,target,status,sampleSize,exact,errorBound,"
            + "openEntities,definitionVersion,computedAt";

    private Csv() {
    }

    static String of(List<KpiCalculator.Computed> values) {
        StringBuilder sb = new StringBuilder(HEADER).append("\r\n");
        for (KpiCalculator.Computed c : values) {
            KpiValue v = c.value();
            sb.append(String.join(",", cell(v.kpi()), cell(v.project()), v.period().granularity().wireName(),
                    v.period().start().toString(), v.period().end().toString(), cell(v.value()), cell(v.unit()), cell(v.target()),
                    v.status().name(), Long.toString(v.sampleSize()), Boolean.toString(v.exact()), cell(v.errorBound()),
                    cell(c.open()), Integer.toString(v.definitionVersion()), cell(v.computedAt()))).append("\r\n");
        }
        return sb.toString();
    }

    private static String cell(Object o) {
        if (o == null) {
            return "";
        }
        String s = o.toString();
        return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
                ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
