package io.pilotage.kpi.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilotage.contracts.CanonicalEvent;
import io.pilotage.contracts.definition.KpiDefinition;
import io.pilotage.contracts.definition.KpiYaml;
import io.pilotage.kpi.grafana.GrafanaDashboards;
import io.pilotage.kpi.grafana.GrafanaFiles;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Grafana dashboards of {@code grafana/}, tested without Grafana: with events for the three seed
 * projects applied, every panel's SQL (macros and variables expanded as Grafana would) runs as the
 * read-only reporting role and returns rows; the provisioning files parse and point at the dashboards.
 * The events fall in the first quarter of 2023, days no other test uses, with entities all closed, so
 * they add values to those days only.
 */
@QuarkusTest
class GrafanaDashboardsTest {

    /** The time range the dashboards are "opened" with. */
    private static final String FROM = "2023-01-01T00:00:00Z";
    private static final String TO = "2023-04-01T00:00:00Z";

    private static final Pattern TIME_FILTER = Pattern.compile("\\$__timeFilter\\(([^)]+)\\)");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\[\\[(\\w+)]]|\\$(\\w+)");

    private static Connection asReportingRole() throws SQLException {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class).replaceAll("\\?.*", "");
        return DriverManager.getConnection(url, "kpi_reporting", System.getenv("PILOTAGE_PG_PASSWORD_KPI_REPORTING"));
    }

    @Test
    void everyPanelQueryRunsAsTheReportingRoleAndReturnsRows() throws Exception {
        List<GrafanaFiles.Query> queries = new ArrayList<>();
        GrafanaFiles.dashboards().forEach((name, d) -> queries.addAll(GrafanaFiles.queries(name, d)));
        assertThat(queries).hasSizeGreaterThan(3 * KpiYaml.catalogue().size());   // three panels per KPI, and more
        try (Connection c = asReportingRole()) {
            // the seed catalogue is in force (the engine publishes it once it has read the definitions topic)
            await().atMost(Duration.ofSeconds(60)).until(() -> count(c,
                    "select count(*) from kpi_definitions where project in ('erp', 'mobile-app', 'cybersecurity')") >= 17);
            Timestamp start = timestamp(c);
            TestKafka.events(seedProjectEvents("gf" + UUID.randomUUID().toString().substring(0, 8)));
            // every seed KPI's values of the range are recomputed from this run's events (earlier runs' values alone prove nothing)
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    assertThat(recomputedSince(c, start)).as("KPIs whose values in the range were computed from this run's events")
                            .containsAll(KpiYaml.catalogue().stream().map(KpiDefinition::key).toList()));
            Map<String, String> failures = new HashMap<>();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                failures.clear();
                for (GrafanaFiles.Query q : queries) {
                    String sql = expand(q.sql(), variables(q.dashboard()));
                    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                        if (!rs.next()) {
                            failures.put(q.dashboard() + " " + q.where(), "no rows");
                        }
                    } catch (SQLException e) {
                        failures.put(q.dashboard() + " " + q.where(), e.getMessage() + "\n" + sql);
                    }
                }
                assertThat(failures).as("queries that fail or return no rows").isEmpty();
            });
        }
    }

    @Test
    void grafanaMacrosAndVariablesAreExpandedAsGrafanaDoes() {
        String sql = expand("select 1 from kpi_values v where $__timeFilter(v.period_start) and v.project in ($project) and ${project:csv} <> ''",
                Map.of("project", "'erp','mobile-app'"));
        assertThat(sql).isEqualTo("select 1 from kpi_values v where v.period_start BETWEEN '" + FROM + "' AND '" + TO
                + "' and v.project in ('erp','mobile-app') and 'erp','mobile-app' <> ''");
    }

    @Test
    void theProvisioningFilesParseAndPointAtTheDashboards() throws Exception {
        Path root = GrafanaFiles.root();
        JsonNode datasource = GrafanaFiles.yaml(root.resolve("provisioning/datasources/pilotage-reporting.yaml"));
        assertThat(datasource.path("apiVersion").asInt()).isEqualTo(1);
        JsonNode ds = datasource.path("datasources").get(0);
        assertThat(ds.path("type").asText()).isEqualTo("grafana-postgresql-datasource");
        assertThat(ds.path("url").asText()).isEqualTo("${PILOTAGE_PG_HOST}:${PILOTAGE_PG_PORT}");
        assertThat(ds.path("user").asText()).isEqualTo("${PILOTAGE_REPORTING_USER}");
        assertThat(ds.path("jsonData").path("database").asText()).isEqualTo("${PILOTAGE_PG_DATABASE}");
        // the password is only ever an environment placeholder
        assertThat(ds.path("secureJsonData").path("password").asText()).isEqualTo("${PILOTAGE_PG_PASSWORD_KPI_REPORTING}");

        JsonNode providers = GrafanaFiles.yaml(root.resolve("provisioning/dashboards/pilotage.yaml"));
        assertThat(providers.path("apiVersion").asInt()).isEqualTo(1);
        JsonNode provider = providers.path("providers").get(0);
        assertThat(provider.path("type").asText()).isEqualTo("file");
        String path = provider.path("options").path("path").asText();
        // the README mounts grafana/dashboards at the provider's path
        assertThat(Files.readString(root.resolve("README.md"))).contains("grafana/dashboards:" + path);
        assertThat(GrafanaFiles.dashboards()).containsOnlyKeys("portfolio.json", "erp.json", "mobile-app.json", "cybersecurity.json");
    }

    /** Values of the dashboard's variables: a multi-value one holds the three seed projects, quoted as Grafana quotes them. */
    private static Map<String, String> variables(String dashboard) {
        Map<String, String> out = new HashMap<>();
        JsonNode d = GrafanaFiles.dashboards().get(dashboard);
        for (JsonNode v : d.path("templating").path("list")) {
            String value = v.path("multi").asBoolean() || v.path("includeAll").asBoolean()
                    ? KpiYaml.CATALOGUE_PROJECTS.stream().map(p -> "'" + p + "'").collect(Collectors.joining(","))
                    : v.path("current").path("value").asText().replace("'", "''");
            out.put(v.path("name").asText(), value);
        }
        return out;
    }

    /** The SQL Grafana sends for the time range [FROM, TO] and the variables' values; fails on any macro left. */
    static String expand(String sql, Map<String, String> variables) {
        String out = TIME_FILTER.matcher(sql).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + " BETWEEN '" + FROM + "' AND '" + TO + "'"));
        out = out.replace("$__timeFrom()", "'" + FROM + "'").replace("$__timeTo()", "'" + TO + "'");
        assertThat(out).as("a Grafana macro this test does not expand").doesNotContain("$__");
        out = VARIABLE.matcher(out).replaceAll(m -> {
            String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            assertThat(variables).as("variable $%s is defined by its dashboard", name).containsKey(name);
            return Matcher.quoteReplacement(variables.get(name));
        });
        return out;
    }

    /** The KPIs with a value at their frequency in [FROM, TO) computed at or after {@code since}, as the reporting role reads them. */
    private static List<String> recomputedSince(Connection c, Timestamp since) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select distinct v.kpi_key from kpi_values v join kpi_definitions d on d.kpi_key = v.kpi_key
                where d.project in ('erp', 'mobile-app', 'cybersecurity') and v.granularity = %s
                  and v.period_start >= date '%s' and v.period_start < date '%s' and v.value is not null and v.computed_at >= ?"""
                .formatted(GrafanaDashboards.FREQUENCY_GRANULARITY, FROM.substring(0, 10), TO.substring(0, 10)))) {
            ps.setTimestamp(1, since);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static Timestamp timestamp(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select now()")) {
            rs.next();
            return rs.getTimestamp(1);
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Events that give every catalogue KPI values in January to March 2023; entities and subjects are the run's own. */
    private static List<CanonicalEvent> seedProjectEvents(String run) {
        List<CanonicalEvent> e = new ArrayList<>();
        int second = ThreadLocalRandom.current().nextInt(3600);
        String clock = String.format("%02d:%02d", second / 60, second % 60);
        for (int month = 1; month <= 3; month++) {
            String m = "2023-0" + month + "-";
            // erp
            for (boolean automated : new boolean[] {true, true, true, false}) {
                e.add(TestKafka.event("erp", "process.completed", m + "10T10:00:00Z", null, null, null, Map.of("automated", automated)));
            }
            e.add(TestKafka.event("erp", "transaction.processed", m + "11T10:00:00Z", null, null, 1200.0 + 300 * month, Map.of()));
            e.add(TestKafka.event("erp", "transaction.processed", m + "12T10:00:00Z", null, null, 1500.0, Map.of()));
            for (int week = 0; week < 4; week++) {
                String doc = run + "/doc-" + month + "-" + week;
                String day = String.format("%02d", 2 + 7 * week);
                e.add(TestKafka.event("erp", "document.created", m + day + "T08:00:00Z", doc, null, null, Map.of()));
                e.add(TestKafka.event("erp", "document.validated", m + day + "T" + String.format("%02d", 10 + 4 * week) + ":00:00Z", doc, null, null,
                        Map.of()));
            }
            for (int i = 0; i < 2 * month; i++) {
                e.add(TestKafka.event("erp", "audit.error", m + "1" + i + "T09:00:00Z", null, null, null, Map.of()));
            }
            // uptime keeps one state per instant: this run's probes at instants of its own
            e.add(TestKafka.event("erp", "probe.up", m + "01T00:" + clock + "Z", null, null, null, Map.of()));
            e.add(TestKafka.event("erp", "probe.down", m + "15T00:" + clock + "Z", null, null, null, Map.of()));
            e.add(TestKafka.event("erp", "probe.up", m + "15T0" + month + ":" + clock + "Z", null, null, null, Map.of()));
            // mobile-app
            for (int u = 0; u < 4 + month; u++) {
                String subject = run + "-u" + month + "-" + u;
                e.add(TestKafka.event("mobile-app", "first_open", m + "03T10:00:00Z", null, subject, null, Map.of()));
                e.add(TestKafka.event("mobile-app", "session_start", m + "20T10:00:00Z", null, subject, null, Map.of()));
                if (u < 2) {
                    e.add(TestKafka.event("mobile-app", "subscription.started", m + "21T10:00:00Z", null, subject, null, Map.of()));
                    e.add(TestKafka.event("mobile-app", "purchase", m + "22T10:00:00Z", null, subject, 2500.0, Map.of()));
                }
                if (u % 2 == 0) {   // active on day 30 after the first open
                    e.add(TestKafka.event("mobile-app", "screen_view", LocalDate.parse(m + "03").plusDays(30) + "T10:00:00Z",
                            null, subject, null, Map.of()));
                }
            }
            e.add(TestKafka.event("mobile-app", "feedback.submitted", m + "05T10:00:00Z", null, null, 3.0 + month / 2.0, Map.of()));
            e.add(TestKafka.event("mobile-app", "feedback.submitted", m + "15T10:00:00Z", null, null, 4.0, Map.of()));
            String request = run + "/privacy-" + month;
            e.add(TestKafka.event("mobile-app", "privacy.request.received", m + "02T10:00:00Z", request, null, null, Map.of()));
            e.add(TestKafka.event("mobile-app", "privacy.request.closed", m + "09T10:00:00Z", request, null, null, Map.of()));
            // cybersecurity
            for (int i = 0; i < 3; i++) {
                String incident = run + "/incident-" + month + "-" + i;
                String day = m + "1" + i;
                e.add(TestKafka.event("cybersecurity", "incident.started", day + "T01:00:00Z", incident, null, null, Map.of()));
                e.add(TestKafka.event("cybersecurity", "incident.detected", day + "T0" + (2 + i + month) + ":00:00Z", incident, null, null, Map.of()));
                e.add(TestKafka.event("cybersecurity", "incident.resolved", day + "T2" + i + ":00:00Z", incident, null, null, Map.of()));
                e.add(TestKafka.event("cybersecurity", "incident.closed", day + "T23:00:00Z", incident, null, null,
                        Map.of("false_positive", i == 0)));
                e.add(TestKafka.event("cybersecurity", "incident.prevented", day + "T12:00:00Z", null, null, null, Map.of()));
                String vulnerability = run + "/vuln-" + month + "-" + i;
                e.add(TestKafka.event("cybersecurity", "vulnerability.opened", m + "0" + (1 + i) + "T10:00:00Z", vulnerability, null, null,
                        Map.of("severity", i == 0 ? "critical" : "high")));
                e.add(TestKafka.event("cybersecurity", "vulnerability.fixed", m + "0" + (5 + 2 * i) + "T10:00:00Z", vulnerability, null, null,
                        Map.of()));
            }
        }
        e.add(TestKafka.event("cybersecurity", "audit.completed", "2023-03-20T10:00:00Z", null, null, 84.0, Map.of()));
        return e;
    }
}
