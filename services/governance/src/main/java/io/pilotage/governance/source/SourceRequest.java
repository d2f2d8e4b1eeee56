package io.pilotage.governance.source;

import io.pilotage.contracts.definition.QualityRule;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A source as a client registers or replaces it (the secret is never sent: it is generated).
 *
 * @param qualityRules on replace, null keeps the current rules
 * @param version      the version edited (replace only)
 */
public record SourceRequest(String id, String project, String kind, Map<String, Object> mapping, List<String> personalFields,
                            List<QualityRule> qualityRules, Duration expectedInterval, Duration acceptedLateness,
                            Integer version, String reason) {
}
