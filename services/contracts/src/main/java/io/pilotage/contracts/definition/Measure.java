package io.pilotage.contracts.definition;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * A measure of the KPI language (DESIGN §3.1). {@code type} says which parameters apply; the exact
 * semantics of each type are in {@code docs/kpi-language.md}.
 *
 * <table>
 *   <tr><th>type</th><th>parameters</th></tr>
 *   <tr><td>count</td><td>events, where</td></tr>
 *   <tr><td>sum, avg, min, max</td><td>events, where, field (default {@code value})</td></tr>
 *   <tr><td>percentile</td><td>events, where, field, percentile (e.g. 90)</td></tr>
 *   <tr><td>ratio</td><td>numerator, denominator, percent</td></tr>
 *   <tr><td>distinct</td><td>events (empty: any), where, field (default {@code subject}), cohort</td></tr>
 *   <tr><td>duration</td><td>start, end, stat ({@code avg}, {@code p50}, {@code p90}), unit of the KPI</td></tr>
 *   <tr><td>within</td><td>start, end, limit</td></tr>
 *   <tr><td>retention</td><td>cohort, events (activity; empty: any), day, mode ({@code on}, {@code on_or_after})</td></tr>
 *   <tr><td>uptime</td><td>up, down</td></tr>
 *   <tr><td>latest</td><td>events, where, field</td></tr>
 * </table>
 *
 * @param field  {@code value}, {@code subject}, {@code entity}, or {@code attributes.<name>}
 * @param where  attribute filter: every entry must equal the event's attribute of that name
 * @param cohort for {@code retention}: the events that make a subject's first-seen day; for
 *               {@code distinct}: only subjects whose first such event falls in the window count
 * @param precision {@code exact}, {@code sketch} or null (the engine decides by volume)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Measure(String type, List<String> events, Map<String, Object> where, String field,
                      Double percentile, Measure numerator, Measure denominator, Boolean percent,
                      List<String> start, List<String> end, String stat, Limit limit,
                      List<String> cohort, Integer day, String mode, List<String> up, List<String> down,
                      String precision) {

    public Measure {
        events = events == null ? List.of() : List.copyOf(events);
        where = where == null ? Map.of() : Map.copyOf(where);
        start = start == null ? List.of() : List.copyOf(start);
        end = end == null ? List.of() : List.copyOf(end);
        cohort = cohort == null ? List.of() : List.copyOf(cohort);
        up = up == null ? List.of() : List.copyOf(up);
        down = down == null ? List.of() : List.copyOf(down);
    }

    public boolean percentOrFalse() {
        return Boolean.TRUE.equals(percent);
    }

    /**
     * The time limit of a {@code within} measure, in days: {@code days} for every entity, or per
     * value of the entity's attribute {@code attribute} ({@code byValue}), {@code days} being the
     * default for values not listed.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Limit(Double days, String attribute, Map<String, Double> byValue) {
        public Limit {
            byValue = byValue == null ? Map.of() : Map.copyOf(byValue);
        }
    }
}
