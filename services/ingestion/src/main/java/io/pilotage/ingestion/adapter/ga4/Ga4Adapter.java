package io.pilotage.ingestion.adapter.ga4;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilotage.contracts.definition.SourceDefinition;
import io.pilotage.ingestion.adapter.NativeMapping;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Firebase / GA4 events, in the two shapes they leave Google in:
 * <ul>
 *   <li>BigQuery export rows as exported to JSON, one per line: {@code event_date},
 *       {@code event_timestamp} (µs, a string: 64-bit integers are written as strings),
 *       {@code event_name}, {@code user_pseudo_id}, {@code user_id},
 *       {@code event_params[{key, value{string_value|int_value|float_value|double_value}}]},
 *       {@code device}, {@code geo}, {@code app_info}, {@code ecommerce}, {@code items}; null fields
 *       omitted;</li>
 *   <li>Measurement-Protocol bodies: {@code {client_id | app_instance_id, user_id,
 *       timestamp_micros, events[{name, params{}}]}}.</li>
 * </ul>
 * Mapping: {@code eventTypes} (event_name → type; unlisted names keep their own),
 * {@code subject} (paths, first present wins; pseudonymised by the intake), {@code entity} (paths, first
 * present wins, after {@code entityPrefix}: what a request and its closing share), {@code value} (paths;
 * {@code param.<key>} reads an event parameter), {@code attributes} (name → path). GA4 has no event
 * id: the id is {@code <source>:<user>:<timestamp µs>:<event_name>:<digest of the params>}.
 */
public final class Ga4Adapter {

    /** One native event as mapped, or why it cannot be. */
    public record Mapped(JsonNode nativeEvent, ObjectNode event, String field, String problem) {
    }

    private Ga4Adapter() {
    }

    /** Whether a body is Measurement-Protocol-shaped (has an {@code events} array). */
    public static boolean isMeasurementProtocol(JsonNode body) {
        return body.isObject() && body.path("events").isArray();
    }

    /** One BigQuery export row. */
    public static Mapped fromExportRow(SourceDefinition source, JsonNode row) {
        if (!row.isObject()) {
            return new Mapped(row, null, "(row)", "must be a GA4 BigQuery export row object");
        }
        String name = row.path("event_name").asText(null);
        if (name == null || name.isBlank()) {
            return new Mapped(row, null, "event_name", "is required");
        }
        Instant at = micros(row.get("event_timestamp"));
        if (at == null) {
            return new Mapped(row, null, "event_timestamp", "is required: microseconds since the epoch");
        }
        Map<String, JsonNode> params = exportParams(row.get("event_params"));
        return new Mapped(row, build(source, name, at, row.get("event_timestamp").asText(), params,
                path -> path.startsWith("param.") ? params.get(path.substring(6)) : NativeMapping.at(row, path)), null, null);
    }

    /** The events of one Measurement-Protocol body. */
    public static List<Mapped> fromMeasurementProtocol(SourceDefinition source, JsonNode body, Instant receivedAt) {
        List<Mapped> out = new ArrayList<>();
        JsonNode ts = body.get("timestamp_micros");
        Instant at = ts == null ? receivedAt : micros(ts);
        if (at == null) {
            out.add(new Mapped(body, null, "timestamp_micros", "must be microseconds since the epoch"));
            return out;
        }
        String micros = ts == null ? String.valueOf(receivedAt.toEpochMilli() * 1000) : ts.asText();
        int i = 0;
        for (JsonNode e : body.get("events")) {
            String field = "events[" + i++ + "]";
            if (!e.isObject() || !e.path("name").isTextual()) {
                out.add(new Mapped(e, null, field + ".name", "is required"));
                continue;
            }
            Map<String, JsonNode> params = new java.util.LinkedHashMap<>();
            e.path("params").fields().forEachRemaining(p -> params.put(p.getKey(), p.getValue()));
            out.add(new Mapped(e, build(source, e.get("name").asText(), at, micros, params, path -> {
                if (path.startsWith("param.")) {
                    return params.get(path.substring(6));
                }
                // MP carries the user at the top; map export names onto it
                return switch (path) {
                    case "user_pseudo_id" -> body.has("app_instance_id") ? body.get("app_instance_id") : body.get("client_id");
                    case "user_id" -> body.get("user_id");
                    case "ecommerce.purchase_revenue" -> "purchase".equals(e.get("name").asText()) ? params.get("value") : null;
                    default -> NativeMapping.at(body, path);
                };
            }), null, null));
        }
        return out;
    }

    private static ObjectNode build(SourceDefinition source, String name, Instant at, String micros,
                                    Map<String, JsonNode> params, java.util.function.Function<String, JsonNode> lookup) {
        Map<String, Object> m = source.mapping();
        Map<String, Object> types = NativeMapping.section(m, "eventTypes");
        String type = types.containsKey(name) ? String.valueOf(types.get(name)) : name;
        String subject = null;
        for (String path : NativeMapping.strings(m, "subject")) {
            JsonNode v = lookup.apply(path);
            if (v != null && v.isValueNode() && !v.asText().isBlank()) {
                subject = v.asText();
                break;
            }
        }
        String user = subject == null ? "anonymous" : NativeMapping.digest(subject);
        String id = source.id() + ":" + user + ":" + micros + ":" + name + ":" + NativeMapping.digest(params.toString());
        ObjectNode event = NativeMapping.event(id, source.id(), source.project(), type, at);
        if (subject != null) {
            event.put("subject", subject);
        }
        for (String path : NativeMapping.strings(m, "entity")) {
            JsonNode v = lookup.apply(path);
            if (v != null && v.isValueNode() && !v.asText().isBlank()) {
                String prefix = NativeMapping.string(m, "entityPrefix");
                event.put("entity", (prefix == null ? "" : prefix) + v.asText());
                break;
            }
        }
        for (String path : NativeMapping.strings(m, "value")) {
            Double v = NativeMapping.number(lookup.apply(path));
            if (v != null) {
                event.put("value", v);
                break;
            }
        }
        NativeMapping.attributes(event, NativeMapping.section(m, "attributes"), lookup);
        return event;
    }

    /** BigQuery's {@code event_params}: each value is whichever of the typed fields is present. */
    static Map<String, JsonNode> exportParams(JsonNode eventParams) {
        Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
        if (eventParams == null || !eventParams.isArray()) {
            return out;
        }
        for (JsonNode p : eventParams) {
            JsonNode key = p.get("key");
            JsonNode value = p.get("value");
            if (key == null || !key.isTextual() || value == null || !value.isObject()) {
                continue;
            }
            for (String typed : List.of("string_value", "int_value", "double_value", "float_value")) {
                JsonNode v = value.get(typed);
                if (v != null && !v.isNull()) {
                    out.put(key.asText(), typed.equals("int_value") && v.isTextual() ? numeric(v) : v);
                    break;
                }
            }
        }
        return out;
    }

    private static JsonNode numeric(JsonNode v) {
        try {
            return com.fasterxml.jackson.databind.node.LongNode.valueOf(Long.parseLong(v.asText()));
        } catch (NumberFormatException e) {
            return v;
        }
    }

    private static Instant micros(JsonNode v) {
        if (v == null) {
            return null;
        }
        try {
            long micros = v.isIntegralNumber() ? v.asLong() : Long.parseLong(v.asText());
            return micros <= 0 ? null : Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
