package io.pilotage.contracts.definition;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * "KPIs as code": one YAML file per project ({@code project:} and a list of {@code kpis:}), read
 * and written here, and the built-in catalogue of the three seed projects (DESIGN §3.2) shipped
 * as such files in this module's resources.
 *
 * <p>Unknown properties are refused when reading a file (a misspelt {@code treshold} must not be
 * silently ignored); a KPI whose {@code project} is absent takes the file's.
 */
public final class KpiYaml {

    /** The seed projects, in catalogue order. */
    public static final List<String> CATALOGUE_PROJECTS = List.of("erp", "mobile-app", "cybersecurity");

    private static final String RESOURCES = "/io/pilotage/contracts/catalogue/";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private KpiYaml() {
    }

    /** A project's KPI file. */
    public record ProjectKpis(String project, List<KpiDefinition> kpis) {
        public ProjectKpis {
            kpis = kpis == null ? List.of() : List.copyOf(kpis);
        }
    }

    /** The seed projects file. */
    public record Projects(List<ProjectDefinition> projects) {
        public Projects {
            projects = projects == null ? List.of() : List.copyOf(projects);
        }
    }

    /**
     * Parses a project's KPI file; every KPI gets the file's project when it names none.
     *
     * @throws IllegalArgumentException with the parser's location when the YAML is malformed or
     *                                  has an unknown property
     */
    public static ProjectKpis read(InputStream yaml) {
        ProjectKpis file;
        try {
            file = YAML.readValue(yaml, ProjectKpis.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (file == null) {
            throw new IllegalArgumentException("empty KPI file");
        }
        List<KpiDefinition> kpis = new ArrayList<>();
        for (KpiDefinition k : file.kpis()) {
            KpiDefinition withProject = k.project() == null
                    ? new KpiDefinition(k.key(), file.project(), k.name(), k.unit(), k.direction(), k.target(),
                    k.thresholds(), k.frequency(), k.owner(), k.window(), k.measure(), k.version())
                    : k;
            kpis.add(withProject.version() == 0 ? withProject.withVersion(1) : withProject);
        }
        return new ProjectKpis(file.project(), kpis);
    }

    public static ProjectKpis read(String yaml) {
        return read(new java.io.ByteArrayInputStream(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** Writes a project's KPI file. */
    public static String write(ProjectKpis file) {
        try {
            return YAML.writeValueAsString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The built-in catalogue: the KPIs of the three seed projects, version 1 each. */
    public static List<KpiDefinition> catalogue() {
        List<KpiDefinition> all = new ArrayList<>();
        for (String project : CATALOGUE_PROJECTS) {
            all.addAll(catalogue(project).kpis());
        }
        return all;
    }

    /** One seed project's KPI file. */
    public static ProjectKpis catalogue(String project) {
        try (InputStream in = resource(project + ".yaml")) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The three seed projects with their owners. */
    public static List<ProjectDefinition> seedProjects() {
        try (InputStream in = resource("projects.yaml")) {
            return YAML.readValue(in, Projects.class).projects();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = KpiYaml.class.getResourceAsStream(RESOURCES + name);
        if (in == null) {
            throw new IllegalStateException("missing catalogue resource " + RESOURCES + name);
        }
        return in;
    }
}
