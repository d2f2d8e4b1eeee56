package io.pilotage.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The subset of kustomize that k8s/ uses, in plain Java, because no kustomize binary is
 * installable from the registries this project may use (Debian's kubernetes-client is kubectl
 * 1.20, whose kustomize v2 predates the "patches" field). Supported: resources (files and
 * directories), namespace, labels (metadata only), images, and patches (a strategic-merge patch
 * file with a kind/name target) restricted to maps: a patch that touches a list is refused,
 * since kustomize would merge named lists by key and this would not. Anything else in a
 * kustomization.yaml is refused too, so a new feature cannot be silently ignored.
 * {@code KustomizeTest} compares this builder with {@code kubectl kustomize} wherever kubectl is
 * installed.
 */
final class MiniKustomize {

    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "namespace", "labels", "resources", "images", "patches");

    private MiniKustomize() {
    }

    static List<ObjectNode> build(Path dir) {
        ObjectNode k = (ObjectNode) Manifests.readAll(dir.resolve("kustomization.yaml")).getFirst();
        k.fieldNames().forEachRemaining(f -> {
            if (!SUPPORTED.contains(f)) {
                throw new IllegalArgumentException(dir + "/kustomization.yaml: field '" + f + "' is not supported by MiniKustomize");
            }
        });
        List<ObjectNode> docs = new ArrayList<>();
        for (JsonNode r : k.path("resources")) {
            Path p = dir.resolve(r.asText()).normalize();
            if (Files.isDirectory(p)) {
                docs.addAll(build(p));
            } else if (Files.isRegularFile(p)) {
                docs.addAll(Manifests.readAll(p));
            } else {
                throw new IllegalArgumentException(dir + ": resource " + r.asText() + " does not exist");
            }
        }
        for (JsonNode patch : k.path("patches")) {
            applyPatch(dir, patch, docs);
        }
        if (k.hasNonNull("namespace")) {
            docs.forEach(d -> ((ObjectNode) d.path("metadata")).put("namespace", k.get("namespace").asText()));
        }
        for (JsonNode l : k.path("labels")) {
            if (l.path("includeSelectors").asBoolean(false) || l.path("includeTemplates").asBoolean(false)) {
                throw new IllegalArgumentException(dir + ": labels with includeSelectors/includeTemplates are not supported");
            }
            docs.forEach(d -> {
                ObjectNode labels = ((ObjectNode) d.path("metadata")).withObjectProperty("labels");
                l.path("pairs").properties().forEach(e -> labels.set(e.getKey(), e.getValue()));
            });
        }
        for (JsonNode image : k.path("images")) {
            docs.forEach(d -> rewriteImages(d, image));
        }
        return docs;
    }

    private static void applyPatch(Path dir, JsonNode patch, List<ObjectNode> docs) {
        Path file = dir.resolve(patch.path("path").asText());
        ObjectNode p = (ObjectNode) Manifests.readAll(file).getFirst().deepCopy();
        String kind = patch.path("target").path("kind").asText(p.path("kind").asText());
        String name = patch.path("target").path("name").asText(null);
        p.remove(List.of("apiVersion", "kind"));
        ((ObjectNode) p.path("metadata")).remove("name");
        int matched = 0;
        for (ObjectNode d : docs) {
            if (kind.equals(d.path("kind").asText()) && (name == null || name.equals(d.path("metadata").path("name").asText()))) {
                merge(d, p, file.toString());
                matched++;
            }
        }
        if (matched == 0) {
            throw new IllegalArgumentException(file + ": patch target " + kind + "/" + name + " matches nothing");
        }
    }

    private static void merge(ObjectNode target, ObjectNode patch, String where) {
        Iterator<Map.Entry<String, JsonNode>> it = patch.properties().iterator();
        while (it.hasNext()) {
            var e = it.next();
            JsonNode existing = target.get(e.getKey());
            if (e.getValue().isArray() || (existing != null && existing.isArray())) {
                throw new IllegalArgumentException(where + ": patching the list '" + e.getKey() + "' is not supported by MiniKustomize");
            }
            if (e.getValue().isNull()) {
                target.remove(e.getKey());
            } else if (e.getValue().isObject() && existing != null && existing.isObject()) {
                merge((ObjectNode) existing, (ObjectNode) e.getValue(), where);
            } else {
                target.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }

    private static void rewriteImages(JsonNode node, JsonNode image) {
        if (node.isObject()) {
            for (String containers : List.of("containers", "initContainers")) {
                for (JsonNode c : node.path(containers)) {
                    if (c.hasNonNull("image")) {
                        ((ObjectNode) c).put("image", rewrite(c.get("image").asText(), image));
                    }
                }
            }
            node.forEach(child -> rewriteImages(child, image));
        } else if (node.isArray()) {
            node.forEach(child -> rewriteImages(child, image));
        }
    }

    private static String rewrite(String ref, JsonNode image) {
        int at = ref.indexOf('@');
        int colon = ref.lastIndexOf(':');
        int end = at >= 0 ? at : (colon > ref.lastIndexOf('/') ? colon : ref.length());
        if (!ref.substring(0, end).equals(image.path("name").asText())) {
            return ref;
        }
        String name = image.path("newName").asText(ref.substring(0, end));
        if (image.hasNonNull("digest")) {
            return name + "@" + image.get("digest").asText();
        }
        String tag = image.hasNonNull("newTag") ? ":" + image.get("newTag").asText() : ref.substring(end);
        return name + tag;
    }
}
