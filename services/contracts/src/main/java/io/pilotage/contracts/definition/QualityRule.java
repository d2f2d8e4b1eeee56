package io.pilotage.contracts.definition;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Duration;
import java.util.List;

/**
 * A data-quality rule of a source (DESIGN §5.4), Great-Expectations-like. Which parameters apply
 * depends on {@code type}:
 * <ul>
 *   <li>{@code not_null}: {@code field}</li>
 *   <li>{@code between}: {@code field}, {@code min} and/or {@code max} (inclusive)</li>
 *   <li>{@code in_set}: {@code field}, {@code values}</li>
 *   <li>{@code matches_regex}: {@code field}, {@code regex}</li>
 *   <li>{@code unique}: {@code field} (unique per value among the source's events)</li>
 *   <li>{@code max_lateness}: {@code maxLateness} between {@code occurredAt} and reception</li>
 *   <li>{@code type}: {@code field}, {@code expectedType} ({@code string}, {@code number},
 *       {@code integer}, {@code boolean})</li>
 * </ul>
 * {@code field} is a canonical field name ({@code id}, {@code type}, {@code entity},
 * {@code subject}, {@code value}, ...) or {@code attributes.<name>}.
 *
 * @param mostly   the share of events that must pass (0..1, default 1)
 * @param severity {@code reject} (the failing event is rejected) or {@code flag} (accepted, counted)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QualityRule(String name, String type, String field, Double min, Double max, List<Object> values,
                          String regex, Duration maxLateness, String expectedType, Double mostly,
                          String severity) {

    public QualityRule {
        values = values == null ? null : List.copyOf(values);
    }

    public double mostlyOrDefault() {
        return mostly == null ? 1.0 : mostly;
    }
}
