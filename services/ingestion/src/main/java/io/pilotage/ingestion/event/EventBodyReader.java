package io.pilotage.ingestion.event;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a {@code POST /events} body into items: one JSON object (a single event), a JSON array
 * (a batch), or NDJSON (one event per line, blank lines ignored). A malformed JSON document is a
 * {@link MalformedBodyException} with the line and column; in NDJSON a malformed line is only that
 * item's problem, reported as an item that is not an object.
 */
public final class EventBodyReader {

    /** The parsed body. {@code batch} is false only for a single JSON object. */
    public record Body(boolean batch, List<Item> items) {
    }

    /** One item: the parsed value, or the parse error of an NDJSON line. */
    public record Item(JsonNode node, String parseError) {
    }

    /** The body is not valid JSON; {@code detail} says where. */
    public static final class MalformedBodyException extends RuntimeException {
        public MalformedBodyException(String detail) {
            super(detail);
        }
    }

    private final ObjectMapper mapper;
    private final int maxItems;

    public EventBodyReader(ObjectMapper mapper, int maxItems) {
        this.mapper = mapper;
        this.maxItems = maxItems;
    }

    public Body readJson(byte[] body) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new MalformedBodyException("malformed JSON" + where(e.getLocation()) + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedBodyException("unreadable body: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new MalformedBodyException("the body is empty: send one event, an array of events or NDJSON");
        }
        if (root.isArray()) {
            ArrayNode array = (ArrayNode) root;
            checkSize(array.size());
            List<Item> items = new ArrayList<>(array.size());
            array.forEach(n -> items.add(new Item(n, null)));
            return new Body(true, items);
        }
        return new Body(false, List.of(new Item(root, null)));
    }

    public Body readNdjson(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        List<Item> items = new ArrayList<>();
        int lineNo = 0;
        for (String line : text.split("\r?\n")) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            checkSize(items.size() + 1);
            try {
                items.add(new Item(mapper.readTree(line), null));
            } catch (JsonProcessingException e) {
                items.add(new Item(null, "line " + lineNo + " is malformed JSON" + where(e.getLocation())
                        + ": " + e.getOriginalMessage()));
            }
        }
        if (items.isEmpty()) {
            throw new MalformedBodyException("the body is empty: send one event per line");
        }
        return new Body(true, items);
    }

    private void checkSize(int size) {
        if (size > maxItems) {
            throw new BatchTooLargeException(maxItems);
        }
    }

    /** More items than one request may carry. */
    public static final class BatchTooLargeException extends RuntimeException {
        public BatchTooLargeException(int maxItems) {
            super("a batch carries at most " + maxItems + " events; split it");
        }
    }

    private static String where(JsonLocation location) {
        return location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
