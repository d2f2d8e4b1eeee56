package io.pilotage.governance.kpi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.Problem.FieldError;
import io.pilotage.contracts.definition.KpiDefinition;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What applying a project's KPI file would do ("KPIs as code"): every validation error, and the
 * diff against the current definitions, field by field. Plain Java: the caller loads the current
 * definitions and applies the plan.
 *
 * @param errors  every problem found; the plan may be applied only when empty
 * @param changes one entry per KPI of the file (create, update, unchanged) and per KPI of the
 *                project absent from the file (delete with {@code prune}, else keep)
 */
public record KpiPlan(String project, List<FieldError> errors, List<KpiChange> changes) {

    /** Values of {@link KpiChange#action()}. */
    public static final String CREATE = "create";
    public static final String UPDATE = "update";
    public static final String UNCHANGED = "unchanged";
    public static final String DELETE = "delete";
    public static final String KEEP = "keep";

    /** @param fields for an update, the changed top-level fields with their value before and after */
    public record KpiChange(String kpi, String action, Integer fromVersion, Integer toVersion, List<FieldChange> fields) {
    }

    public record FieldChange(String field, JsonNode before, JsonNode after) {
    }

    /** One KPI of the file, and the version it says it was based on (null: the file says none). */
    public record FileKpi(KpiDefinition kpi, Integer basedOnVersion) {
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    /** True when the only errors are stale {@code version}s (a 409 rather than a 400). */
    public boolean onlyVersionConflicts() {
        return !errors.isEmpty() && errors.stream().allMatch(e -> e.field().endsWith(".version") && e.reason().startsWith("stale"));
    }

    /**
     * @param project   the project the file is applied to
     * @param fileProject the file's {@code project:}
     * @param file      the file's KPIs in order
     * @param current   the current definitions of every KPI key the file or the project has, by key
     *                  (KPIs of other projects included, to report key clashes)
     * @param prune     whether KPIs of the project absent from the file are deleted
     */
    public static KpiPlan of(String project, String fileProject, List<FileKpi> file, Map<String, KpiDefinition> current,
                             boolean prune) {
        List<FieldError> errors = new ArrayList<>();
        List<KpiChange> changes = new ArrayList<>();
        if (fileProject == null) {
            errors.add(new FieldError("project", "required: the project the file defines ('" + project + "')"));
        } else if (!fileProject.equals(project)) {
            errors.add(new FieldError("project", "the file defines project '" + fileProject + "' but is applied to '" + project + "'"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < file.size(); i++) {
            String at = "kpis[" + i + "].";
            KpiDefinition k = file.get(i).kpi();
            errors.addAll(KpiValidator.validate(k, project, at));
            if (k == null || k.key() == null) {
                continue;
            }
            if (!seen.add(k.key())) {
                errors.add(new FieldError(at + "key", "duplicate KPI key '" + k.key() + "' in the file"));
                continue;
            }
            KpiDefinition before = current.get(k.key());
            if (before == null) {
                changes.add(new KpiChange(k.key(), CREATE, null, 1, List.of()));
                continue;
            }
            if (!before.project().equals(project)) {
                errors.add(new FieldError(at + "key", "KPI '" + k.key() + "' belongs to project '" + before.project() + "'"));
                continue;
            }
            Integer based = file.get(i).basedOnVersion();
            if (based != null && based != before.version()) {
                errors.add(new FieldError(at + "version", "stale: the file is based on version " + based
                        + " of '" + k.key() + "', the current version is " + before.version()));
            }
            List<FieldChange> fields = diff(before, k, project);
            changes.add(fields.isEmpty()
                    ? new KpiChange(k.key(), UNCHANGED, before.version(), before.version(), List.of())
                    : new KpiChange(k.key(), UPDATE, before.version(), before.version() + 1, fields));
        }
        new TreeMap<>(current).values().stream()
                .filter(k -> k.project().equals(project) && !seen.contains(k.key()))
                .forEach(k -> changes.add(new KpiChange(k.key(), prune ? DELETE : KEEP, k.version(), null, List.of())));
        return new KpiPlan(project, errors, changes);
    }

    /** The top-level fields that differ, versions aside. */
    public static List<FieldChange> diff(KpiDefinition before, KpiDefinition after, String project) {
        ObjectNode b = normalised(before, project);
        ObjectNode a = normalised(after, project);
        Set<String> names = new LinkedHashSet<>();
        b.fieldNames().forEachRemaining(names::add);
        a.fieldNames().forEachRemaining(names::add);
        List<FieldChange> out = new ArrayList<>();
        for (String n : names) {
            JsonNode x = b.get(n);
            JsonNode y = a.get(n);
            if (x == null ? y != null : !equalNumbersAware(x, y)) {
                out.add(new FieldChange(n, x, y));
            }
        }
        return out;
    }

    private static boolean equalNumbersAware(JsonNode x, JsonNode y) {
        if (y == null) {
            return false;
        }
        if (x.isNumber() && y.isNumber()) {
            return x.doubleValue() == y.doubleValue();
        }
        if (x.isContainerNode() && y.isContainerNode() && x.size() == y.size()) {
            if (x.isObject()) {
                for (Iterator<String> it = x.fieldNames(); it.hasNext(); ) {
                    String f = it.next();
                    if (!y.has(f) || !equalNumbersAware(x.get(f), y.get(f))) {
                        return false;
                    }
                }
                return y.isObject();
            }
            for (int i = 0; i < x.size(); i++) {
                if (!equalNumbersAware(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return y.isArray();
        }
        return x.equals(y);
    }

    private static ObjectNode normalised(KpiDefinition k, String project) {
        ObjectNode n = JsonCodec.mapper().valueToTree(k);
        n.remove("version");
        n.put("project", project);
        return n;
    }
}
