package io.pilotage.governance.kpi;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.pilotage.contracts.Problem.FieldError;
import io.pilotage.contracts.definition.KpiYaml;
import io.pilotage.governance.rest.ApiException;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Reads a "KPIs as code" file with {@link KpiYaml}, turning parse errors into field errors. */
public final class KpiFileParser {

    private static final ObjectMapper TREE = new ObjectMapper(new YAMLFactory());

    private KpiFileParser() {
    }

    /** The file's project and KPIs, each with the version the file says it is based on. */
    public record ParsedFile(String project, List<KpiPlan.FileKpi> kpis) {
    }

    public static ParsedFile parse(String yaml) {
        if (yaml == null || yaml.isBlank()) {
            throw ApiException.invalid("body", "a YAML KPI file is required (project: ..., kpis: [...])");
        }
        KpiYaml.ProjectKpis file;
        JsonNode tree;
        try {
            tree = TREE.readTree(yaml);
            file = KpiYaml.read(yaml);
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw ApiException.invalid(List.of(error(e)));
        }
        JsonNode kpisNode = tree == null ? null : tree.get("kpis");
        List<KpiPlan.FileKpi> kpis = new ArrayList<>();
        for (int i = 0; i < file.kpis().size(); i++) {
            JsonNode v = kpisNode == null ? null : kpisNode.path(i).get("version");
            kpis.add(new KpiPlan.FileKpi(file.kpis().get(i), v != null && v.canConvertToInt() ? v.asInt() : null));
        }
        return new ParsedFile(file.project(), kpis);
    }

    private static FieldError error(Throwable e) {
        Throwable cause = e;
        while (cause != null && !(cause instanceof com.fasterxml.jackson.core.JsonProcessingException)) {
            cause = cause.getCause();
        }
        if (cause instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String field = m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            String reason = m instanceof UnrecognizedPropertyException u
                    ? "unknown property '" + u.getPropertyName() + "'"
                    : firstLine(innermost(m).getMessage());
            return new FieldError(field, reason);
        }
        if (cause instanceof com.fasterxml.jackson.core.JsonProcessingException p) {
            String where = p.getLocation() == null ? "" : " (line " + p.getLocation().getLineNr() + ", column "
                    + p.getLocation().getColumnNr() + ")";
            return new FieldError("body", "malformed YAML" + where + ": " + firstLine(p.getOriginalMessage()));
        }
        return new FieldError("body", firstLine(e.getMessage()));
    }

    private static Throwable innermost(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c instanceof com.fasterxml.jackson.core.JsonProcessingException j
                ? new IllegalArgumentException(j.getOriginalMessage()) : c;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "invalid";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
