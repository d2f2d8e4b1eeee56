package io.pilotage.kpi.explain;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pilotage.contracts.KpiStatus;
import io.pilotage.contracts.KpiValue.Period;
import io.pilotage.contracts.definition.Direction;
import io.pilotage.contracts.definition.KpiDefinition;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The answer of {@code GET /kpis/{key}/explain}: a value with what it means and what it was made
 * from. Every field is always present, null or empty where it does not apply.
 *
 * @param eventsByType     the events of the value's window the measure takes, counted per type (raw events)
 * @param sample           at most 20 of them, the latest first
 * @param openEntities     {@code duration}/{@code within}: at most 50 entities still open at the window's end; else null
 * @param openEntitiesCount how many entities are open in all; null for other measures
 * @param lastEventAt      when the latest of those events occurred
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Explanation(String kpi, String project, Map<String, String> name, String unit, Direction direction, Double target,
                          Thresholds thresholds, String frequency, KpiDefinition.Window window, String zone, String owner,
                          int definitionVersion, Period period, Double value, KpiStatus status, Sentence definition,
                          Sentence statusRule, long sampleSize, boolean exact, Double errorBound,
                          List<Evidence.TypeCount> eventsByType, List<Evidence.SampleEvent> sample,
                          List<OpenEntities.Open> openEntities, Long openEntitiesCount, Instant lastEventAt, Instant computedAt) {

    /** The thresholds, both always written (null when not set). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Thresholds(Double warning, Double critical) {
    }
}
