package io.pilotage.ingestion.adapter.qradar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilotage.contracts.definition.SourceDefinition;
import io.pilotage.ingestion.adapter.NativeMapping;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * QRadar offenses (the {@code /api/siem/offenses} JSON: {@code id}, {@code status}
 * OPEN/HIDDEN/CLOSED, {@code start_time}, {@code first_persisted_time}, {@code close_time} in epoch
 * ms, {@code closing_reason_id}, {@code severity}, {@code magnitude}, {@code assigned_to}, ...) to
 * incident events (DESIGN §3.2):
 * {@code incident.started} at {@code start_time}, {@code incident.detected} at
 * {@code first_persisted_time}, and once CLOSED {@code incident.resolved} and
 * {@code incident.closed} at {@code close_time}, {@code closed} carrying {@code false_positive}
 * ({@code closing_reason_id} in the mapping's {@code falsePositiveClosingReasons}).
 *
 * <p>Ids are {@code <source>:offense:<id>:<type>}: the same offense sent again as it evolves
 * yields only its new events, the others are duplicates. Mapping: {@code attributes}
 * (name → offense field), {@code falsePositiveClosingReasons}.
 */
public final class QRadarOffenseAdapter {

    /** One offense as mapped: its events, or why it cannot be mapped ({@code field}, {@code problem}). */
    public record Mapped(JsonNode offense, List<ObjectNode> events, String field, String problem) {
    }

    /** The offense statuses QRadar sends. */
    static final List<String> STATUSES = List.of("OPEN", "HIDDEN", "CLOSED");

    private QRadarOffenseAdapter() {
    }

    /** The offenses of a body: one offense object or an array of them. */
    public static List<JsonNode> offenses(JsonNode body) {
        List<JsonNode> out = new ArrayList<>();
        if (body.isArray()) {
            body.forEach(out::add);
        } else {
            out.add(body);
        }
        return out;
    }

    public static Mapped map(SourceDefinition source, JsonNode offense) {
        if (!offense.isObject()) {
            return new Mapped(offense, List.of(), "(offense)", "must be a QRadar offense object");
        }
        JsonNode id = offense.get("id");
        if (id == null || !id.isIntegralNumber()) {
            return new Mapped(offense, List.of(), "id", "is required: the offense's integer id");
        }
        Instant start = epochMillis(offense, "start_time");
        if (start == null) {
            return new Mapped(offense, List.of(), "start_time", "is required: epoch milliseconds");
        }
        JsonNode status = offense.get("status");
        if (status == null || !status.isTextual() || !STATUSES.contains(status.asText())) {
            return new Mapped(offense, List.of(), "status", "is required: one of " + STATUSES);
        }
        JsonNode severity = offense.get("severity");
        if (severity == null || !severity.isNumber() || severity.asDouble() < 0 || severity.asDouble() > 10) {
            return new Mapped(offense, List.of(), "severity", "is required: QRadar's severity, a number from 0 to 10");
        }
        for (String field : List.of("first_persisted_time", "close_time")) {
            JsonNode v = offense.get(field);
            if (v != null && !v.isNull() && epochMillis(offense, field) == null) {
                return new Mapped(offense, List.of(), field, "must be epoch milliseconds or null");
            }
        }
        if ("CLOSED".equals(status.asText()) && epochMillis(offense, "close_time") == null) {
            return new Mapped(offense, List.of(), "close_time", "is required when the offense is CLOSED: epoch milliseconds");
        }
        String base = source.id() + ":offense:" + id.asLong() + ":";
        String entity = "offense/" + id.asLong();
        List<ObjectNode> events = new ArrayList<>(4);
        events.add(event(source, offense, base, entity, "incident.started", start));
        Instant detected = epochMillis(offense, "first_persisted_time");
        if (detected != null) {
            events.add(event(source, offense, base, entity, "incident.detected", detected));
        }
        Instant closed = epochMillis(offense, "close_time");
        if ("CLOSED".equals(status.asText())) {
            events.add(event(source, offense, base, entity, "incident.resolved", closed));
            ObjectNode close = event(source, offense, base, entity, "incident.closed", closed);
            ((ObjectNode) close.get("attributes")).put("false_positive", falsePositive(source, offense));
            JsonNode reason = offense.get("closing_reason_id");
            if (reason != null && reason.isIntegralNumber()) {
                ((ObjectNode) close.get("attributes")).put("closing_reason_id", reason.asLong());
            }
            events.add(close);
        }
        return new Mapped(offense, events, null, null);
    }

    private static boolean falsePositive(SourceDefinition source, JsonNode offense) {
        JsonNode reason = offense.get("closing_reason_id");
        return reason != null && !reason.isNull()
                && NativeMapping.strings(source.mapping(), "falsePositiveClosingReasons").contains(reason.asText());
    }

    private static ObjectNode event(SourceDefinition source, JsonNode offense, String base, String entity, String type,
                                    Instant at) {
        ObjectNode e = NativeMapping.event(base + type, source.id(), source.project(), type, at);
        e.put("entity", entity);
        Map<String, Object> attributes = NativeMapping.section(source.mapping(), "attributes");
        NativeMapping.attributes(e, attributes, path -> NativeMapping.at(offense, path));
        if (!e.has("attributes")) {
            e.putObject("attributes");
        }
        JsonNode magnitude = offense.get("magnitude");
        if (magnitude != null && magnitude.isNumber()) {
            e.put("value", magnitude.asDouble());
        }
        return e;
    }

    private static Instant epochMillis(JsonNode offense, String field) {
        JsonNode v = offense.get(field);
        if (v == null || !v.isIntegralNumber() || v.asLong() <= 0) {
            return null;
        }
        return Instant.ofEpochMilli(v.asLong());
    }
}
