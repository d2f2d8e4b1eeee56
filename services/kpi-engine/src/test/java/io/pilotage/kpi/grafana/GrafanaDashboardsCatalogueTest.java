package io.pilotage.kpi.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilotage.contracts.definition.Direction;
import io.pilotage.contracts.definition.KpiDefinition;
import io.pilotage.contracts.definition.KpiYaml;
import io.pilotage.contracts.definition.ProjectDefinition;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed dashboards are what the catalogue generates, and their colour thresholds are the
 * catalogue's. After a catalogue change, regenerate them with
 * {@code ./mvnw -B -o -pl services/kpi-engine verify -Dtest=GrafanaDashboardsCatalogueTest -Dgrafana.write=true}.
 */
class GrafanaDashboardsCatalogueTest {

    private static final Pattern KPI_KEY = Pattern.compile("kpi_key = '([^']+)'");

    @Test
    void theCommittedDashboardsAreTheOnesTheCatalogueGenerates() throws IOException {
        Path dir = GrafanaFiles.dashboardsDir();
        if (Boolean.getBoolean("grafana.write")) {
            GrafanaDashboards.write(dir);
        }
        Map<String, ObjectNode> generated = GrafanaDashboards.all();
        assertThat(GrafanaFiles.dashboards().keySet()).containsExactlyInAnyOrderElementsOf(generated.keySet());
        for (Map.Entry<String, ObjectNode> e : generated.entrySet()) {
            assertThat(Files.readString(dir.resolve(e.getKey())))
                    .as("grafana/dashboards/%s is out of date: regenerate it (-Dgrafana.write=true, see this test's comment)", e.getKey())
                    .isEqualTo(GrafanaDashboards.render(e.getValue()));
        }
    }

    @Test
    void everyCatalogueKpiHasItsPanelsWithTheCatalogueThresholds() {
        Map<String, JsonNode> dashboards = GrafanaFiles.dashboards();
        for (ProjectDefinition p : KpiYaml.seedProjects()) {
            JsonNode dashboard = dashboards.get(p.key() + ".json");
            assertThat(dashboard).as("dashboard of project %s", p.key()).isNotNull();
            List<KpiDefinition> kpis = KpiYaml.catalogue(p.key()).kpis();
            Set<String> referenced = new TreeSet<>();
            for (KpiDefinition k : kpis) {
                List<JsonNode> panels = panelsOf(dashboard, k.key());
                assertThat(panels).as("panels of %s", k.key()).extracting(n -> n.path("title").asText())
                        .containsExactlyInAnyOrder("Value vs target", "Status", "History");
                for (JsonNode panel : panels) {
                    if (!panel.path("title").asText().equals("Status")) {
                        assertThat(steps(panel)).as("thresholds of '%s' of %s", panel.path("title").asText(), k.key())
                                .isEqualTo(expectedSteps(k));
                    }
                }
            }
            for (JsonNode panel : GrafanaFiles.panels(dashboard)) {
                for (JsonNode t : panel.path("targets")) {
                    Matcher m = KPI_KEY.matcher(t.path("rawSql").asText());
                    while (m.find()) {
                        referenced.add(m.group(1));
                    }
                }
            }
            assertThat(referenced).as("KPIs the %s dashboard queries", p.key())
                    .containsExactlyInAnyOrderElementsOf(kpis.stream().map(KpiDefinition::key).toList());
        }
    }

    @Test
    void everyPanelReadsTheProvisionedReportingDatasource() {
        JsonNode provisioned = GrafanaFiles.yaml(GrafanaFiles.root().resolve("provisioning/datasources/pilotage-reporting.yaml"))
                .path("datasources").get(0);
        for (Map.Entry<String, JsonNode> d : GrafanaFiles.dashboards().entrySet()) {
            for (JsonNode panel : GrafanaFiles.panels(d.getValue())) {
                if (panel.path("type").asText().equals("row")) {
                    continue;
                }
                assertThat(panel.path("datasource").path("uid").asText()).as("%s panel %s", d.getKey(), panel.path("id"))
                        .isEqualTo(provisioned.path("uid").asText());
                assertThat(panel.path("datasource").path("type").asText()).isEqualTo(provisioned.path("type").asText());
                assertThat(panel.path("targets")).as("%s panel %s", d.getKey(), panel.path("id")).isNotEmpty();
            }
        }
    }

    /** The panels whose query names the KPI. */
    private static List<JsonNode> panelsOf(JsonNode dashboard, String kpi) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode panel : GrafanaFiles.panels(dashboard)) {
            for (JsonNode t : panel.path("targets")) {
                if (t.path("rawSql").asText().contains("kpi_key = '" + kpi + "'")) {
                    out.add(panel);
                }
            }
        }
        return out;
    }

    private static List<String> steps(JsonNode panel) {
        List<String> out = new ArrayList<>();
        for (JsonNode s : panel.path("fieldConfig").path("defaults").path("thresholds").path("steps")) {
            out.add((s.path("value").isNull() ? "base" : String.valueOf(s.path("value").asDouble())) + " " + s.path("color").asText());
        }
        return out;
    }

    /** The engine's status as colours: GREEN from the target on, RED from the critical threshold on, AMBER between. */
    private static List<String> expectedSteps(KpiDefinition k) {
        double target = k.target();
        double critical = k.thresholds().critical();
        return k.direction() == Direction.HIGHER_IS_BETTER
                ? List.of("base red", critical + " orange", target + " green")
                : List.of("base green", target + " orange", critical + " red");
    }
}
