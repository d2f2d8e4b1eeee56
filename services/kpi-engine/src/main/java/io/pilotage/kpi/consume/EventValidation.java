package io.pilotage.kpi.consume;

import io.pilotage.contracts.CanonicalEvent;

import java.util.List;
import java.util.Map;

/**
 * What makes a decoded event impossible to apply, checked before it reaches the database: a
 * missing key field, or a control character PostgreSQL cannot store (NUL) in any text. Plain Java.
 */
public final class EventValidation {

    private EventValidation() {
    }

    /** The reason the event can never be applied, or null when it can. */
    public static String problem(CanonicalEvent e) {
        if (e == null) {
            return "empty record";
        }
        for (Map.Entry<String, String> f : Map.of("id", nz(e.id()), "source", nz(e.source()), "project", nz(e.project()),
                "type", nz(e.type())).entrySet()) {
            if (f.getValue().isBlank()) {
                return "field '" + f.getKey() + "' is required";
            }
        }
        if (e.occurredAt() == null) {
            return "field 'occurredAt' is required";
        }
        String[][] texts = {{"id", e.id()}, {"source", e.source()}, {"project", e.project()}, {"type", e.type()},
                {"entity", e.entity()}, {"subject", e.subject()}};
        for (String[] t : texts) {
            if (hasNul(t[1])) {
                return "field '" + t[0] + "' contains a NUL character, which cannot be stored";
            }
        }
        return attributeProblem("attributes", e.attributes());
    }

    private static String attributeProblem(String path, Object value) {
        if (value instanceof String s && hasNul(s)) {
            return "field '" + path + "' contains a NUL character, which cannot be stored";
        }
        if (value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> en : m.entrySet()) {
                String key = String.valueOf(en.getKey());
                if (hasNul(key)) {
                    return "an attribute name under '" + path + "' contains a NUL character";
                }
                String p = attributeProblem(path + "." + key, en.getValue());
                if (p != null) {
                    return p;
                }
            }
        }
        if (value instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                String p = attributeProblem(path + "[" + i + "]", l.get(i));
                if (p != null) {
                    return p;
                }
            }
        }
        return null;
    }

    private static boolean hasNul(String s) {
        return s != null && s.indexOf('\u0000') >= 0;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
