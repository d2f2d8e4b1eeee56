package io.pilotage.ingestion.event;

/**
 * What PostgreSQL and every consumer can hold: no NUL (PostgreSQL text cannot store it), no other
 * C0/C1 control character or DEL, no unpaired UTF-16 surrogate (not encodable as UTF-8), no
 * non-character U+FFFE/U+FFFF. Free text (attribute values) may carry tab, line feed and carriage
 * return; identifiers may not.
 */
public final class StoredText {

    private StoredText() {
    }

    /** Why {@code s} cannot be stored, or null when it can. */
    public static String problem(String s, boolean freeText) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7F) {
                continue;   // printable ASCII, nearly every character: one test instead of six
            }
            if (c == 0) {
                return "must not contain the NUL character (at position " + i + ")";
            }
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
                if (freeText && (c == '\t' || c == '\n' || c == '\r')) {
                    continue;
                }
                return "must not contain control character U+" + String.format("%04X", (int) c) + " (at position " + i + ")";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "must not contain an unpaired surrogate (at position " + i + ")";
            }
            if (Character.isLowSurrogate(c)) {
                return "must not contain an unpaired surrogate (at position " + i + ")";
            }
            if (c == '\uFFFE' || c == '\uFFFF') {
                return "must not contain the non-character U+" + String.format("%04X", (int) c);
            }
        }
        return null;
    }

    /** The first string (value or field name) anywhere in {@code node} that cannot be stored, as {path, problem}; null when none. */
    public static String[] firstProblem(com.fasterxml.jackson.databind.JsonNode node, String path) {
        if (node.isTextual()) {
            String p = problem(node.asText(), true);
            return p == null ? null : new String[] {path, p};
        }
        if (node.isObject()) {
            for (var it = node.fields(); it.hasNext(); ) {
                var e = it.next();
                String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                String p = problem(e.getKey(), false);
                if (p != null) {
                    return new String[] {child, "name " + p};
                }
                String[] found = firstProblem(e.getValue(), child);
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String[] found = firstProblem(node.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
