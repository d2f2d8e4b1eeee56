package io.pilotage.alerting.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The built alerting service (target/quarkus-app) as real processes, for the ITs that kill it or run
 * two replicas: short clocks, group wait 0, the consumer group given, from the topic's end.
 */
final class ServiceProcesses {

    /** One running process: its API and management ports. */
    record Service(Process process, int port, int managementPort, String name) {
    }

    private final List<Process> started = new ArrayList<>();
    private final String prefix;

    ServiceProcesses(String prefix) {
        this.prefix = prefix;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    Service start(String group, String name, Map<String, String> extraEnv) throws IOException {
        int port = freePort();
        int management = freePort();
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        assertThat(jar).as("run after package: the service jar").exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx160m", "-XX:+UseSerialGC", "-jar", jar.toString());
        Map<String, String> env = pb.environment();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(management));
        env.put("PILOTAGE_DB_USER", "alerting");
        env.put("PILOTAGE_DB_PASSWORD", Harness.env("PILOTAGE_PG_PASSWORD_ALERTING"));
        env.put("PILOTAGE_ALERTING_GROUP", group);
        // start at the topic's end: no backlog of other tests' values (see Harness.awaitEvaluating)
        env.put("MP_MESSAGING_INCOMING_KPI_VALUES_IN_AUTO_OFFSET_RESET", "latest");
        env.put("PILOTAGE_ALERTING_GROUP_WAIT", "0s");
        env.put("PILOTAGE_ALERTING_GROUP_INTERVAL", "0s");
        env.put("PILOTAGE_ALERTING_DISPATCH_TICK", "200ms");
        env.put("PILOTAGE_ALERTING_REMINDER_TICK", "500ms");
        env.putAll(extraEnv);
        Path log = Path.of("target", prefix + "-" + name + ".log");
        Files.createDirectories(log.getParent());
        Process p = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        started.add(p);
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            assertThat(p.isAlive()).as("alerting process %s alive (log %s)", name, log).isTrue();
            try {
                return given().get("http://127.0.0.1:" + port + "/q/health/ready").statusCode() == 200;
            } catch (Exception e) {   // not listening yet
                return false;
            }
        });
        return new Service(p, port, management, name);
    }

    void stopAll() {
        started.forEach(Process::destroyForcibly);
    }
}
