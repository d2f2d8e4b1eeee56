package io.pilotage.governance.source;

import io.pilotage.contracts.definition.SourceKeySeal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The seal of source signing keys, from {@code pilotage.source-key-secret} (required, at least 16 bytes). */
@ApplicationScoped
public class SourceKeySealProducer {

    @Produces
    @ApplicationScoped
    SourceKeySeal seal(@ConfigProperty(name = "pilotage.source-key-secret") String secret) {
        return new SourceKeySeal(secret);
    }
}
