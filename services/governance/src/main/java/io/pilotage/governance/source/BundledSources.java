package io.pilotage.governance.source;

import io.pilotage.contracts.definition.Definition;
import io.pilotage.contracts.definition.SourceDefinition;

/**
 * Which source records of {@code pilotage.definitions.v1} governance adopts as its own: those
 * ingestion published for the sources bundled with it (its YAML files), by {@code system}, when
 * governance had not published them. Plain Java.
 */
public final class BundledSources {

    /** Who ingestion publishes its bundled sources as. */
    public static final String PUBLISHER = "system";

    private BundledSources() {
    }

    /** The source of {@code d} when it is one ingestion published for a bundled source; else null. */
    public static SourceDefinition bundled(Definition d) {
        if (d == null || d.kind() != Definition.Kind.SOURCE || d.source() == null || !PUBLISHER.equals(d.updatedBy())) {
            return null;
        }
        SourceDefinition s = d.source();
        return s.id() == null || s.id().isBlank() || s.id().length() > 200 || s.project() == null || s.project().isBlank()
                ? null : s;
    }
}
