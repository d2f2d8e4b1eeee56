package io.pilotage.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A computed KPI value (DESIGN §3.5), published on {@link Topics#KPI_VALUES} and served over REST.
 *
 * @param kpi               KPI key (e.g. {@code mobile.mau})
 * @param project           project key
 * @param period            the period the value covers
 * @param value             the value; null when {@code status} is {@link KpiStatus#NO_DATA}
 * @param unit              unit of the value ({@code %}, {@code XOF}, {@code users}, ...)
 * @param target            the definition's target at computation time; optional
 * @param status            GREEN, AMBER, RED or NO_DATA
 * @param sampleSize        number of events the value is computed from
 * @param exact             false when a sketch gave the value
 * @param errorBound        relative error bound when not exact
 * @param definitionVersion version of the definition the value was computed with
 * @param computedAt        when it was computed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KpiValue(
        String kpi,
        String project,
        Period period,
        Double value,
        String unit,
        Double target,
        KpiStatus status,
        long sampleSize,
        boolean exact,
        Double errorBound,
        int definitionVersion,
        Instant computedAt) {

    /** A period {@code [start, end]} in calendar days, inclusive of both ends as printed in §3.5. */
    public record Period(Granularity granularity, LocalDate start, LocalDate end) {
        public Period {
            if (start != null && end != null && end.isBefore(start)) {
                throw new IllegalArgumentException("period end " + end + " is before its start " + start);
            }
        }
    }
}
