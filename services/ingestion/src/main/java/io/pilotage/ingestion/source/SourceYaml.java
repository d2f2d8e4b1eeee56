package io.pilotage.ingestion.source;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.pilotage.contracts.definition.SourceDefinition;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads one source definition from YAML (the shape of {@link SourceDefinition}; durations ISO-8601,
 * secrets as SHA-256 hashes). Used for the bundled {@code sources/*.yaml} files, published on
 * {@code pilotage.definitions.v1} until governance publishes its own.
 */
public final class SourceYaml {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private SourceYaml() {
    }

    public static SourceDefinition read(InputStream in) {
        try {
            SourceDefinition s = YAML.readValue(in, SourceDefinition.class);
            if (s.id() == null || s.project() == null || s.kind() == null) {
                throw new IllegalArgumentException("a source needs id, project and kind");
            }
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("invalid source YAML: " + e.getMessage(), e);
        }
    }

    public static SourceDefinition read(String yaml) {
        return read(new java.io.ByteArrayInputStream(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
