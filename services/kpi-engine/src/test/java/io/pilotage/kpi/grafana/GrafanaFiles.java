package io.pilotage.kpi.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The repository's {@code grafana/} folder as the tests read it: dashboards, their queries, provisioning files. */
public final class GrafanaFiles {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** One SQL query of a dashboard: where it is, and its text as Grafana stores it (macros and variables unexpanded). */
    public record Query(String dashboard, String where, String sql) {
    }

    private GrafanaFiles() {
    }

    /** {@code grafana/} at the repository root, found from the working directory up. */
    public static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("grafana/dashboards"))) {
                return p.resolve("grafana");
            }
        }
        throw new IllegalStateException("no grafana/dashboards above " + Path.of("").toAbsolutePath());
    }

    public static Path dashboardsDir() {
        return root().resolve("dashboards");
    }

    /** File name → parsed dashboard, for every {@code *.json} of {@code grafana/dashboards}. */
    public static Map<String, JsonNode> dashboards() {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dashboardsDir())) {
            for (Path f : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                out.put(f.getFileName().toString(), JSON.readTree(f.toFile()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    public static JsonNode yaml(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every panel of a dashboard, rows' nested panels included. */
    public static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : dashboard.path("panels")) {
            out.add(p);
            for (JsonNode nested : p.path("panels")) {
                out.add(nested);
            }
        }
        return out;
    }

    /** Every SQL of a dashboard: each target's {@code rawSql}, and each query variable's query. */
    public static List<Query> queries(String name, JsonNode dashboard) {
        List<Query> out = new ArrayList<>();
        for (JsonNode p : panels(dashboard)) {
            for (JsonNode t : p.path("targets")) {
                out.add(new Query(name, "panel " + p.path("id").asInt() + " '" + p.path("title").asText() + "' " + t.path("refId").asText(),
                        t.path("rawSql").asText()));
            }
        }
        for (JsonNode v : dashboard.path("templating").path("list")) {
            if (v.path("type").asText().equals("query")) {
                JsonNode q = v.path("query");
                out.add(new Query(name, "variable " + v.path("name").asText(), q.isObject() ? q.path("rawSql").asText() : q.asText()));
            }
        }
        return out;
    }
}
