package io.pilotage.kpi.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pilotage.contracts.KpiValue;
import io.pilotage.contracts.definition.Direction;
import io.pilotage.contracts.definition.KpiDefinition;

import java.util.Map;

/**
 * A KPI definition with its latest value (the current period of its frequency).
 *
 * @param precision {@code exact} or {@code sketch}: how the latest value was computed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KpiSummary(String key, String project, Map<String, String> name, String unit, Direction direction, Double target,
                         KpiDefinition.Thresholds thresholds, String frequency, String owner, KpiDefinition.Window window,
                         String measure, int version, KpiValue latest, String precision) {

    static KpiSummary of(KpiDefinition d, KpiValue latest) {
        return new KpiSummary(d.key(), d.project(), d.name(), d.unit(), d.direction(), d.target(), d.thresholds(), d.frequency(),
                d.owner(), d.window(), d.measure() == null ? null : d.measure().type(), d.version(), latest,
                latest == null ? null : latest.exact() ? "exact" : "sketch");
    }
}
