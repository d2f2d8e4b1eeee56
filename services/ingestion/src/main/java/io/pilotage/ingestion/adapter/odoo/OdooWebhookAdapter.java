package io.pilotage.ingestion.adapter.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilotage.contracts.definition.SourceDefinition;
import io.pilotage.ingestion.adapter.NativeMapping;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Odoo's "Send Webhook Notification" (server action): {@code {"_action": "<name>(#<id>)", "_id",
 * "_model", ...selected fields, "id"}}, fields as {@code read(load=None)} gives them (many2one a bare
 * id, x2many a list of ids, datetime {@code "YYYY-MM-DD HH:MM:SS"} UTC without zone, empty
 * {@code false}). Current values only, no event id, no signature, never retried.
 *
 * <p>Transitions are derived from the last known state of the record (kept by the caller): on
 * first sight the model's {@code created} type (when configured; at {@code create_date}); whenever
 * the state differs from the last known one and the new state is mapped, that state's type (at
 * {@code write_date}). Ids are deterministic, {@code <source>:<model>:<id>:<state>:<write_date>}
 * (DESIGN §2.1), so a repeated notification is a duplicate.
 *
 * <p>Mapping, per model under {@code models.<model>}: {@code entity} (prefix, default the model),
 * {@code stateField} (default {@code state}), {@code created}, {@code initialState},
 * {@code states} (state → type), {@code value} (field), {@code attributes} (name → field),
 * {@code booleanFields} (fields whose {@code false} is a value, not Odoo's "empty").
 */
public final class OdooWebhookAdapter {

    private static final DateTimeFormatter ODOO_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** A notification that cannot be read; {@code field} names what is wrong. */
    public static final class InvalidNotification extends RuntimeException {
        private final String field;

        public InvalidNotification(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** The essentials of one notification. {@code state} is null when the model has none or it is empty. */
    public record Notification(String model, long recordId, String state, Instant writtenAt, String writeDate,
                               Instant createdAt, JsonNode fields) {
    }

    /** What the notification yields: the events, and the state to remember for the record. */
    public record Derived(List<ObjectNode> events, String state, String writeDate) {
    }

    private OdooWebhookAdapter() {
    }

    public static Notification parse(JsonNode body, SourceDefinition source) {
        if (body == null || !body.isObject()) {
            throw new InvalidNotification("(body)", "must be an Odoo webhook notification object");
        }
        String[] unstorable = io.pilotage.ingestion.event.StoredText.firstProblem(body, "");
        if (unstorable != null) {
            throw new InvalidNotification(unstorable[0], unstorable[1]);
        }
        JsonNode model = body.get("_model");
        if (model == null || !model.isTextual() || model.asText().isBlank()) {
            throw new InvalidNotification("_model", "is required (the notification's model, e.g. account.move)");
        }
        JsonNode id = body.has("_id") ? body.get("_id") : body.get("id");
        if (id == null || !id.canConvertToLong() || !id.isIntegralNumber()) {
            throw new InvalidNotification("_id", "is required: the record's integer id");
        }
        Map<String, Object> modelMapping = modelMapping(source, model.asText());
        String stateField = NativeMapping.string(modelMapping, "stateField");
        JsonNode state = NativeMapping.at(body, stateField == null ? "state" : stateField);
        if (state != null && !state.isTextual() && !(state.isBoolean() && !state.asBoolean())) {
            throw new InvalidNotification(stateField == null ? "state" : stateField, "must be a selection value (a string)");
        }
        String writeDate = text(body, "write_date");
        return new Notification(model.asText(), id.asLong(), state != null && state.isTextual() ? state.asText() : null,
                datetime(writeDate, "write_date"), writeDate, datetime(text(body, "create_date"), "create_date"), body);
    }

    /** The events of a notification given the record's last known state ({@code null}: never seen). */
    public static Derived derive(SourceDefinition source, Notification n, String lastState, boolean seenBefore,
                                 Instant receivedAt) {
        Map<String, Object> m = modelMapping(source, n.model());
        String entity = (NativeMapping.string(m, "entity") == null ? n.model() : NativeMapping.string(m, "entity"))
                + "/" + n.recordId();
        Instant changedAt = n.writtenAt() != null ? n.writtenAt() : receivedAt;
        String base = source.id() + ":" + n.model() + ":" + n.recordId() + ":";
        List<ObjectNode> events = new ArrayList<>(2);
        String created = NativeMapping.string(m, "created");
        if (!seenBefore && created != null) {
            Instant at = n.createdAt() != null ? n.createdAt() : changedAt;
            events.add(fill(NativeMapping.event(base + "created", source.id(), source.project(), created, at), m, n, entity));
        }
        Map<String, Object> states = NativeMapping.section(m, "states");
        String initial = NativeMapping.string(m, "initialState");
        boolean changed = seenBefore ? n.state() != null && !n.state().equals(lastState)
                : n.state() != null && !n.state().equals(initial);
        if (changed && states.containsKey(n.state())) {
            String id = base + n.state() + ":" + changedAt;
            events.add(fill(NativeMapping.event(id, source.id(), source.project(), String.valueOf(states.get(n.state())),
                    changedAt), m, n, entity));
        }
        return new Derived(events, n.state(), n.writeDate());
    }

    private static ObjectNode fill(ObjectNode event, Map<String, Object> m, Notification n, String entity) {
        event.put("entity", entity);
        String valueField = NativeMapping.string(m, "value");
        if (valueField != null) {
            JsonNode v = NativeMapping.at(n.fields(), valueField);
            if (v != null && !(v.isBoolean() && !v.asBoolean())) {
                event.set("value", v); // anything but a number is named by validation, never silently dropped
            }
        }
        List<String> booleans = NativeMapping.strings(m, "booleanFields");
        NativeMapping.attributes(event, NativeMapping.section(m, "attributes"), path -> {
            JsonNode v = NativeMapping.at(n.fields(), path);
            // Odoo writes an empty field as false: left out, except for the fields the mapping says are booleans
            return v != null && v.isBoolean() && !v.asBoolean() && !booleans.contains(path) ? null : v;
        });
        return event;
    }

    private static Map<String, Object> modelMapping(SourceDefinition source, String model) {
        Map<String, Object> models = NativeMapping.section(source.mapping(), "models");
        if (!models.containsKey(model)) {
            throw new InvalidNotification("_model", model + " is not a model configured for source " + source.id()
                    + " (configured: " + models.keySet() + ")");
        }
        return NativeMapping.section(models, model);
    }

    /** A datetime field: a string, or absent / Odoo's empty {@code false}; anything else is named. */
    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull() || (v.isBoolean() && !v.asBoolean())) {
            return null;
        }
        if (!v.isTextual()) {
            throw new InvalidNotification(field, "must be an Odoo datetime \"YYYY-MM-DD HH:MM:SS\" (UTC)");
        }
        return v.asText();
    }

    private static Instant datetime(String text, String field) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(text, ODOO_DATETIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new InvalidNotification(field, "must be an Odoo datetime \"YYYY-MM-DD HH:MM:SS\" (UTC)");
        }
    }
}
