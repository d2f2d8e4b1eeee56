package io.pilotage.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses a manifest strictly against the Java model of its API: the Kubernetes API model
 * (fabric8 kubernetes-model, generated from the Kubernetes OpenAPI), the Prometheus operator's
 * (fabric8 openshift-model-monitoring) and Strimzi's own API classes (io.strimzi:api, from
 * which Strimzi generates its CRDs). Wrong types fail in Jackson; unknown fields, which these
 * models keep in an "additionalProperties" map instead of failing, are found by walking the
 * parsed object; required fields are checked from the model where it declares them (Strimzi:
 * {@code @JsonProperty(required = true)}) and from {@link #REQUIRED} for the Kubernetes kinds,
 * whose Java model does not carry the OpenAPI "required" lists.
 *
 * <p>KEDA, CloudNativePG and the Keycloak operator publish no model on Maven Central: their
 * resources get the structural checks of {@link #REQUIRED} only (and the realm inside a
 * KeycloakRealmImport is parsed strictly against Keycloak's own RealmRepresentation).
 */
final class StrictModel {

    /** The API versions this project may use, per kind: anything else (removed, deprecated or unknown) fails. */
    static final Map<String, String> CURRENT_API = Map.ofEntries(
            Map.entry("ConfigMap", "v1"), Map.entry("Service", "v1"), Map.entry("ServiceAccount", "v1"),
            Map.entry("Deployment", "apps/v1"), Map.entry("PodDisruptionBudget", "policy/v1"),
            Map.entry("HorizontalPodAutoscaler", "autoscaling/v2"),
            Map.entry("NetworkPolicy", "networking.k8s.io/v1"), Map.entry("Ingress", "networking.k8s.io/v1"),
            Map.entry("ServiceMonitor", "monitoring.coreos.com/v1"), Map.entry("PrometheusRule", "monitoring.coreos.com/v1"),
            Map.entry("ScaledObject", "keda.sh/v1alpha1"), Map.entry("TriggerAuthentication", "keda.sh/v1alpha1"),
            Map.entry("Kafka", "kafka.strimzi.io/v1"), Map.entry("KafkaNodePool", "kafka.strimzi.io/v1"),
            Map.entry("KafkaTopic", "kafka.strimzi.io/v1"), Map.entry("KafkaUser", "kafka.strimzi.io/v1"),
            Map.entry("Cluster", "postgresql.cnpg.io/v1"), Map.entry("ScheduledBackup", "postgresql.cnpg.io/v1"),
            Map.entry("Database", "postgresql.cnpg.io/v1"), Map.entry("ObjectStore", "barmancloud.cnpg.io/v1"),
            Map.entry("Keycloak", "k8s.keycloak.org/v2alpha1"), Map.entry("KeycloakRealmImport", "k8s.keycloak.org/v2alpha1"));

    /** API versions removed from Kubernetes or from the operators (Strimzi 1.0 removed v1beta2). */
    static final Set<String> REMOVED_API = Set.of("extensions/v1beta1", "apps/v1beta1", "apps/v1beta2", "policy/v1beta1",
            "autoscaling/v2beta1", "autoscaling/v2beta2", "networking.k8s.io/v1beta1", "batch/v1beta1",
            "kafka.strimzi.io/v1beta1", "kafka.strimzi.io/v1beta2", "kafka.strimzi.io/v1alpha1", "k8s.keycloak.org/v1alpha1");

    private static final Map<String, Class<?>> MODEL = Map.ofEntries(
            Map.entry("ConfigMap", io.fabric8.kubernetes.api.model.ConfigMap.class),
            Map.entry("Service", io.fabric8.kubernetes.api.model.Service.class),
            Map.entry("ServiceAccount", io.fabric8.kubernetes.api.model.ServiceAccount.class),
            Map.entry("Deployment", io.fabric8.kubernetes.api.model.apps.Deployment.class),
            Map.entry("PodDisruptionBudget", io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class),
            Map.entry("HorizontalPodAutoscaler", io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class),
            Map.entry("NetworkPolicy", io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class),
            Map.entry("Ingress", io.fabric8.kubernetes.api.model.networking.v1.Ingress.class),
            Map.entry("ServiceMonitor", io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor.class),
            Map.entry("PrometheusRule", io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule.class),
            Map.entry("Kafka", io.strimzi.api.kafka.model.kafka.Kafka.class),
            Map.entry("KafkaNodePool", io.strimzi.api.kafka.model.nodepool.KafkaNodePool.class),
            Map.entry("KafkaTopic", io.strimzi.api.kafka.model.topic.KafkaTopic.class),
            Map.entry("KafkaUser", io.strimzi.api.kafka.model.user.KafkaUser.class));

    /**
     * Required fields (JSON paths, "[]" = every item) from the Kubernetes API reference for the
     * kinds whose Java model does not say, and from the KEDA, CloudNativePG and Keycloak operator
     * documentation for those without a published model.
     */
    static final Map<String, List<String>> REQUIRED = Map.ofEntries(
            Map.entry("Deployment", List.of("spec.selector", "spec.template.spec.containers[].name", "spec.template.spec.containers[].image",
                    "spec.template.spec.containers[].ports[].containerPort")),
            Map.entry("Service", List.of("spec.ports[].port")),
            Map.entry("PodDisruptionBudget", List.of("spec.selector")),
            Map.entry("HorizontalPodAutoscaler", List.of("spec.scaleTargetRef.kind", "spec.scaleTargetRef.name", "spec.maxReplicas")),
            Map.entry("NetworkPolicy", List.of("spec.podSelector")),
            Map.entry("Ingress", List.of("spec.rules[].http.paths[].pathType", "spec.rules[].http.paths[].backend.service.name")),
            Map.entry("ServiceMonitor", List.of("spec.selector", "spec.endpoints[].port")),
            Map.entry("PrometheusRule", List.of("spec.groups[].name", "spec.groups[].rules[].alert", "spec.groups[].rules[].expr")),
            Map.entry("ScaledObject", List.of("spec.scaleTargetRef.name", "spec.triggers[].type", "spec.triggers[].metadata")),
            Map.entry("TriggerAuthentication", List.of("spec.secretTargetRef[].parameter", "spec.secretTargetRef[].name", "spec.secretTargetRef[].key")),
            Map.entry("Cluster", List.of("spec.instances", "spec.storage.size")),
            Map.entry("ScheduledBackup", List.of("spec.schedule", "spec.cluster.name")),
            Map.entry("Database", List.of("spec.name", "spec.owner", "spec.cluster.name")),
            Map.entry("ObjectStore", List.of("spec.configuration.destinationPath")),
            Map.entry("Keycloak", List.of("spec.instances", "spec.db.vendor", "spec.hostname.hostname")),
            Map.entry("KeycloakRealmImport", List.of("spec.keycloakCRName", "spec.realm.realm")));

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    private StrictModel() {
    }

    /** Every problem found in one document; empty when it is valid. */
    static List<String> problems(JsonNode doc) {
        List<String> problems = new ArrayList<>();
        String kind = doc.path("kind").asText();
        String api = doc.path("apiVersion").asText();
        String id = Manifests.id(doc);
        if (REMOVED_API.contains(api)) {
            problems.add(id + ": apiVersion " + api + " has been removed");
        }
        if (!api.equals(CURRENT_API.get(kind))) {
            problems.add(id + ": apiVersion " + api + " is not the current one for " + kind + " (" + CURRENT_API.get(kind) + ")");
        }
        if (doc.path("metadata").path("name").asText().isEmpty()) {
            problems.add(id + ": metadata.name is required");
        }
        for (String path : REQUIRED.getOrDefault(kind, List.of())) {
            missing(doc, path.split("\\."), 0, "").forEach(p -> problems.add(id + ": " + p + " is required"));
        }
        Class<?> model = MODEL.get(kind);
        if (model != null) {
            try {
                Object parsed = STRICT.treeToValue(doc, model);
                walk(parsed, "", problems, id, new IdentityHashMap<>());
            } catch (Exception e) {
                problems.add(id + ": " + e.getMessage().lines().findFirst().orElse(e.toString()));
            }
        }
        return problems;
    }

    static boolean hasModel(String kind) {
        return MODEL.containsKey(kind);
    }

    private static List<String> missing(JsonNode node, String[] segments, int i, String at) {
        if (i == segments.length) {
            return node.isMissingNode() || node.isNull() ? List.of(at) : List.of();
        }
        String seg = segments[i];
        boolean each = seg.endsWith("[]");
        String field = each ? seg.substring(0, seg.length() - 2) : seg;
        JsonNode next = node.path(field);
        String where = at.isEmpty() ? field : at + "." + field;
        if (!each) {
            return missing(next, segments, i + 1, where);
        }
        if (!next.isArray() || next.isEmpty()) {
            return List.of(where + "[]");
        }
        List<String> out = new ArrayList<>();
        for (int n = 0; n < next.size(); n++) {
            out.addAll(missing(next.get(n), segments, i + 1, where + "[" + n + "]"));
        }
        return out;
    }

    /** Walks the parsed model: non-empty additionalProperties = unknown fields; null required properties. */
    private static void walk(Object o, String at, List<String> problems, String id, IdentityHashMap<Object, Boolean> seen) {
        if (o == null || seen.put(o, Boolean.TRUE) != null) {
            return;
        }
        if (o instanceof Collection<?> c) {
            int n = 0;
            for (Object item : c) {
                walk(item, at + "[" + n++ + "]", problems, id, seen);
            }
            return;
        }
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> walk(v, at + "." + k, problems, id, seen));
            return;
        }
        String pkg = o.getClass().getPackageName();
        if (!(pkg.startsWith("io.fabric8") || pkg.startsWith("io.strimzi"))) {
            return;
        }
        JavaType type = STRICT.constructType(o.getClass());
        for (BeanPropertyDefinition p : STRICT.getSerializationConfig().introspect(type).findProperties()) {
            if (!p.hasGetter()) {
                continue;
            }
            Object value;
            try {
                value = p.getGetter().getValue(o);
            } catch (Exception e) {
                continue;
            }
            String where = at.isEmpty() ? p.getName() : at + "." + p.getName();
            if (value == null && p.isRequired()) {
                problems.add(id + ": " + where + " is required by the " + o.getClass().getSimpleName() + " model");
            }
            walk(value, where, problems, id, seen);
        }
        try {
            Method m = o.getClass().getMethod("getAdditionalProperties");
            if (m.invoke(o) instanceof Map<?, ?> extra && !extra.isEmpty()) {
                problems.add(id + ": unknown field(s) " + extra.keySet() + " at " + (at.isEmpty() ? "top level" : at));
            }
        } catch (NoSuchMethodException e) {
            // a model class without an escape hatch: Jackson already failed on unknown fields
        } catch (ReflectiveOperationException e) {
            problems.add(id + ": cannot inspect " + at + ": " + e);
        }
    }
}
