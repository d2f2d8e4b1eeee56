package io.pilotage.kpi.measure;

import io.pilotage.contracts.CanonicalEvent;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which events a measure takes: event types (empty: every type) and an attribute filter whose
 * entries must all equal the event's attribute of that name (compared as text, so {@code true}
 * matches {@code "true"}).
 */
public record EventFilter(Set<String> types, Map<String, Object> where) {

    public EventFilter(List<String> types, Map<String, Object> where) {
        this(Set.copyOf(types), where == null ? Map.of() : Map.copyOf(where));
    }

    public boolean accepts(CanonicalEvent e) {
        if (!types.isEmpty() && !types.contains(e.type())) {
            return false;
        }
        for (Map.Entry<String, Object> w : where.entrySet()) {
            Object actual = e.attributes().get(w.getKey());
            if (actual == null || !Objects.equals(String.valueOf(actual), String.valueOf(w.getValue()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * A field of an event: {@code value}, {@code subject}, {@code entity}, {@code id},
     * {@code source}, {@code type}, or {@code attributes.<name>} (also a bare attribute name).
     */
    public static Object field(CanonicalEvent e, String field) {
        String f = field == null ? "value" : field;
        return switch (f) {
            case "value" -> e.value();
            case "subject" -> e.subject();
            case "entity" -> e.entity();
            case "id" -> e.id();
            case "source" -> e.source();
            case "type" -> e.type();
            default -> e.attributes().get(f.startsWith("attributes.") ? f.substring("attributes.".length()) : f);
        };
    }

    /** A numeric field, or null when absent or not a number. */
    public static Double number(CanonicalEvent e, String field) {
        Object v = field(e, field);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException ex) {
                return null;
            }
        }
        return null;
    }
}
