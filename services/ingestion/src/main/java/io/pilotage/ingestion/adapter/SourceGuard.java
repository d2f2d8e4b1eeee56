package io.pilotage.ingestion.adapter;

import io.pilotage.contracts.definition.SourceDefinition;
import io.pilotage.ingestion.source.SignatureVerifier;
import io.pilotage.ingestion.source.SourceAuthenticator;
import io.pilotage.ingestion.source.SourceRegistry;
import io.pilotage.ingestion.supervision.SourceStats;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
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
    private final Duration signatureTolerance;

    public SourceGuard(SourceRegistry registry, SourceStats stats,
                       @ConfigProperty(name = "pilotage.ingestion.signature-tolerance") Duration signatureTolerance) {
        this.registry = registry;
        this.stats = stats;
        this.signatureTolerance = signatureTolerance;
    }

    /**
     * What a source presented: its token ({@code X-Pilotage-Source-Token}), or a signature of the
     * body ({@code X-Pilotage-Timestamp} and {@code X-Pilotage-Signature}). When either signature
     * header is present the request is judged by its signature alone.
     */
    public record Presented(String token, String timestamp, String signature) {
        boolean signed() {
            return timestamp != null || signature != null;
        }
    }

    /** Authenticates by the source's token or by an HMAC signature of {@code body} (the raw bytes received). */
    public Optional<SourceDefinition> authenticate(String sourceId, String kind, Presented presented, byte[] body) {
        if (!presented.signed()) {
            return authenticate(sourceId, kind, presented.token());
        }
        Optional<SourceDefinition> source = registry.find(sourceId).filter(s -> kind.equals(s.kind()));
        if (source.isPresent() && SignatureVerifier.accepts(source.get(), presented.timestamp(), presented.signature(),
                body, Instant.now(), signatureTolerance)) {
            return source;
        }
        stats.authFailure(sourceId);
        return Optional.empty();
    }

    public Optional<SourceDefinition> authenticate(String sourceId, String kind, String secret) {
        Optional<SourceDefinition> source = registry.find(sourceId).filter(s -> kind.equals(s.kind()));
        if (source.isPresent() && SourceAuthenticator.accepts(source.get(), secret, Instant.now())) {
            return source;
        }
        stats.authFailure(sourceId);
        return Optional.empty();
    }

    /** A registered source, for a caller an admin token already authenticated (history imports): no secret. */
    public Optional<SourceDefinition> registered(String sourceId) {
        return registry.find(sourceId);
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
