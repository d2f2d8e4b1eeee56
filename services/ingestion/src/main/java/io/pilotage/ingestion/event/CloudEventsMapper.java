package io.pilotage.ingestion.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.format.EventDeserializationException;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.jackson.JsonFormat;
import io.pilotage.ingestion.event.EventBodyReader.Item;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;

/**
 * CloudEvents (structured JSON mode, one event or a batch) to canonical events, read with the
 * CloudEvents Java SDK after the body passed the {@link BoundedJsonReader} limits:
 * <ul>
 *   <li>{@code id} → {@code id}; {@code source} → {@code source} (its last path segment when it is
 *       a URI such as {@code /sources/odoo-prod}); {@code type} → {@code type};
 *       {@code time} → {@code occurredAt}; {@code subject} (the resource the event is about) →
 *       {@code entity};</li>
 *   <li>{@code data} (JSON) may carry {@code project}, {@code entity}, {@code subject} (a person),
 *       {@code value} and {@code attributes}; the extension attribute {@code project} also names the
 *       project.</li>
 * </ul>
 * A CloudEvent the SDK refuses (missing {@code specversion}, {@code id}, {@code source},
 * {@code type}) is an item rejected with the SDK's reason.
 */
public final class CloudEventsMapper {

    public static final String STRUCTURED = "application/cloudevents+json";
    public static final String BATCH = "application/cloudevents-batch+json";

    private static final EventFormat FORMAT = new JsonFormat();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final BoundedJsonReader json;

    public CloudEventsMapper(BoundedJsonReader json) {
        this.json = json;
    }

    /** One CloudEvent already read (within limits) as JSON. */
    public Item map(JsonNode ce) {
        if (!ce.isObject()) {
            return new Item(ce, "must be a CloudEvent JSON object", null);
        }
        // the SDK would re-encode an unpaired surrogate as '?': refuse what cannot be stored before it sees it
        String[] unstorable = StoredText.firstProblem(ce, "");
        if (unstorable != null) {
            return new Item(ce, unstorable[1], unstorable[0]);
        }
        CloudEvent event;
        try {
            event = FORMAT.deserialize(ce.toString().getBytes(StandardCharsets.UTF_8));
        } catch (EventDeserializationException | IllegalArgumentException | IllegalStateException e) {
            return new Item(ce, "is not a valid CloudEvent: " + rootMessage(e), "(cloudevent)");
        }
        ObjectNode out = NODES.objectNode();
        out.put("id", event.getId());
        out.put("source", sourceId(event.getSource()));
        out.put("type", event.getType());
        if (event.getTime() != null) {
            out.put("occurredAt", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(event.getTime()));
        }
        if (event.getSubject() != null) {
            out.put("entity", event.getSubject());
        }
        Object project = event.getExtension("project");
        if (project != null) {
            out.put("project", project.toString());
        }
        if (event.getData() != null) {
            byte[] data = event.getData().toBytes();
            JsonNode d;
            try {
                d = json.readOne(data, 0, data.length, "data");
            } catch (JsonProcessingException | BoundedJsonReader.MalformedBodyException e) {
                return new Item(ce, "must be JSON (" + e.getMessage() + ")", "data");
            }
            if (d != null && d.isObject()) {
                for (String field : new String[] {"project", "entity", "subject", "value", "attributes"}) {
                    if (d.has(field)) {
                        out.set(field, d.get(field));
                    }
                }
            } else if (d != null) {
                return new Item(ce, "must be a JSON object of canonical fields", "data");
            }
        }
        return new Item(out, null);
    }

    static String sourceId(URI source) {
        String s = source.toString();
        int slash = s.lastIndexOf('/');
        return slash >= 0 && slash < s.length() - 1 ? s.substring(slash + 1) : s;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
