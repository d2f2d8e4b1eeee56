package io.pilotage.ingestion.adapter.splunk;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilotage.contracts.definition.SourceDefinition;
import io.pilotage.ingestion.adapter.NativeMapping;
import io.pilotage.ingestion.event.BoundedJsonReader;
import io.pilotage.ingestion.event.EventBodyReader;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splunk HTTP Event Collector compatibility: the HEC envelope {@code {time, host, source,
 * sourcetype, index, event, fields}} (several concatenated in one body for a batch) mapped to
 * canonical events, and HEC's own answers, so Splunk forwarders and HEC client libraries work
 * unchanged.
 *
 * <p>Mapping (paths into the envelope): {@code type} and {@code types} (native value → canonical
 * type), {@code id} (else a digest of the envelope), {@code entity} with {@code entityPrefix},
 * {@code subject}, {@code value}, {@code attributes} (name → path).
 *
 * <p>Splunk's raw endpoint ({@code /services/collector/raw}): each non-blank line of the body is one
 * event, made into the envelope {@code {event, host, source, sourcetype, index}} whose {@code event}
 * is the line's text, or the object when the line is a JSON object, and whose other fields come from
 * the request's query parameters; then mapped as any envelope.
 */
public final class HecAdapter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** HEC's response body: {@code {"text":"Success","code":0}}, and its error codes. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HecResponse(String text, int code,
                              @JsonProperty("invalid-event-number") Integer invalidEventNumber) {

        public static final HecResponse SUCCESS = new HecResponse("Success", 0, null);
        public static final HecResponse TOKEN_REQUIRED = new HecResponse("Token is required", 2, null);
        public static final HecResponse INVALID_AUTHORIZATION = new HecResponse("Invalid authorization", 3, null);
        public static final HecResponse INVALID_TOKEN = new HecResponse("Invalid token", 4, null);
        public static final HecResponse NO_DATA = new HecResponse("No data", 5, null);
        public static final HecResponse SERVER_BUSY = new HecResponse("Server is busy", 9, null);

        public static HecResponse invalidDataFormat(int eventNumber) {
            return new HecResponse("Invalid data format", 6, eventNumber);
        }

        public static HecResponse eventRequired(int eventNumber) {
            return new HecResponse("Event field is required", 12, eventNumber);
        }

        public static HecResponse eventBlank(int eventNumber) {
            return new HecResponse("Event field cannot be blank", 13, eventNumber);
        }

        /** The HTTP status HEC answers with this code. */
        public int httpStatus() {
            return switch (code) {
                case 0 -> 200;
                case 2, 3 -> 401;
                case 4 -> 403;
                case 9 -> 503;
                default -> 400;
            };
        }
    }

    private HecAdapter() {
    }

    /** The query parameters of the raw endpoint that go into each line's envelope, in envelope order. */
    public static final List<String> RAW_ENVELOPE_FIELDS = List.of("host", "source", "sourcetype", "index");

    /** A body's envelopes, or HEC's refusal of the body ({@code problem}, the envelopes then incomplete). */
    public record Raw(List<? extends JsonNode> envelopes, HecResponse problem) {
    }

    /**
     * The envelopes of a body of concatenated HEC envelopes, each checked ({@link #check}); the first
     * that is unreadable, past a reading limit or malformed is HEC's refusal of the whole body.
     */
    public static Raw envelopes(byte[] body, BoundedJsonReader json) {
        List<JsonNode> envelopes = new ArrayList<>();
        try {
            json.readConcatenated(body, (i, n) -> envelopes.add(n));
        } catch (BoundedJsonReader.MalformedBodyException | BoundedJsonReader.LimitExceededException e) {
            return new Raw(envelopes, HecResponse.invalidDataFormat(envelopes.size()));
        }
        for (int i = 0; i < envelopes.size(); i++) {
            HecResponse problem = check(envelopes.get(i), i);
            if (problem != null) {
                return new Raw(envelopes, problem);
            }
        }
        return new Raw(envelopes, null);
    }

    /**
     * The envelopes of a raw body: one per non-blank line (LF or CRLF), its {@code event} the line's
     * text or, when the line is a JSON object, that object (read within {@code json}'s limits; a line
     * that only looks like one stays text), with {@code fields} (host, source, sourcetype, index; null
     * or blank ones left out). A JSON line past a limit, or more lines than {@code maxItems}, is
     * invalid data format, numbered.
     */
    public static Raw rawEnvelopes(byte[] body, Map<String, String> fields, BoundedJsonReader json) {
        List<ObjectNode> envelopes = new ArrayList<>();
        try {
            BoundedJsonReader.forEachLine(body, (lineNo, start, end) -> envelopes.add(rawEnvelope(body, start, end,
                    envelopes.size(), fields, json)));
        } catch (BoundedJsonReader.LimitExceededException e) {
            return new Raw(envelopes, HecResponse.invalidDataFormat(envelopes.size()));
        }
        return new Raw(envelopes, null);
    }

    private static ObjectNode rawEnvelope(byte[] body, int start, int end, int index, Map<String, String> fields,
                                          BoundedJsonReader json) {
        if (index >= json.limits().maxItems()) {
            throw json.tooManyItems();
        }
        ObjectNode envelope = NODES.objectNode();
        JsonNode object = jsonObject(body, start, end, index, json);
        if (object != null) {
            envelope.set("event", object);
        } else {
            envelope.put("event", new String(body, start, end - start, StandardCharsets.UTF_8));
        }
        for (String field : RAW_ENVELOPE_FIELDS) {
            String v = fields.get(field);
            if (v != null && !v.isBlank()) {
                envelope.put(field, v);
            }
        }
        return envelope;
    }

    /** The line as a JSON object, or null when it is not one. */
    private static JsonNode jsonObject(byte[] body, int start, int end, int index, BoundedJsonReader json) {
        int from = start;
        int to = end;
        while (from < to && (body[from] == ' ' || body[from] == '\t')) {
            from++;
        }
        while (to > from && (body[to - 1] == ' ' || body[to - 1] == '\t')) {
            to--;
        }
        if (to - from < 2 || body[from] != '{' || body[to - 1] != '}') {
            return null;
        }
        try {
            JsonNode node = json.readItem(body, from, to - from, index);
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException | BoundedJsonReader.MalformedBodyException e) {
            return null;   // text that only looks like JSON
        }
    }

    /** HEC's envelope check for event {@code index}: null when it is well formed. */
    public static HecResponse check(JsonNode envelope, int index) {
        if (!envelope.isObject()) {
            return HecResponse.invalidDataFormat(index);
        }
        JsonNode event = envelope.get("event");
        if (event == null || event.isNull()) {
            return HecResponse.eventRequired(index);
        }
        if ((event.isTextual() && event.asText().isBlank()) || (event.isObject() && event.isEmpty())) {
            return HecResponse.eventBlank(index);
        }
        JsonNode time = envelope.get("time");
        if (time != null && !time.isNull() && epochSeconds(time) == null) {
            return HecResponse.invalidDataFormat(index);
        }
        return null;
    }

    /**
     * The intake's item for a well-formed envelope: its canonical event or, when the mapping finds no
     * type in it (a raw text line, an envelope without the mapped field), the envelope itself refused
     * on {@code type}, so the quarantine keeps what was sent rather than an event without a type.
     */
    public static EventBodyReader.Item item(SourceDefinition source, JsonNode envelope, Instant receivedAt) {
        ObjectNode event = map(source, envelope, receivedAt);
        if (event.has("type")) {
            return new EventBodyReader.Item(event, null);
        }
        String typePath = NativeMapping.string(source.mapping(), "type");
        return new EventBodyReader.Item(envelope, typePath == null
                ? "is required: the source's mapping names no type path"
                : "is required: the mapping's type path " + typePath + " is not in the envelope", "type");
    }

    /** The canonical event of a well-formed envelope. */
    public static ObjectNode map(SourceDefinition source, JsonNode envelope, Instant receivedAt) {
        Map<String, Object> m = source.mapping();
        Instant at = envelope.has("time") && !envelope.get("time").isNull() ? epochSeconds(envelope.get("time")) : receivedAt;
        JsonNode nativeType = path(envelope, NativeMapping.string(m, "type"));
        Map<String, Object> types = NativeMapping.section(m, "types");
        String type = nativeType == null ? null
                : types.containsKey(nativeType.asText()) ? String.valueOf(types.get(nativeType.asText())) : nativeType.asText();
        JsonNode nativeId = path(envelope, NativeMapping.string(m, "id"));
        String id = source.id() + ":" + (nativeId != null && nativeId.isValueNode() ? nativeId.asText()
                : NativeMapping.digest(envelope.toString()));
        ObjectNode event = NativeMapping.event(id, source.id(), source.project(), type, at);
        JsonNode entity = path(envelope, NativeMapping.string(m, "entity"));
        if (entity != null && entity.isValueNode()) {
            String prefix = NativeMapping.string(m, "entityPrefix");
            event.put("entity", (prefix == null ? "" : prefix) + entity.asText());
        }
        JsonNode subject = path(envelope, NativeMapping.string(m, "subject"));
        if (subject != null && subject.isValueNode()) {
            event.put("subject", subject.asText());
        }
        Double value = NativeMapping.number(path(envelope, NativeMapping.string(m, "value")));
        if (value != null) {
            event.put("value", value);
        }
        NativeMapping.attributes(event, NativeMapping.section(m, "attributes"), p -> NativeMapping.at(envelope, p));
        return event;
    }

    private static JsonNode path(JsonNode envelope, String path) {
        return path == null ? null : NativeMapping.at(envelope, path);
    }

    /** HEC's {@code time}: epoch seconds, a number or a numeric string, with optional fraction. */
    static Instant epochSeconds(JsonNode time) {
        try {
            BigDecimal seconds = time.isNumber() ? time.decimalValue() : new BigDecimal(time.asText());
            if (seconds.signum() <= 0 || seconds.compareTo(BigDecimal.valueOf(32_503_680_000L)) > 0) {
                return null;
            }
            long whole = seconds.longValue();
            long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
            return Instant.ofEpochSecond(whole, nanos);
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }
}
