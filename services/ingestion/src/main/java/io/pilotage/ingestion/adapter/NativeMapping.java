package io.pilotage.ingestion.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Helpers shared by the adapters to apply a source's mapping (configuration, from
 * {@code SourceDefinition.mapping}) to a native payload, and to build canonical events as JSON so
 * they go through the same validation as events posted to {@code /events}.
 */
public final class NativeMapping {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private NativeMapping() {
    }

    /** The value at a dotted path ({@code device.category}), or null when absent, JSON null, or Odoo's {@code false}. */
    public static JsonNode at(JsonNode root, String path) {
        JsonNode n = root;
        for (String part : path.split("\\.")) {
            if (n == null || !n.isObject()) {
                return null;
            }
            n = n.get(part);
        }
        return n == null || n.isNull() || n.isMissingNode() ? null : n;
    }

    /** A section of the mapping as a map (empty when absent or not a map). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> section(Map<String, Object> mapping, String key) {
        Object v = mapping.get(key);
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** A list in the mapping; a single value counts as a one-element list. */
    public static List<String> strings(Map<String, Object> mapping, String key) {
        Object v = mapping.get(key);
        if (v instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        return v == null ? List.of() : List.of(String.valueOf(v));
    }

    public static String string(Map<String, Object> mapping, String key) {
        Object v = mapping.get(key);
        return v == null ? null : String.valueOf(v);
    }

    /** A canonical event skeleton. */
    public static ObjectNode event(String id, String source, String project, String type, Instant occurredAt) {
        ObjectNode e = NODES.objectNode();
        e.put("id", id);
        e.put("source", source);
        e.put("project", project);
        if (type != null) {
            e.put("type", type);
        }
        if (occurredAt != null) {
            e.put("occurredAt", occurredAt.toString());
        }
        return e;
    }

    /**
     * Copies the configured attributes ({@code name: native path}) that hold a scalar; a JSON
     * string, number or boolean is kept as it is, lists and objects are left out.
     */
    public static void attributes(ObjectNode event, Map<String, Object> attributeMapping,
                                  java.util.function.Function<String, JsonNode> lookup) {
        ObjectNode attributes = event.has("attributes") ? (ObjectNode) event.get("attributes") : NODES.objectNode();
        attributeMapping.forEach((name, path) -> {
            JsonNode v = lookup.apply(String.valueOf(path));
            if (v != null && v.isValueNode()) {
                attributes.set(name, v);
            }
        });
        if (!attributes.isEmpty()) {
            event.set("attributes", attributes);
        }
    }

    /** A number at a path, also when written as a string (BigQuery exports 64-bit integers as strings). */
    public static Double number(JsonNode v) {
        if (v == null) {
            return null;
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isTextual()) {
            try {
                return Double.parseDouble(v.asText());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** A short, stable digest of some text, to build deterministic ids for sources that send none. */
    public static String digest(String text) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d, 0, 10);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
