package io.pilotage.governance.source;

import io.pilotage.contracts.definition.QualityRule;
import io.pilotage.contracts.definition.SourceDefinition;
import io.pilotage.governance.definition.StoredDefinition;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A source as the API shows it: never a secret, nor its full hash, nor its signing key; each
 * accepted secret only by a short fingerprint of its hash and its expiry (null: current).
 *
 * @param secret the new secret, present only in the answer that created it (shown once)
 */
public record SourceView(String id, String project, String kind, Map<String, Object> mapping, List<String> personalFields,
                         List<QualityRule> qualityRules, Duration expectedInterval, Duration acceptedLateness,
                         List<SecretInfo> secrets, int version, Instant updatedAt, String updatedBy, String secret) {

    public record SecretInfo(String fingerprint, Instant notAfter) {
    }

    static SourceView of(StoredDefinition stored, String newSecret) {
        SourceDefinition s = stored.asSource();
        return new SourceView(s.id(), s.project(), s.kind(), s.mapping(), s.personalFields(), s.qualityRules(),
                s.expectedInterval(), s.acceptedLateness(),
                s.secrets().stream().filter(h -> SourceDefinition.SecretHash.SHA256.equals(h.algorithm()))
                        .map(h -> new SecretInfo(h.hash().substring(0, 12), h.notAfter())).toList(),
                stored.version(), stored.updatedAt(), stored.updatedBy(), newSecret);
    }
}
