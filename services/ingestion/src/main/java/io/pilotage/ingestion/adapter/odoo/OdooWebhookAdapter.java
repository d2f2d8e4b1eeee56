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
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Odoo's "Send Webhook Notification" (server action): {@code {"_action": "<name>(#<id>)", "_id",
 * "_model", ...selected fields, "id"}}, fields as {@code read(load=None)} gives them (many2one a bare
 * id, x2many a list of ids, datetime {@code "YYYY-MM-DD HH:MM:SS"} UTC without zone, empty
 * {@code false}). Current values only, no event id, no signature, never retried.
 *
 * <p>Transitions are derived from the last known state of the record (kept by the caller): on
 * first sight the model's {@code created} type (when configured; at {@code create_date}); whenever
 * the state differs from the last known one and the new state is mapped, that state's types (at
 * {@code write_date}), unless the last known state maps to the same types (a payment going from
 * {@code in_payment} to {@code paid} is paid once). The other selection fields under {@code tracked}
 * (e.g. an invoice's {@code payment_state}) are followed the same way, each with its own last known
 * value. Ids are deterministic, {@code <source>:<model>:<id>:<state>:<write_date>} (a tracked field:
 * {@code ...:<id>:<field>=<value>:<write_date>}; a state of several types: the second and next end
 * with {@code :<type>}), so a repeated notification is a duplicate.
 *
 * <p>Mapping, per model under {@code models.<model>}: {@code entity} (prefix, default the model),
 * {@code stateField} (default {@code state}), {@code created}, {@code initialState},
 * {@code states} (state → type, or a list of types), {@code tracked} (field → value → type(s)),
 * {@code value} (field), {@code attributes} (name → field), {@code booleanFields} (fields whose
 * {@code false} is a value, not Odoo's "empty"). A model the source does not map is an
 * {@link InvalidNotification} of rule {@value #UNMAPPED_MODEL}.
 */
public final class OdooWebhookAdapter {

    private static final DateTimeFormatter ODOO_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** The rule of a notification for a model the source does not map. */
    public static final String UNMAPPED_MODEL = "unmapped_model";

    /** A notification that cannot be read; {@code field} names what is wrong, {@code rule} (may be null) which rule. */
    public static final class InvalidNotification extends RuntimeException {
        private final String field;
        private final String rule;

        public InvalidNotification(String field, String message) {
            this(field, null, message);
        }

        public InvalidNotification(String field, String rule, String message) {
            super(message);
            this.field = field;
            this.rule = rule;
        }

        public String field() {
            return field;
        }

        public String rule() {
            return rule;
        }

        /** Whether the notification is of a model the source does not map (kept, not refused). */
        public boolean unmappedModel() {
            return UNMAPPED_MODEL.equals(rule);
        }
    }

    /**
     * The essentials of one notification. {@code state} is null when the model has none or it is
     * empty; {@code tracked} holds the tracked fields the notification carries a value for.
     */
    public record Notification(String model, long recordId, String state, Instant writtenAt, String writeDate,
                               Instant createdAt, JsonNode fields, Map<String, String> tracked) {
        public Notification {
            tracked = Map.copyOf(tracked);
        }
    }

    /**
     * What the notification yields: the events, and what to remember for the record: its state, and
     * the last known value of each tracked field (a field the notification does not carry keeps the
     * value known before).
     */
    public record Derived(List<ObjectNode> events, String state, String writeDate, Map<String, String> tracked) {
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
        Map<String, String> tracked = new TreeMap<>();
        for (String field : NativeMapping.section(modelMapping, "tracked").keySet()) {
            JsonNode v = NativeMapping.at(body, field);
            if (v != null && !v.isTextual() && !(v.isBoolean() && !v.asBoolean())) {
                throw new InvalidNotification(field, "must be a selection value (a string)");
            }
            if (v != null && v.isTextual()) {
                tracked.put(field, v.asText());
            }
        }
        String writeDate = text(body, "write_date");
        return new Notification(model.asText(), id.asLong(), state != null && state.isTextual() ? state.asText() : null,
                datetime(writeDate, "write_date"), writeDate, datetime(text(body, "create_date"), "create_date"), body,
                tracked);
    }

    /** The events of a notification given the record's last known state ({@code null}: never seen), no tracked field known. */
    public static Derived derive(SourceDefinition source, Notification n, String lastState, boolean seenBefore,
                                 Instant receivedAt) {
        return derive(source, n, lastState, Map.of(), seenBefore, receivedAt);
    }

    /**
     * The events of a notification given the record's last known state ({@code null}: never seen)
     * and the last known values of its tracked fields.
     */
    public static Derived derive(SourceDefinition source, Notification n, String lastState, Map<String, String> lastTracked,
                                 boolean seenBefore, Instant receivedAt) {
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
        String initial = NativeMapping.string(m, "initialState");
        transition(events, source, m, n, entity, NativeMapping.section(m, "states"), n.state(),
                seenBefore ? lastState : initial, base + n.state() + ":" + changedAt, changedAt);
        Map<String, String> tracked = new TreeMap<>(lastTracked);
        Map<String, Object> trackedMapping = NativeMapping.section(m, "tracked");
        for (Map.Entry<String, String> f : n.tracked().entrySet()) {
            transition(events, source, m, n, entity, NativeMapping.section(trackedMapping, f.getKey()), f.getValue(),
                    lastTracked.get(f.getKey()), base + f.getKey() + "=" + f.getValue() + ":" + changedAt, changedAt);
            tracked.put(f.getKey(), f.getValue());
        }
        return new Derived(events, n.state(), n.writeDate(), tracked);
    }

    /**
     * The events of a field entering {@code value} from {@code last}: the value's types, when it is
     * mapped, differs from {@code last} and {@code last} does not map to the same types.
     */
    private static void transition(List<ObjectNode> events, SourceDefinition source, Map<String, Object> m,
                                   Notification n, String entity, Map<String, Object> values, String value, String last,
                                   String id, Instant at) {
        if (value == null || value.equals(last) || !values.containsKey(value)) {
            return;
        }
        List<String> types = NativeMapping.strings(values, value);
        if (last != null && values.containsKey(last) && NativeMapping.strings(values, last).equals(types)) {
            return;
        }
        for (int i = 0; i < types.size(); i++) {
            String type = types.get(i);
            events.add(fill(NativeMapping.event(i == 0 ? id : id + ":" + type, source.id(), source.project(), type, at),
                    m, n, entity));
        }
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
            throw new InvalidNotification("_model", UNMAPPED_MODEL, model + " is not a model configured for source "
                    + source.id() + " (configured: " + new TreeSet<>(models.keySet()) + ")");
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
