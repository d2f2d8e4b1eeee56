package io.pilotage.ingestion.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotage.contracts.definition.SourceDefinition;
import io.pilotage.ingestion.source.SourceYaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Real payload shapes (src/test/resources/fixtures) and the bundled source definitions. */
public final class Fixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    public static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode json(String name) {
        try {
            return JSON.readTree(text(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SourceDefinition source(String id) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/sources/" + id + ".yaml")) {
            return SourceYaml.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
