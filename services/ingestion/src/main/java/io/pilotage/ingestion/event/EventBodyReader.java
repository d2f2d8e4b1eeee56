package io.pilotage.ingestion.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilotage.ingestion.event.BoundedJsonReader.MalformedBodyException;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a {@code POST /events} body into items: one JSON object (a single event), a JSON array
 * (a batch), or NDJSON (one event per line, blank lines ignored), reading through a
 * {@link BoundedJsonReader} so every limit is checked while reading. A malformed JSON document is a
 * {@link MalformedBodyException} with the line and column; in NDJSON a malformed line is only that
 * item's problem, reported as an item with a parse error.
 */
public final class EventBodyReader {

    /** The parsed body. {@code batch} is false only for a single JSON object. */
    public record Body(boolean batch, List<Item> items) {
    }

    /**
     * One item: the parsed value, or why it cannot be an event ({@code parseError}, reported under
     * {@code errorField}, or under the item's index when null). An adapter that cannot map a native
     * record sets both {@code node} (the native record, kept in quarantine) and {@code parseError}.
     * {@code plain}: read from bytes of printable ASCII without a backslash, so every string in it is
     * storable ({@link BoundedJsonReader#plain}) and the validator need not look at each character.
     * {@code errorRule}: the rule the rejection names for a parse error ({@code unmapped_model}), null
     * for the rule derived from the message, as for every other reason.
     */
    public record Item(JsonNode node, String parseError, String errorField, boolean plain, String errorRule) {
        public Item(JsonNode node, String parseError, String errorField, boolean plain) {
            this(node, parseError, errorField, plain, null);
        }

        public Item(JsonNode node, String parseError, String errorField) {
            this(node, parseError, errorField, false);
        }

        public Item(JsonNode node, String parseError) {
            this(node, parseError, null, false);
        }
    }

    private final BoundedJsonReader json;
    private final PlainJsonReader plainReader;

    public EventBodyReader(BoundedJsonReader json) {
        this.json = json;
        this.plainReader = new PlainJsonReader(json.limits());
    }

    public BoundedJsonReader json() {
        return json;
    }

    /** By the {@link PlainJsonReader} when it reads the whole body, else by the general parser. */
    public Body readJson(byte[] body) {
        List<Item> items = new ArrayList<>();
        PlainJsonReader.Shape shape = plainReader.readDocument(body, node -> items.add(new Item(node, null, null, true)));
        if (shape != PlainJsonReader.Shape.NOT_READ) {
            return new Body(shape == PlainJsonReader.Shape.ARRAY, items);
        }
        return readJsonByParser(body);
    }

    /** By the general parser alone. */
    Body readJsonByParser(byte[] body) {
        List<Item> items = new ArrayList<>();
        boolean plain = BoundedJsonReader.plain(body, 0, body.length);
        boolean array = json.readDocument(body, 0, body.length, (i, node) -> items.add(new Item(node, null, null, plain)));
        if (array && items.isEmpty()) {
            throw new MalformedBodyException("the array is empty: send at least one event");
        }
        return new Body(array, items);
    }

    /**
     * Three ways, each giving what the next would: line by line with the {@link PlainJsonReader}
     * (a line it does not read by the general parser); if some line is a problem (malformed, a limit
     * crossed), with one general parser for the body ({@link BoundedJsonReader#readLines}); if that
     * gives up too, line by line, each problem reported on its line.
     */
    public Body readNdjson(byte[] body) {
        List<Item> read = new ArrayList<>(Math.min(json.limits().maxItems(), body.length / 256 + 16));
        if (readPlainLines(body, read)) {
            return new Body(true, read);
        }
        read.clear();
        if (json.readLines(body, (i, node, start, end) -> read.add(new Item(node, null, null, BoundedJsonReader.plain(body, start, end))))
                && !read.isEmpty()) {
            return new Body(true, read);
        }
        return readNdjsonByLine(body);
    }

    /**
     * Every line of an NDJSON body, when each non-blank one holds one well-formed value within the
     * limits: a plain object by the {@link PlainJsonReader}, anything else by the general parser.
     * False as soon as some line is not so, or when there is no line.
     */
    private boolean readPlainLines(byte[] body, List<Item> read) {
        PlainJsonReader.Cursor cursor = new PlainJsonReader.Cursor();
        int at = 0;
        while (at < body.length) {
            int from = at;
            while (from < body.length && (body[from] == ' ' || body[from] == '\t')) {
                from++;
            }
            if (from == body.length) {
                break;
            }
            if (body[from] == '\n' || (body[from] == '\r' && (from + 1 == body.length || body[from + 1] == '\n'))) {
                at = body[from] == '\n' ? from + 1 : from + 2;   // a blank line
                continue;
            }
            if (read.size() >= json.limits().maxItems()) {
                return false;
            }
            ObjectNode node = plainReader.readLine(body, from, cursor);
            if (node != null) {
                read.add(new Item(node, null, null, true));
                at = cursor.at;
                continue;
            }
            int next = from;
            while (next < body.length && body[next] != '\n') {
                next++;
            }
            int end = next > at && body[next - 1] == '\r' ? next - 1 : next;
            try {
                JsonNode other = json.readItem(body, at, end - at, read.size());
                if (other == null) {
                    return false;
                }
                read.add(new Item(other, null, null, BoundedJsonReader.plain(body, at, end)));
            } catch (JsonProcessingException | RuntimeException e) {
                return false;
            }
            at = next + 1;
        }
        return !read.isEmpty();
    }

    /** Line by line: a malformed line or a limit crossed is that line's problem, reported with its number. */
    Body readNdjsonByLine(byte[] body) {
        List<Item> items = new ArrayList<>();
        BoundedJsonReader.forEachLine(body, (lineNo, start, end) -> {
            if (items.size() >= json.limits().maxItems()) {
                throw json.tooManyItems();
            }
            try {
                JsonNode node = json.readItem(body, start, end - start, items.size());
                items.add(new Item(node, null, null, BoundedJsonReader.plain(body, start, end)));
            } catch (JsonProcessingException e) {
                items.add(new Item(null, "line " + lineNo + " is malformed JSON"
                        + BoundedJsonReader.where(e.getLocation()) + ": " + e.getOriginalMessage()));
            } catch (MalformedBodyException e) {
                items.add(new Item(null, "line " + lineNo + ": " + e.getMessage()));
            }
        });
        if (items.isEmpty()) {
            throw new MalformedBodyException("the body is empty: send one event per line");
        }
        return new Body(true, items);
    }
}
