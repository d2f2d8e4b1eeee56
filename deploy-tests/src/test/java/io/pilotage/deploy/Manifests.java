package io.pilotage.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.StreamSupport;

/**
 * Where the deployment files are, how they are read, and the renders every test shares: the
 * chart through the Helm library embedded by helm-java (no helm binary, no cluster), the
 * kustomize overlays through {@link MiniKustomize}.
 */
final class Manifests {

    static final YAMLMapper YAML = new YAMLMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper();

    static final Path ROOT = findRoot();
    static final Path CHART = ROOT.resolve("helm/pilotage");
    static final Path PROD_VALUES = CHART.resolve("values-prod.yaml");
    static final Path K8S = ROOT.resolve("k8s");
    static final Path BASE_APPS = K8S.resolve("base/apps/pilotage.yaml");
    static final Path BASE_APPS_VALUES = K8S.resolve("base/apps/values.yaml");

    /** Release name and namespace of every render, as in the kustomize base. */
    static final String RELEASE = "pilotage";
    static final String KUBE_VERSION = "1.31.0";

    /** A named set of rendered documents, what the policy tests run over. */
    record Rendering(String name, List<ObjectNode> docs) {
        @Override
        public String toString() {
            return name;
        }

        List<ObjectNode> ofKind(String kind) {
            return docs.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
        }

        Optional<ObjectNode> find(String kind, String name) {
            return ofKind(kind).stream().filter(d -> name.equals(d.path("metadata").path("name").asText())).findFirst();
        }

        ObjectNode get(String kind, String name) {
            return find(kind, name).orElseThrow(() -> new AssertionError(this.name + ": no " + kind + " " + name));
        }
    }

    private static final Map<String, Rendering> CACHE = new ConcurrentHashMap<>();

    private Manifests() {
    }

    static Rendering chartDefault() {
        return CACHE.computeIfAbsent("chart default values", n -> new Rendering(n, parseAll(template().call())));
    }

    static Rendering chartDefaultWithPrometheusOperator() {
        return CACHE.computeIfAbsent("chart default values + Prometheus operator",
                n -> new Rendering(n, parseAll(template().withValuesFile(BASE_APPS_VALUES).call())));
    }

    static Rendering chartProd() {
        return CACHE.computeIfAbsent("chart prod values", n -> new Rendering(n, parseAll(template().withValuesFile(PROD_VALUES).call())));
    }

    static Rendering kustomize(String overlay) {
        Path dir = overlay.equals("base") ? K8S.resolve("base") : K8S.resolve("overlays").resolve(overlay);
        return CACHE.computeIfAbsent("kustomize " + overlay, n -> new Rendering(n, MiniKustomize.build(dir)));
    }

    /** Every rendering the policies must hold for. */
    static List<Rendering> allRenderings() {
        return List.of(chartDefault(), chartDefaultWithPrometheusOperator(), chartProd(),
                kustomize("base"), kustomize("dev"), kustomize("prod"));
    }

    /** helm template of the chart, release {@value #RELEASE} in namespace {@value #RELEASE}. */
    static TemplateCommand template() {
        return new Helm(CHART).template().withName(RELEASE).withNamespace(RELEASE).withKubeVersion(KUBE_VERSION);
    }

    static List<ObjectNode> parseAll(String yaml) {
        try (var parser = YAML.getFactory().createParser(yaml)) {
            List<ObjectNode> docs = new ArrayList<>();
            var it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode node = it.next();
                if (node instanceof ObjectNode o && !o.isEmpty()) {
                    docs.add(o);
                }
            }
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<ObjectNode> readAll(Path file) {
        return parseAll(read(file));
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String id(JsonNode doc) {
        return doc.path("kind").asText() + "/" + doc.path("metadata").path("name").asText();
    }

    static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    private static Path findRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("helm/pilotage"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("helm/pilotage not found above " + Path.of("").toAbsolutePath());
        }
        return p;
    }
}
