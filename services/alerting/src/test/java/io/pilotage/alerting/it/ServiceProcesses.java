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

    /** Two distinct free ports (both held open while picked). */
    private static int[] twoFreePorts() throws IOException {
        try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0)) {
            return new int[] {a.getLocalPort(), b.getLocalPort()};
        }
    }

    /**
     * Starts a replica and waits until it is ready; started again on fresh ports when a port picked
     * free was taken by another process before the service bound it.
     */
    Service start(String group, String name, Map<String, String> extraEnv) throws IOException {
        Path log = Path.of("target", prefix + "-" + name + ".log");
        Files.createDirectories(log.getParent());
        for (int attempt = 1; ; attempt++) {
            int[] ports = twoFreePorts();
            Process p = launch(ports[0], ports[1], group, extraEnv, log);
            await().atMost(Duration.ofSeconds(90)).until(() -> !p.isAlive() || ready(ports[0]));
            if (p.isAlive()) {
                return new Service(p, ports[0], ports[1], name);
            }
            if (attempt < 3 && Files.readString(log).contains("Address already in use")) {
                continue;
            }
            throw new AssertionError("alerting process " + name + " exited during start-up (log " + log + ")");
        }
    }

    private static boolean ready(int port) {
        try {
            return given().get("http://127.0.0.1:" + port + "/q/health/ready").statusCode() == 200;
        } catch (Exception e) {   // not listening yet
            return false;
        }
    }

    private Process launch(int port, int management, String group, Map<String, String> extraEnv, Path log)
            throws IOException {
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
        // the tests count the notifications of their own subscriptions (as in the test profile)
        env.put("PILOTAGE_ALERTING_OWNERS_SUBSCRIBED", "false");
        env.putAll(extraEnv);
        Process p = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        started.add(p);
        return p;
    }

    void stopAll() {
        started.forEach(Process::destroyForcibly);
    }
}
