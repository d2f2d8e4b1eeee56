package io.pilotage.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import static io.pilotage.deploy.Manifests.list;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opens the OCI tarball Jib built for each application (profile "images") and checks what a
 * container runtime would run: entrypoint, user, exposed ports, and that the application and
 * the Java runtime are inside. Where this runs as root with unshare and chroot (CI does), the
 * image's own Java runtime is started from the unpacked layers as user 185.
 */
@Tag("images")
class ImageTarballTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gateway", "services/ingestion", "services/kpi-engine", "services/alerting", "services/governance",
            "services/console"})
    void imageRunsTheQuarkusApplicationAsNonRootOnTheJre(String module) throws Exception {
        Path tar = Manifests.ROOT.resolve(module).resolve("target/jib-image.tar");
        assertThat(tar).as("built by ./mvnw -Pimages verify").isRegularFile();
        Map<String, byte[]> entries = TarReader.read(tar);

        JsonNode index = Manifests.JSON.readTree(entries.get("index.json"));
        JsonNode manifest = Manifests.JSON.readTree(blob(entries, index.at("/manifests/0/digest").asText()));
        assertThat(manifest.path("mediaType").asText()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
        JsonNode config = Manifests.JSON.readTree(blob(entries, manifest.at("/config/digest").asText())).path("config");

        assertThat(config.path("User").asText()).isEqualTo("185:185");
        List<String> entrypoint = list(config.path("Entrypoint")).stream().map(JsonNode::asText).toList();
        assertThat(entrypoint.getFirst()).isEqualTo("java");
        assertThat(entrypoint).contains("-XX:MaxRAMPercentage=50", "-XX:+ExitOnOutOfMemoryError")
                .endsWith("-jar", "/deployments/quarkus-run.jar");
        Set<String> ports = new HashSet<>();
        config.path("ExposedPorts").fieldNames().forEachRemaining(ports::add);
        assertThat(ports).containsExactlyInAnyOrder("8080/tcp", "9000/tcp");
        assertThat(list(config.path("Env"))).extracting(JsonNode::asText).contains("QUARKUS_HTTP_HOST=0.0.0.0", "QUARKUS_HTTP_PORT=8080", "MALLOC_ARENA_MAX=2");

        Set<String> files = new HashSet<>();
        for (JsonNode layer : manifest.path("layers")) {
            files.addAll(TarReader.names(new GZIPInputStream(new java.io.ByteArrayInputStream(blob(entries, layer.path("digest").asText())))));
        }
        assertThat(files).contains("deployments/quarkus-run.jar", "deployments/quarkus/quarkus-application.dat")
                .anyMatch(f -> f.startsWith("deployments/lib/main/io.pilotage."))
                .anyMatch(f -> f.startsWith("deployments/app/"));
        assertThat(files).as("Jib's own /app layout is filtered out").noneMatch(f -> f.startsWith("app/"));
        if (!System.getProperty("jib.from.image", "tar://").startsWith("tar://")) {
            return; // a public base: its runtime lives where that image puts it
        }
        assertThat(files).contains("opt/java/bin/java", "opt/java/lib/server/libjvm.so", "opt/java/lib/modules",
                "lib64/ld-linux-x86-64.so.2", "etc/passwd");
        String imagePath = list(config.path("Env")).stream().map(JsonNode::asText).filter(e -> e.startsWith("PATH="))
                .map(e -> e.substring(5)).findFirst().orElse("");
        assertThat(imagePath.split(":")).contains("/opt/java/bin");
        runJavaInsideWhereRootCan(entries, manifest, imagePath);
    }

    private static void runJavaInsideWhereRootCan(Map<String, byte[]> entries, JsonNode manifest, String imagePath) throws Exception {
        Path unshare = Path.of("/usr/bin/unshare");
        if (!"root".equals(System.getProperty("user.name")) || !Files.isExecutable(unshare)) {
            return;
        }
        Path rootfs = Files.createTempDirectory("pilotage-image");
        try {
            for (JsonNode layer : manifest.path("layers")) {
                Path layerTar = rootfs.resolveSibling(rootfs.getFileName() + ".layer.tar.gz");
                Files.write(layerTar, blob(entries, layer.path("digest").asText()));
                run(Map.of(), List.of("tar", "-xzf", layerTar.toString(), "-C", rootfs.toString()));
                Files.delete(layerTar);
            }
            Files.createDirectories(rootfs.resolve("proc"));
            // chroot looks "java" up in PATH as the image's entrypoint would: the image's PATH first
            String out = run(Map.of("PATH", imagePath + ":" + System.getenv("PATH")), List.of(unshare.toString(), "--mount", "--pid", "--fork", "sh", "-c",
                    "mount -t proc proc '" + rootfs.resolve("proc") + "' && chroot --userspec=185:185 '" + rootfs
                            + "' java -XX:MaxRAMPercentage=50 -XX:+UseSerialGC -Xshare:auto -version"));
            assertThat(out).contains("25.");
        } finally {
            run(Map.of(), List.of("rm", "-rf", rootfs.toString()));
        }
    }

    private static String run(Map<String, String> env, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s: %s", command, out).isZero();
        return out;
    }

    private static byte[] blob(Map<String, byte[]> entries, String digest) {
        byte[] b = entries.get("blobs/" + digest.replace(':', '/'));
        assertThat(b).as("blob %s", digest).isNotNull();
        return b;
    }

    /** A minimal ustar/GNU tar reader: names and contents, enough for image tarballs. */
    static final class TarReader {
        static Map<String, byte[]> read(Path tar) throws IOException {
            Map<String, byte[]> out = new HashMap<>();
            try (InputStream in = Files.newInputStream(tar)) {
                walk(in, (name, data) -> out.put(name, data));
            }
            return out;
        }

        static List<String> names(InputStream in) throws IOException {
            List<String> names = new ArrayList<>();
            walk(in, (name, data) -> names.add(name));
            return names;
        }

        private interface Entry {
            void accept(String name, byte[] data);
        }

        private static void walk(InputStream in, Entry sink) throws IOException {
            String longName = null;
            while (true) {
                byte[] header = in.readNBytes(512);
                if (header.length < 512 || header[0] == 0) {
                    return;
                }
                String name = field(header, 0, 100);
                String prefix = field(header, 345, 155);
                long size = Long.parseLong(field(header, 124, 12).trim().isEmpty() ? "0" : field(header, 124, 12).trim(), 8);
                char type = (char) header[156];
                byte[] data = in.readNBytes((int) size);
                in.skipNBytes((512 - size % 512) % 512);
                if (type == 'L') {
                    longName = new String(data).replace("\0", "");
                    continue;
                }
                String full = longName != null ? longName : (prefix.isEmpty() ? name : prefix + "/" + name);
                longName = null;
                if (full.startsWith("./")) {
                    full = full.substring(2);
                }
                if (type == '0' || type == '\0' || type == '2' || type == '1') {
                    sink.accept(full, data);
                }
            }
        }

        private static String field(byte[] h, int off, int len) {
            int end = off;
            while (end < off + len && h[end] != 0) {
                end++;
            }
            return new String(h, off, end - off);
        }
    }
}
