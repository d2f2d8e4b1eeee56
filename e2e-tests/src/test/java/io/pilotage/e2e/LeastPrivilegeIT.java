package io.pilotage.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Secrets and privileges of the running stack: each process holds only its own secrets, each
 * service's database role reaches only its own schema, metrics are never on an API port.
 */
@ExtendWith(PilotageStack.class)
class LeastPrivilegeIT {

    private static final List<String> SERVICES = List.of("ingestion", "kpi-engine", "alerting", "governance");
    private static final List<String> APPS = List.of("ingestion", "kpi-engine", "alerting", "governance", "gateway");

    private static String upper(String app) {
        return app.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** The environment of a process this instance's launcher started (read from /proc). */
    private static Map<String, String> environmentOf(String process) throws IOException {
        Path pidFile = Path.of(PilotageStack.variable("PILOTAGE_ROOT"), ".pilotage",
                PilotageStack.variable("PILOTAGE_INSTANCE"), "pids", process + ".pid");
        String pid = Files.readString(pidFile).trim();
        Map<String, String> env = new HashMap<>();
        for (String entry : new String(Files.readAllBytes(Path.of("/proc", pid, "environ"))).split("\0")) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                env.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return env;
    }

    private static List<String> secretNames(Map<String, String> env) {
        return env.keySet().stream().filter(name -> name.matches(".*(PASSWORD|SECRET|TOKEN|_KEY)($|_).*")).sorted().toList();
    }

    @Test
    void eachProcessHoldsOnlyItsOwnSecrets() throws IOException {
        assertThat(secretNames(environmentOf("gateway"))).containsExactly("PILOTAGE_OIDC_CLIENT_SECRET");
        assertThat(secretNames(environmentOf("kafka"))).isEmpty();
        assertThat(secretNames(environmentOf("postgres"))).isEmpty();
        assertThat(secretNames(environmentOf("keycloak"))).containsExactly("KC_BOOTSTRAP_ADMIN_PASSWORD");

        Map<String, String> ingestion = environmentOf("ingestion");
        assertThat(secretNames(ingestion))
                .containsExactlyInAnyOrder("PILOTAGE_DB_PASSWORD", "PILOTAGE_OIDC_CLIENT_SECRET", "PILOTAGE_PSEUDONYM_SECRET",
                        "PILOTAGE_SOURCE_KEY_SECRET");
        assertThat(ingestion.get("PILOTAGE_DB_PASSWORD")).isEqualTo(PilotageStack.variable("PILOTAGE_PG_PASSWORD_INGESTION"));
        // governance seals the signing keys of sources, ingestion opens them: only these two hold that key
        Map<String, String> governance = environmentOf("governance");
        assertThat(secretNames(governance))
                .containsExactlyInAnyOrder("PILOTAGE_DB_PASSWORD", "PILOTAGE_OIDC_CLIENT_SECRET", "PILOTAGE_SOURCE_KEY_SECRET");
        assertThat(governance.get("PILOTAGE_DB_PASSWORD")).isEqualTo(PilotageStack.variable("PILOTAGE_PG_PASSWORD_GOVERNANCE"));
        assertThat(governance.get("PILOTAGE_SOURCE_KEY_SECRET")).isEqualTo(ingestion.get("PILOTAGE_SOURCE_KEY_SECRET"));
        // the console: its Keycloak client and the key of its session cookies and forms; no database, no Kafka
        Map<String, String> console = environmentOf("console");
        assertThat(secretNames(console)).containsExactlyInAnyOrder("PILOTAGE_OIDC_CLIENT_SECRET", "PILOTAGE_CONSOLE_SESSION_SECRET");
        assertThat(console.get("PILOTAGE_CONSOLE_SESSION_SECRET")).hasSizeGreaterThanOrEqualTo(32);
        for (String service : List.of("kpi-engine", "alerting")) {
            Map<String, String> env = environmentOf(service);
            assertThat(secretNames(env)).as(service)
                    .containsExactlyInAnyOrder("PILOTAGE_DB_PASSWORD", "PILOTAGE_OIDC_CLIENT_SECRET");
            assertThat(env.get("PILOTAGE_DB_PASSWORD")).as(service)
                    .isEqualTo(PilotageStack.variable("PILOTAGE_PG_PASSWORD_" + upper(service)));
        }
    }

    @Test
    void everyDatabasePasswordIsDifferent() {
        List<String> passwords = new java.util.ArrayList<>();
        passwords.add(PilotageStack.variable("PILOTAGE_PG_SUPERUSER_PASSWORD"));
        for (String service : SERVICES) {
            passwords.add(PilotageStack.variable("PILOTAGE_PG_PASSWORD_" + upper(service)));
        }
        assertThat(passwords).doesNotHaveDuplicates().allSatisfy(p -> assertThat(p).hasSizeGreaterThanOrEqualTo(32));
    }

    private static Connection connect(String role, String password) throws SQLException {
        String url = "jdbc:postgresql://" + PilotageStack.variable("PILOTAGE_PG_HOST") + ":"
                + PilotageStack.variable("PILOTAGE_PG_PORT") + "/" + PilotageStack.variable("PILOTAGE_PG_DATABASE");
        return DriverManager.getConnection(url, role, password);
    }

    @Test
    void aServiceRoleReachesOnlyItsOwnSchema() throws SQLException {
        String kpiEnginePassword = PilotageStack.variable("PILOTAGE_PG_PASSWORD_KPI_ENGINE");
        try (Connection kpiEngine = connect("kpi_engine", kpiEnginePassword); Statement sql = kpiEngine.createStatement()) {
            sql.execute("SELECT 1");
            // its own schema: it may create and drop
            sql.execute("CREATE TABLE kpi_engine.least_privilege_probe (id int)");
            sql.execute("DROP TABLE kpi_engine.least_privilege_probe");
            // another service's schema, the public schema: refused
            assertThatThrownBy(() -> sql.execute("CREATE TABLE governance.intruder (id int)"))
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> sql.executeQuery("SELECT * FROM governance.flyway_schema_history"))
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> sql.execute("CREATE TABLE public.intruder (id int)"))
                    .hasMessageContaining("permission denied");
        }
        // a role's password is its own: it opens no other role
        assertThatThrownBy(() -> connect("governance", kpiEnginePassword).close())
                .hasMessageContaining("password authentication failed");
        assertThatThrownBy(() -> connect("postgres", kpiEnginePassword).close())
                .hasMessageContaining("password authentication failed");
    }

    @Test
    void metricsAreOnTheManagementPortOnlyNeverOnAnApiPort() {
        for (String app : APPS) {
            String api = PilotageStack.variable("PILOTAGE_" + upper(app) + "_URL");
            String management = "http://127.0.0.1:" + PilotageStack.variable("PILOTAGE_" + upper(app) + "_MANAGEMENT_PORT");
            assertThat(given().baseUri(api).get("/q/metrics").statusCode()).as(app + " API port").isEqualTo(404);
            given().baseUri(management).get("/q/metrics").then().statusCode(200)
                    .body(org.hamcrest.Matchers.containsString("jvm_memory_used_bytes"));
            given().baseUri(api).get("/q/health/ready").then().statusCode(200);
        }
    }
}
