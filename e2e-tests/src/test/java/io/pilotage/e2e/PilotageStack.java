package io.pilotage.e2e;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The whole Pilotage stack for black-box tests, started once per test run.
 * <ul>
 *   <li>If {@code PILOTAGE_GATEWAY_URL} is set, the tests use that running stack as it is
 *       (e.g. {@code ./pilotage up} then {@code ./mvnw -pl e2e-tests verify -DskipITs=false}).</li>
 *   <li>Otherwise the infrastructure must be up (as {@code ./pilotage test} does) and this
 *       extension starts the five services with the launcher's own {@code apps-up}, the same
 *       code path as {@code ./pilotage up}, and stops them with {@code apps-down} at the end.</li>
 * </ul>
 */
public final class PilotageStack implements BeforeAllCallback {

    private static final Object LOCK = new Object();
    private static Map<String, String> env;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (LOCK) {
            if (env != null) {
                return;
            }
            if (System.getenv("PILOTAGE_GATEWAY_URL") != null) {
                env = System.getenv();
                return;
            }
            Path root = Path.of(System.getProperty("pilotage.root", "..")).toAbsolutePath().normalize();
            launcher(root, "apps-up");
            env = readEnvFile(root, launcherOutput(root, "env").trim());
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .put("pilotage-apps", (AutoCloseable) () -> launcher(root, "apps-down"));
        }
    }

    public static String gatewayUrl() {
        return get("PILOTAGE_GATEWAY_URL");
    }

    /** The realm's base URL as services and tokens know it ({@code http://localhost:<port>/realms/pilotage}). */
    public static String oidcUrl() {
        return get("PILOTAGE_OIDC_URL");
    }

    /** A variable of the stack's env file (ports, URLs, ...), or of the environment. */
    public static String variable(String name) {
        return get(name);
    }

    private static String get(String name) {
        String value = env.get(name);
        if (value == null) {
            throw new IllegalStateException(name + " is not set by the harness");
        }
        return value;
    }

    /** Runs {@code ./pilotage <command>}, its output shown in the test log. */
    private static void launcher(Path root, String command) throws IOException, InterruptedException {
        run(root, command, ProcessBuilder.Redirect.INHERIT);
    }

    /** Runs {@code ./pilotage <command>} and returns what it printed. */
    private static String launcherOutput(Path root, String command) throws IOException, InterruptedException {
        return run(root, command, ProcessBuilder.Redirect.PIPE);
    }

    private static String run(Path root, String command, ProcessBuilder.Redirect stdout)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(root.resolve("pilotage").toString(), command))
                .directory(root.toFile()).redirectOutput(stdout).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = stdout == ProcessBuilder.Redirect.PIPE ? new String(p.getInputStream().readAllBytes()) : "";
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("./pilotage " + command + " failed; see the log above");
        }
        return out;
    }

    /** The repository's root (where {@code ./pilotage} is). */
    public static Path root() {
        return Path.of(System.getProperty("pilotage.root", "..")).toAbsolutePath().normalize();
    }

    /**
     * Runs {@code ./pilotage <args>} on this stack's instance with its output in {@code log}, and
     * returns its exit code; a run past {@code timeout} is killed and reported as -1.
     */
    public static int launch(Duration timeout, Path log, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(root().resolve("pilotage").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(root().toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    /** Reads {@code export NAME=value} lines (values optionally quoted). */
    static Map<String, String> readEnvFile(Path root, String file) throws IOException {
        Map<String, String> vars = new HashMap<>(System.getenv());
        Path path = root.resolve(file);
        for (String line : Files.readAllLines(path)) {
            String l = line.strip();
            if (l.startsWith("export ")) {
                l = l.substring("export ".length());
            }
            int eq = l.indexOf('=');
            if (l.isEmpty() || l.startsWith("#") || eq < 0) {
                continue;
            }
            String value = l.substring(eq + 1);
            if (value.length() >= 2 && (value.startsWith("\"") || value.startsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            }
            vars.put(l.substring(0, eq), value);
        }
        return vars;
    }
}
