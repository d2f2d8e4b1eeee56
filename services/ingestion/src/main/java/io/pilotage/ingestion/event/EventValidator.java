package io.pilotage.ingestion.event;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilotage.contracts.CanonicalEvent;
import io.pilotage.contracts.Problem.FieldError;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Structural validation of a canonical event as a client sent it (DESIGN §2.3): required fields,
 * types, identifier shapes, a parseable {@code occurredAt} with an offset that is not in the future
 * beyond the allowed clock skew. Every failing field is reported, not only the first one.
 * {@code receivedAt} is set by ingestion and ignored if a client sends it.
 */
public final class EventValidator {

    static final int MAX_ID_LENGTH = 512;
    static final int MAX_TEXT_LENGTH = 256;
    static final int MAX_ATTRIBUTE_NAME = 64;
    static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_.-]{0,127}");

    private final Clock clock;
    private final Duration maxFutureSkew;

    public EventValidator(Clock clock, Duration maxFutureSkew) {
        this.clock = clock;
        this.maxFutureSkew = maxFutureSkew;
    }

    /** The outcome for one event: either {@code event} or a non-empty list of {@code errors}. */
    public record Result(CanonicalEvent event, List<FieldError> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    /**
     * Validates one JSON value.
     *
     * @param node   the value as received
     * @param prefix the path prefix for field names in errors ({@code ""} for a single event,
     *               {@code "[3]."} for the fourth item of a batch)
     */
    public Result validate(JsonNode node, String prefix) {
        return validate(node, prefix, false);
    }

    /**
     * Validates one JSON value; {@code plain} says it was read from printable ASCII without a
     * backslash ({@link BoundedJsonReader#plain}), so its strings need no check of their characters.
     */
    public Result validate(JsonNode node, String prefix, boolean plain) {
        List<FieldError> errors = new ArrayList<>();
        if (node == null || !node.isObject()) {
            String where = prefix.isEmpty() ? "(body)" : prefix.substring(0, prefix.length() - 1);
            errors.add(new FieldError(where, "must be a JSON object, got " + kind(node)));
            return new Result(null, errors);
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known(name)) {
                errors.add(new FieldError(prefix + name, "is not a field of a canonical event"));
            }
        }
        String id = text(node, "id", prefix, true, MAX_ID_LENGTH, null, plain, errors);
        String source = text(node, "source", prefix, true, 64, KEY, plain, errors);
        String project = text(node, "project", prefix, true, 64, KEY, plain, errors);
        String type = text(node, "type", prefix, true, 128, TYPE, plain, errors);
        Instant occurredAt = occurredAt(node, prefix, errors);
        String entity = text(node, "entity", prefix, false, MAX_TEXT_LENGTH, null, plain, errors);
        String subject = text(node, "subject", prefix, false, MAX_TEXT_LENGTH, null, plain, errors);
        Double value = value(node, prefix, errors);
        Map<String, Object> attributes = attributes(node, prefix, plain, errors);
        if (!errors.isEmpty()) {
            return new Result(null, errors);
        }
        return new Result(new CanonicalEvent(id, source, project, type, occurredAt, null, entity, subject, value,
                attributes), List.of());
    }

    /** {@code pattern.matcher(s).matches()}, by hand for the two shapes every event is checked against. */
    static boolean matches(Pattern pattern, String s) {
        if (pattern != KEY && pattern != TYPE) {
            return pattern.matcher(s).matches();
        }
        boolean key = pattern == KEY;
        if (s.isEmpty() || s.length() > (key ? 64 : 128)) {
            return false;
        }
        char first = s.charAt(0);
        if (!(first >= 'a' && first <= 'z') && !(key && first >= '0' && first <= '9')) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static boolean known(String name) {
        return switch (name) {
            case "id", "source", "project", "type", "occurredAt", "receivedAt", "entity", "subject", "value",
                 "attributes" -> true;
            default -> false;
        };
    }

    private static String text(JsonNode node, String field, String prefix, boolean required, int maxLength,
                               Pattern pattern, boolean plain, List<FieldError> errors) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                errors.add(new FieldError(prefix + field, "is required"));
            }
            return null;
        }
        if (!v.isTextual()) {
            errors.add(new FieldError(prefix + field, "must be a string, got " + kind(v)));
            return null;
        }
        String s = v.asText();
        String unstorable = plain ? null : StoredText.problem(s, false);
        if (unstorable != null) {
            errors.add(new FieldError(prefix + field, unstorable));
        } else if (s.isBlank()) {
            errors.add(new FieldError(prefix + field, "must not be blank"));
        } else if (s.length() > maxLength) {
            errors.add(new FieldError(prefix + field, "must be at most " + maxLength + " characters, got " + s.length()));
        } else if (pattern != null && !matches(pattern, s)) {
            errors.add(new FieldError(prefix + field, "must match " + pattern.pattern()));
        } else {
            return s;
        }
        return null;
    }

    private Instant occurredAt(JsonNode node, String prefix, List<FieldError> errors) {
        String field = prefix + "occurredAt";
        JsonNode v = node.get("occurredAt");
        if (v == null || v.isNull()) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        if (!v.isTextual()) {
            errors.add(new FieldError(field, "must be an ISO-8601 timestamp string with an offset, got " + kind(v)));
            return null;
        }
        Instant at;
        try {
            at = IsoTimestamps.parse(v.asText());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be an ISO-8601 timestamp with an offset, e.g. 2026-11-02T09:14:03Z; got '"
                    + abbreviate(v.asText()) + "'"));
            return null;
        }
        Instant latest = clock.instant().plus(maxFutureSkew);
        if (at.isAfter(latest)) {
            errors.add(new FieldError(field, "is in the future beyond the allowed clock skew of " + maxFutureSkew.toSeconds() + " s"));
            return null;
        }
        return at;
    }

    private static Double value(JsonNode node, String prefix, List<FieldError> errors) {
        JsonNode v = node.get("value");
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            errors.add(new FieldError(prefix + "value", "must be a number, got " + kind(v)));
            return null;
        }
        double d = v.asDouble();
        if (!Double.isFinite(d)) {
            errors.add(new FieldError(prefix + "value", "must be a finite number"));
            return null;
        }
        return d;
    }

    private static Map<String, Object> attributes(JsonNode node, String prefix, boolean plain, List<FieldError> errors) {
        JsonNode v = node.get("attributes");
        if (v == null || v.isNull()) {
            return Map.of();
        }
        if (!v.isObject()) {
            errors.add(new FieldError(prefix + "attributes", "must be an object, got " + kind(v)));
            return Map.of();
        }
        // the entries go straight into the immutable map the event keeps (CanonicalEvent takes an
        // immutable map as it is), where a map built here was copied into another one
        @SuppressWarnings("unchecked")
        Map.Entry<String, Object>[] out = new Map.Entry[v.size()];
        int n = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode a = e.getValue();
            String name = e.getKey();
            String badName = plain ? null : StoredText.problem(name, false);
            if (badName != null || name.isBlank() || name.length() > MAX_ATTRIBUTE_NAME) {
                errors.add(new FieldError(prefix + "attributes." + name, badName != null ? "name " + badName
                        : "name must be 1 to " + MAX_ATTRIBUTE_NAME + " characters"));
                continue;
            }
            if (a.isTextual()) {
                String unstorable = plain ? null : StoredText.problem(a.asText(), true);
                if (unstorable != null) {
                    errors.add(new FieldError(prefix + "attributes." + name, unstorable));
                } else {
                    out[n++] = Map.entry(name, a.asText());
                }
            } else if (a.isBoolean()) {
                out[n++] = Map.entry(name, a.asBoolean());
            } else if (a.isIntegralNumber() && a.canConvertToLong()) {
                out[n++] = Map.entry(name, a.asLong());
            } else if (a.isNumber()) {
                out[n++] = Map.entry(name, a.asDouble());
            } else if (!a.isNull()) {
                errors.add(new FieldError(prefix + "attributes." + name, "must be a string, number or boolean, got " + kind(a)));
            }
        }
        return Map.ofEntries(n == out.length ? out : Arrays.copyOf(out, n));
    }

    static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "binary data";
        };
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
