package io.pilotage.ingestion.adapter;

import io.pilotage.contracts.definition.SourceDefinition;
import io.pilotage.ingestion.source.SourceAuthenticator;
import io.pilotage.ingestion.source.SourceRegistry;
import io.pilotage.ingestion.supervision.SourceStats;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;

/**
 * Authenticates a source endpoint call by the source's own secret (no Keycloak token on these
 * routes): an unknown source, a source of another kind, or a wrong secret are all "not
 * authenticated" (the answer does not tell which), and counted as an auth failure of that source.
 */
@ApplicationScoped
public class SourceGuard {

    private final SourceRegistry registry;
    private final SourceStats stats;

    public SourceGuard(SourceRegistry registry, SourceStats stats) {
        this.registry = registry;
        this.stats = stats;
    }

    public Optional<SourceDefinition> authenticate(String sourceId, String kind, String secret) {
        Optional<SourceDefinition> source = registry.find(sourceId).filter(s -> kind.equals(s.kind()));
        if (source.isPresent() && SourceAuthenticator.accepts(source.get(), secret, Instant.now())) {
            return source;
        }
        stats.authFailure(sourceId);
        return Optional.empty();
    }

    /** The Splunk source a HEC token belongs to. */
    public Optional<SourceDefinition> byToken(String kind, String token) {
        Optional<SourceDefinition> source = SourceAuthenticator.whoseSecret(
                registry.all().stream().filter(s -> kind.equals(s.kind())).toList(), token, Instant.now());
        if (source.isEmpty()) {
            stats.authFailure(null);
        }
        return source;
    }
}
