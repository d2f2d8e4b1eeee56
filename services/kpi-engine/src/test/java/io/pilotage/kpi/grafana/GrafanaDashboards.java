package io.pilotage.kpi.grafana;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilotage.contracts.definition.Direction;
import io.pilotage.contracts.definition.KpiDefinition;
import io.pilotage.contracts.definition.KpiYaml;
import io.pilotage.contracts.definition.ProjectDefinition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates the Grafana dashboards of {@code grafana/dashboards} from the KPI catalogue: a portfolio
 * dashboard and one per seed project, every panel a SQL query over the read-only reporting views
 * (schema {@code kpi_reporting}). Colour thresholds of the per-KPI panels come from the catalogue's
 * target and critical threshold (the same rule as the engine's status); the history panels also
 * draw the target and thresholds in force, read from {@code kpi_definitions}. Plain Java;
 * {@code GrafanaDashboardsCatalogueTest} checks the committed files are this output.
 */
public final class GrafanaDashboards {

    /** The datasource uid the provisioning file gives the reporting datasource. */
    public static final String DATASOURCE_UID = "pilotage-reporting";
    public static final String DATASOURCE_TYPE = "grafana-postgresql-datasource";

    /** The granularity of the values published at a KPI's frequency (kpi_definitions d). */
    public static final String FREQUENCY_GRANULARITY =
            "case d.frequency when 'daily' then 'day' when 'weekly' then 'week' when 'quarterly' then 'quarter' else 'month' end";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private GrafanaDashboards() {
    }

    /** File name → dashboard, for the portfolio and every seed project. */
    public static Map<String, ObjectNode> all() {
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        List<ProjectDefinition> projects = KpiYaml.seedProjects();
        out.put("portfolio.json", portfolio(projects));
        for (ProjectDefinition p : projects) {
            out.put(p.key() + ".json", project(p, KpiYaml.catalogue(p.key()).kpis()));
        }
        return out;
    }

    /** The dashboard as it is written to its file: two-space indent, one field per line, final newline. */
    public static String render(ObjectNode dashboard) {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        try {
            return MAPPER.writer(printer).writeValueAsString(dashboard) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes every dashboard into {@code dir}. */
    public static void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, ObjectNode> e : all().entrySet()) {
            Files.writeString(dir.resolve(e.getKey()), render(e.getValue()));
        }
    }

    // ---------------------------------------------------------------- portfolio

    static ObjectNode portfolio(List<ProjectDefinition> projects) {
        Panels panels = new Panels();
        panels.add(statusCounts("KPIs by status", "d.project in ($project)"), 24, 4);
        panels.add(table("Projects", "Status of every KPI of each project in its latest period (at the KPI's frequency).", """
                %s
                select project as "Project", count(*) as "KPIs",
                       count(*) filter (where status = 'GREEN') as "GREEN",
                       count(*) filter (where status = 'AMBER') as "AMBER",
                       count(*) filter (where status = 'RED') as "RED",
                       count(*) filter (where status = 'NO_DATA') as "NO_DATA"
                from latest group by project order by project""".formatted(latest("d.project in ($project)"))), 24, 6);
        panels.add(scorecard("KPIs off target", "The KPIs AMBER or RED in their latest period, RED first.",
                "d.project in ($project)", "where status in ('AMBER', 'RED') order by status desc, project, kpi_key"), 24, 8);
        ObjectNode offTarget = panel("timeseries", "Monthly KPIs off target per month",
                "How many monthly KPIs of each project ended a month AMBER or RED.");
        offTarget.set("targets", targets(target("time_series", """
                select v.period_start::timestamp as "time", v.project as metric,
                       count(*) filter (where v.status in ('AMBER', 'RED')) as value
                from kpi_values v join kpi_definitions d on d.kpi_key = v.kpi_key
                where v.granularity = 'month' and d.frequency = 'monthly' and d.project in ($project)
                  and $__timeFilter(v.period_start)
                group by 1, 2 order by 1, 2""")));
        ObjectNode defaults = fieldDefaults("none", null);
        ((ObjectNode) defaults.get("custom")).put("drawStyle", "bars").put("fillOpacity", 60).put("stacking", "normal");
        defaults.put("decimals", 0);
        offTarget.set("fieldConfig", fieldConfig(defaults, JSON.arrayNode()));
        panels.add(offTarget, 24, 8);
        panels.add(scorecard("Every KPI", "Latest value of every KPI against its target and thresholds in force.",
                "d.project in ($project)", "order by project, kpi_key"), 24, 14);

        ObjectNode variable = JSON.objectNode();
        variable.put("name", "project").put("label", "Project").put("type", "query");
        variable.set("datasource", datasource());
        variable.put("query", "select project from kpi_definitions group by project order by project");
        variable.set("definition", variable.get("query"));
        variable.put("multi", true).put("includeAll", true).put("refresh", 1).put("sort", 1);
        ObjectNode current = JSON.objectNode();
        current.set("text", JSON.arrayNode().add("All"));
        current.set("value", JSON.arrayNode().add("$__all"));
        variable.set("current", current);

        ArrayNode links = JSON.arrayNode();
        for (ProjectDefinition p : projects) {
            ObjectNode link = JSON.objectNode();
            link.put("title", p.name()).put("type", "link").put("url", "/d/" + uid(p.key()))
                    .put("keepTime", true).put("targetBlank", false).put("icon", "dashboard");
            links.add(link);
        }
        return dashboard("pilotage-portfolio", "Pilotage: portfolio",
                "Every project's KPIs: status counts, KPIs off target, latest values against targets.",
                panels.list, JSON.arrayNode().add(variable), links);
    }

    // ---------------------------------------------------------------- one project

    static String uid(String project) {
        return "pilotage-" + project;
    }

    static ObjectNode project(ProjectDefinition p, List<KpiDefinition> kpis) {
        String where = "d.project = '" + p.key() + "'";
        Panels panels = new Panels();
        panels.add(statusCounts("KPIs by status", where), 24, 4);
        panels.add(scorecard("Scorecard", "Latest value of every KPI of the project against its target and thresholds in force.",
                where, "order by kpi_key"), 24, 3 + kpis.size());
        for (KpiDefinition k : kpis) {
            ObjectNode row = JSON.objectNode();
            row.put("type", "row").put("title", k.displayName("en")).put("collapsed", false);
            row.set("panels", JSON.arrayNode());
            panels.add(row, 24, 1);
            panels.add(valueVsTarget(k), 6, 7);
            panels.add(status(k), 4, 7);
            panels.add(history(k), 14, 7);
        }
        ObjectNode back = JSON.objectNode();
        back.put("title", "Portfolio").put("type", "link").put("url", "/d/pilotage-portfolio")
                .put("keepTime", true).put("targetBlank", false).put("icon", "dashboard");
        return dashboard(uid(p.key()), "Pilotage: " + p.name(), p.objective(), panels.list, JSON.arrayNode(),
                JSON.arrayNode().add(back));
    }

    /** The latest value at the KPI's frequency and its target; coloured as the engine gives the status. */
    static ObjectNode valueVsTarget(KpiDefinition k) {
        ObjectNode panel = panel("stat", "Value vs target", "Latest " + granularityWord(k) + " value of " + k.key()
                + " and its target (" + directionWords(k.direction()) + ").");
        panel.set("targets", targets(target("table", """
                select l.value as "Value", d.target as "Target", l.period_start::text as "Period"
                from kpi_latest_values l join kpi_definitions d on d.kpi_key = l.kpi_key
                where l.kpi_key = '%s' and l.granularity = %s""".formatted(k.key(), FREQUENCY_GRANULARITY))));
        ObjectNode defaults = fieldDefaults(grafanaUnit(k.unit()), thresholds(k));
        defaults.put("decimals", 2);
        ((ObjectNode) defaults.get("color")).put("mode", "thresholds");
        panel.set("fieldConfig", fieldConfig(defaults, JSON.arrayNode().add(fixedColour("Target", "blue"))));
        panel.set("options", statOptions("/^(Value|Target)$/", "value_and_name"));
        return panel;
    }

    /** The engine's status of the latest period: GREEN, AMBER, RED or NO_DATA. */
    static ObjectNode status(KpiDefinition k) {
        ObjectNode panel = panel("stat", "Status", "The engine's status of " + k.key() + " in its latest " + granularityWord(k)
                + " period.");
        panel.set("targets", targets(target("table", """
                select l.status as "Status", l.period_start::text as "Period"
                from kpi_latest_values l join kpi_definitions d on d.kpi_key = l.kpi_key
                where l.kpi_key = '%s' and l.granularity = %s""".formatted(k.key(), FREQUENCY_GRANULARITY))));
        ObjectNode defaults = fieldDefaults("none", null);
        defaults.set("mappings", statusMappings());
        ((ObjectNode) defaults.get("color")).put("mode", "fixed").put("fixedColor", "text");
        panel.set("fieldConfig", fieldConfig(defaults, JSON.arrayNode()));
        ObjectNode options = statOptions("/^Status$/", "value");
        options.put("colorMode", "background");
        panel.set("options", options);
        return panel;
    }

    /** Every published value at the KPI's frequency over the time range, with the target and thresholds in force. */
    static ObjectNode history(KpiDefinition k) {
        ObjectNode panel = panel("timeseries", "History", "Every " + granularityWord(k) + " value of " + k.key()
                + " in the time range, with the target and the warning and critical thresholds in force.");
        panel.set("targets", targets(target("time_series", """
                select v.period_start::timestamp as "time", v.value as "Value", d.target as "Target",
                       d.warning_threshold as "Warning", d.critical_threshold as "Critical"
                from kpi_values v join kpi_definitions d on d.kpi_key = v.kpi_key
                where v.kpi_key = '%s' and v.granularity = %s
                  and $__timeFilter(v.period_start)
                order by 1""".formatted(k.key(), FREQUENCY_GRANULARITY))));
        ObjectNode defaults = fieldDefaults(grafanaUnit(k.unit()), thresholds(k));
        ((ObjectNode) defaults.get("color")).put("mode", "thresholds");
        ((ObjectNode) defaults.get("custom")).put("gradientMode", "scheme").put("lineWidth", 2).put("showPoints", "always");
        ArrayNode overrides = JSON.arrayNode()
                .add(dashedLine("Target", "blue"))
                .add(dashedLine("Warning", "orange"))
                .add(dashedLine("Critical", "red"));
        panel.set("fieldConfig", fieldConfig(defaults, overrides));
        return panel;
    }

    /**
     * Grafana threshold steps that colour a value as the engine's status does: GREEN once the target
     * is met, RED past the critical threshold, AMBER between (Grafana's steps include their lower
     * bound, so a value exactly on a bound of a higher-is-better KPI's critical, or a lower-is-better
     * KPI's target, is one colour off; the Status panel always shows the engine's status).
     */
    public static ArrayNode thresholdSteps(Direction direction, Double target, Double critical) {
        ArrayNode steps = JSON.arrayNode();
        if (target == null) {
            steps.add(step(null, "green"));
            return steps;
        }
        if (direction == Direction.HIGHER_IS_BETTER) {
            steps.add(step(null, critical == null ? "orange" : "red"));
            if (critical != null) {
                steps.add(step(critical, "orange"));
            }
            steps.add(step(target, "green"));
        } else {
            steps.add(step(null, "green"));
            steps.add(step(target, "orange"));
            if (critical != null) {
                steps.add(step(critical, "red"));
            }
        }
        return steps;
    }

    // ---------------------------------------------------------------- shared panels

    /** Common table expression {@code latest}: every KPI in force with its latest value at its frequency (NO_DATA without). */
    static String latest(String where) {
        return """
                with latest as (
                  select d.project, d.kpi_key, d.name_en, d.unit, d.direction, d.target, d.warning_threshold, d.critical_threshold,
                         l.period_start, l.value, coalesce(l.status, 'NO_DATA') as status
                  from kpi_definitions d
                  left join kpi_latest_values l on l.kpi_key = d.kpi_key and l.granularity = %s
                  where %s)""".formatted(FREQUENCY_GRANULARITY, where);
    }

    static ObjectNode statusCounts(String title, String where) {
        ObjectNode panel = panel("stat", title, "How many KPIs are GREEN, AMBER, RED or without data in their latest period.");
        panel.set("targets", targets(target("table", """
                %s
                select count(*) filter (where status = 'GREEN') as "GREEN",
                       count(*) filter (where status = 'AMBER') as "AMBER",
                       count(*) filter (where status = 'RED') as "RED",
                       count(*) filter (where status = 'NO_DATA') as "NO_DATA"
                from latest""".formatted(latest(where)))));
        ObjectNode defaults = fieldDefaults("none", null);
        defaults.put("decimals", 0);
        ArrayNode overrides = JSON.arrayNode().add(fixedColour("GREEN", "green")).add(fixedColour("AMBER", "orange"))
                .add(fixedColour("RED", "red")).add(fixedColour("NO_DATA", "gray"));
        panel.set("fieldConfig", fieldConfig(defaults, overrides));
        ObjectNode options = statOptions("", "value_and_name");
        options.put("colorMode", "background");
        panel.set("options", options);
        return panel;
    }

    static ObjectNode scorecard(String title, String description, String where, String tail) {
        ObjectNode panel = table(title, description, """
                %s
                select project as "Project", kpi_key as "KPI", name_en as "Name", value as "Value", unit as "Unit",
                       target as "Target", warning_threshold as "Warning", critical_threshold as "Critical",
                       status as "Status", period_start::text as "Period"
                from latest %s""".formatted(latest(where), tail));
        ObjectNode statusColumn = JSON.objectNode();
        statusColumn.set("matcher", matcher("Status"));
        ObjectNode cell = JSON.objectNode();
        cell.put("id", "custom.cellOptions");
        cell.set("value", JSON.objectNode().put("type", "color-background"));
        ObjectNode mappings = JSON.objectNode();
        mappings.put("id", "mappings");
        mappings.set("value", statusMappings());
        statusColumn.set("properties", JSON.arrayNode().add(cell).add(mappings));
        ((ArrayNode) panel.get("fieldConfig").get("overrides")).add(statusColumn);
        return panel;
    }

    static ObjectNode table(String title, String description, String sql) {
        ObjectNode panel = panel("table", title, description);
        panel.set("targets", targets(target("table", sql)));
        panel.set("fieldConfig", fieldConfig(fieldDefaults("none", null), JSON.arrayNode()));
        ObjectNode options = JSON.objectNode();
        options.put("showHeader", true).put("cellHeight", "sm");
        panel.set("options", options);
        return panel;
    }

    // ---------------------------------------------------------------- JSON pieces

    private static ObjectNode dashboard(String uid, String title, String description, ArrayNode panels, ArrayNode variables,
                                        ArrayNode links) {
        ObjectNode d = JSON.objectNode();
        d.put("uid", uid).put("title", title).put("description", description);
        d.set("tags", JSON.arrayNode().add("pilotage"));
        d.put("timezone", "utc").put("editable", true).put("graphTooltip", 1).put("refresh", "5m")
                .put("schemaVersion", 39).put("version", 1);
        ObjectNode time = JSON.objectNode();
        time.put("from", "now-1y").put("to", "now");
        d.set("time", time);
        d.set("annotations", JSON.objectNode().set("list", JSON.arrayNode()));
        d.set("templating", JSON.objectNode().set("list", variables));
        d.set("links", links);
        d.set("panels", panels);
        return d;
    }

    private static ObjectNode panel(String type, String title, String description) {
        ObjectNode p = JSON.objectNode();
        p.put("type", type).put("title", title).put("description", description);
        p.set("datasource", datasource());
        return p;
    }

    private static ObjectNode datasource() {
        return JSON.objectNode().put("type", DATASOURCE_TYPE).put("uid", DATASOURCE_UID);
    }

    private static ArrayNode targets(ObjectNode... targets) {
        ArrayNode a = JSON.arrayNode();
        for (ObjectNode t : targets) {
            a.add(t);
        }
        return a;
    }

    private static ObjectNode target(String format, String sql) {
        ObjectNode t = JSON.objectNode();
        t.put("refId", "A");
        t.set("datasource", datasource());
        t.put("editorMode", "code").put("format", format).put("rawQuery", true).put("rawSql", sql);
        return t;
    }

    private static ObjectNode fieldDefaults(String unit, ArrayNode steps) {
        ObjectNode d = JSON.objectNode();
        d.put("unit", unit);
        d.set("color", JSON.objectNode().put("mode", "palette-classic"));
        ObjectNode thresholds = JSON.objectNode();
        thresholds.put("mode", "absolute");
        thresholds.set("steps", steps == null ? JSON.arrayNode().add(step(null, "text")) : steps);
        d.set("thresholds", thresholds);
        d.set("mappings", JSON.arrayNode());
        d.set("custom", JSON.objectNode());
        return d;
    }

    private static ObjectNode fieldConfig(ObjectNode defaults, ArrayNode overrides) {
        ObjectNode f = JSON.objectNode();
        f.set("defaults", defaults);
        f.set("overrides", overrides);
        return f;
    }

    private static ArrayNode thresholds(KpiDefinition k) {
        Double critical = k.thresholds() == null ? null : k.thresholds().critical();
        return thresholdSteps(k.direction(), k.target(), critical);
    }

    private static ObjectNode step(Double value, String colour) {
        ObjectNode s = JSON.objectNode();
        if (value == null) {
            s.putNull("value");
        } else {
            s.put("value", value);
        }
        s.put("color", colour);
        return s;
    }

    private static ArrayNode statusMappings() {
        ObjectNode options = JSON.objectNode();
        String[][] colours = {{"GREEN", "green"}, {"AMBER", "orange"}, {"RED", "red"}, {"NO_DATA", "gray"}};
        int index = 0;
        for (String[] c : colours) {
            options.set(c[0], JSON.objectNode().put("color", c[1]).put("index", index++).put("text", c[0]));
        }
        ObjectNode mapping = JSON.objectNode();
        mapping.put("type", "value");
        mapping.set("options", options);
        return JSON.arrayNode().add(mapping);
    }

    private static ObjectNode matcher(String field) {
        return JSON.objectNode().put("id", "byName").put("options", field);
    }

    private static ObjectNode fixedColour(String field, String colour) {
        ObjectNode o = JSON.objectNode();
        o.set("matcher", matcher(field));
        ObjectNode colourProperty = JSON.objectNode();
        colourProperty.put("id", "color");
        colourProperty.set("value", JSON.objectNode().put("mode", "fixed").put("fixedColor", colour));
        o.set("properties", JSON.arrayNode().add(colourProperty));
        return o;
    }

    private static ObjectNode dashedLine(String field, String colour) {
        ObjectNode o = fixedColour(field, colour);
        ObjectNode style = JSON.objectNode();
        style.put("id", "custom.lineStyle");
        style.set("value", JSON.objectNode().put("fill", "dash").set("dash", JSON.arrayNode().add(10).add(10)));
        ObjectNode width = JSON.objectNode().put("id", "custom.lineWidth").put("value", 1);
        ObjectNode noGradient = JSON.objectNode().put("id", "custom.gradientMode").put("value", "none");
        ((ArrayNode) o.get("properties")).add(style).add(width).add(noGradient);
        return o;
    }

    private static ObjectNode statOptions(String fields, String textMode) {
        ObjectNode reduce = JSON.objectNode();
        reduce.set("calcs", JSON.arrayNode().add("lastNotNull"));
        reduce.put("fields", fields).put("values", false);
        ObjectNode o = JSON.objectNode();
        o.set("reduceOptions", reduce);
        o.put("textMode", textMode).put("colorMode", "value").put("graphMode", "none").put("justifyMode", "auto")
                .put("orientation", "auto");
        return o;
    }

    /** A catalogue unit as a Grafana unit: {@code %} → percent, {@code h} → hours, others as a suffix. */
    static String grafanaUnit(String unit) {
        if (unit == null || unit.equals("count")) {
            return "none";
        }
        return switch (unit) {
            case "%" -> "percent";
            case "h" -> "h";
            default -> "suffix: " + unit;
        };
    }

    private static String granularityWord(KpiDefinition k) {
        return switch (k.frequency()) {
            case "daily" -> "daily";
            case "weekly" -> "weekly";
            case "quarterly" -> "quarterly";
            default -> "monthly";
        };
    }

    private static String directionWords(Direction d) {
        return d == Direction.HIGHER_IS_BETTER ? "higher is better" : "lower is better";
    }

    /** Lays panels out left to right, then on the next line; gives every panel an id. */
    private static final class Panels {
        final ArrayNode list = JSON.arrayNode();
        private int x;
        private int y;
        private int lineHeight;

        void add(ObjectNode panel, int w, int h) {
            if (x + w > 24) {
                y += lineHeight;
                x = 0;
                lineHeight = 0;
            }
            ObjectNode grid = JSON.objectNode();
            grid.put("h", h).put("w", w).put("x", x).put("y", y);
            ObjectNode withId = JSON.objectNode();
            withId.put("id", list.size() + 1);
            withId.setAll(panel);
            withId.set("gridPos", grid);
            list.add(withId);
            x += w;
            lineHeight = Math.max(lineHeight, h);
        }
    }
}
