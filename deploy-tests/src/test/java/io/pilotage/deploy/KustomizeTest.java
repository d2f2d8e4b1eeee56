package io.pilotage.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The overlays build, and {@link MiniKustomize} builds what kustomize builds. */
class KustomizeTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void overlaysChangeWhatTheySayAndKeepTheRest(String overlay) {
        var base = Manifests.kustomize("base");
        var o = Manifests.kustomize(overlay);
        assertThat(o.docs()).extracting(Manifests::id).containsExactlyInAnyOrderElementsOf(base.docs().stream().map(Manifests::id).toList());
        String ns = overlay.equals("dev") ? "pilotage-dev" : "pilotage";
        assertThat(o.docs()).allSatisfy(d -> assertThat(d.at("/metadata/namespace").asText()).isEqualTo(ns));
        String registry = overlay.equals("dev") ? "localhost:5000/pilotage/" : "registry.pilotage.internal/pilotage/";
        assertThat(o.ofKind("Deployment")).allSatisfy(d ->
                assertThat(d.at("/spec/template/spec/containers/0/image").asText()).startsWith(registry));
        assertThat(o.get("KafkaNodePool", "combined").at("/spec/replicas").asInt()).isEqualTo(overlay.equals("dev") ? 1 : 3);
    }

    @Test
    void unsupportedKustomizeFeaturesAreRefusedNotIgnored(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: []\nreplicas:\n  - name: x\n    count: 2\n");
        assertThatThrownBy(() -> MiniKustomize.build(dir)).hasMessageContaining("'replicas' is not supported");
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: [missing.yaml]\n");
        assertThatThrownBy(() -> MiniKustomize.build(dir)).hasMessageContaining("does not exist");
    }

    /** Where kubectl (with its embedded kustomize) is installed, both builders must agree. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void miniKustomizeAgreesWithKubectlKustomize(String dir) throws Exception {
        Path kubectl = Path.of("/usr/bin/kubectl");
        assumeTrue(Files.isExecutable(kubectl), "kubectl not installed: MiniKustomize alone builds the overlays");
        Process p = new ProcessBuilder(kubectl.toString(), "kustomize", Manifests.K8S.resolve(dir).toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        String overlay = dir.contains("/") ? dir.substring(dir.indexOf('/') + 1) : dir;
        Map<String, JsonNode> expected = byId(Manifests.parseAll(out));
        Map<String, JsonNode> actual = byId(Manifests.kustomize(overlay).docs());
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((id, doc) -> assertThat(actual.get(id)).as(id).isEqualTo(doc));
    }

    private static Map<String, JsonNode> byId(List<ObjectNode> docs) {
        return docs.stream().collect(Collectors.toMap(Manifests::id, Function.identity()));
    }
}
