package io.pilotage.ingestion.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilotage.contracts.AsciiScan;

import java.io.IOException;

/**
 * Reads JSON token by token and builds each item's tree itself, checking the limits while it reads
 * (DESIGN §2.3, "bounded input"): nesting depth, length of every string and field name, members per
 * object or array, and items per request. A body that breaks a limit is refused as soon as the limit
 * is crossed, before the rest is read, so a 10 MB {@code [{},{},...]} costs at most
 * {@code maxItems} small trees, never the whole body as objects.
 */
public final class BoundedJsonReader {

    /**
     * @param maxItems        items per request (array elements, NDJSON lines, CSV rows)
     * @param maxDepth        nesting depth of one item (the item's own object is depth 1)
     * @param maxStringLength characters of any string value or field name
     * @param maxMembers      members of any one object (attributes) or elements of a nested array
     */
    public record Limits(int maxItems, int maxDepth, int maxStringLength, int maxMembers) {
        public static final Limits DEFAULT = new Limits(10_000, 8, 8_192, 256);
    }

    /** A limit was crossed: {@code limit} names it, {@code field} says where, {@code status} is 413 or 400. */
    public static final class LimitExceededException extends RuntimeException {
        private final String limit;
        private final String field;
        private final int status;

        public LimitExceededException(String limit, String field, int status, String detail) {
            super(detail);
            this.limit = limit;
            this.field = field;
            this.status = status;
        }

        public String limit() {
            return limit;
        }

        public String field() {
            return field;
        }

        public int status() {
            return status;
        }
    }

    /** The body is not valid JSON; {@code detail} says where. */
    public static final class MalformedBodyException extends RuntimeException {
        public MalformedBodyException(String detail) {
            super(detail);
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(false);

    private final JsonFactory factory;
    private final Limits limits;

    public BoundedJsonReader(Limits limits) {
        this.limits = limits;
        this.factory = JsonFactory.builder()
                // Jackson's own guards, a notch above ours so ours (which name the field) answer first
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxDepth() + 2)
                        .maxStringLength(Math.max(limits.maxStringLength() * 4, 1_000))
                        .maxNumberLength(100)
                        .build())
                .build();
    }

    public Limits limits() {
        return limits;
    }

    /**
     * Reads a JSON document that is one object (handed to {@code single}) or an array of items (each
     * handed to {@code item} with its index, as soon as it is read).
     *
     * @return true when the body was an array
     */
    public boolean readDocument(byte[] body, int offset, int length, ItemSink sink) {
        try (JsonParser p = factory.createParser(body, offset, length)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new MalformedBodyException("the body is empty: send one event, an array of events or NDJSON");
            }
            boolean array = t == JsonToken.START_ARRAY;
            if (array) {
                int index = 0;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (t == null) {
                        throw new MalformedBodyException("malformed JSON: the array is not closed");
                    }
                    if (index >= limits.maxItems()) {
                        throw tooManyItems();
                    }
                    sink.accept(index, value(p, t, Where.item(index), 1));
                    index++;
                }
            } else {
                sink.accept(0, value(p, t, Where.BODY, 1));
            }
            if (p.nextToken() != null) {
                throw new MalformedBodyException("malformed JSON" + where(p.currentLocation())
                        + ": content after the end of the document");
            }
            return array;
        } catch (JsonProcessingException e) {
            throw new MalformedBodyException("malformed JSON" + where(e.getLocation()) + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedBodyException("unreadable body: " + e.getMessage());
        }
    }

    /**
     * Reads concatenated JSON values (Splunk HEC batches: objects one after another, separated by
     * nothing or whitespace), each handed to {@code sink} as soon as it is read.
     *
     * @return how many values were read
     */
    public int readConcatenated(byte[] body, ItemSink sink) {
        try (JsonParser p = factory.createParser(body)) {
            int index = 0;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (index >= limits.maxItems()) {
                    throw tooManyItems();
                }
                sink.accept(index, value(p, t, Where.item(index), 1));
                index++;
            }
            return index;
        } catch (JsonProcessingException e) {
            throw new MalformedBodyException("malformed JSON" + where(e.getLocation()) + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedBodyException("unreadable body: " + e.getMessage());
        }
    }

    /** Reads one value (a CloudEvent's data); {@code path} names it in errors. */
    public JsonNode readOne(byte[] body, int offset, int length, String path) throws JsonProcessingException {
        return readOne(body, offset, length, new Where(null, path, -1));
    }

    /** Reads item {@code index} of a body (an NDJSON line), named {@code [index]} in errors. */
    public JsonNode readItem(byte[] body, int offset, int length, int index) throws JsonProcessingException {
        return readOne(body, offset, length, Where.item(index));
    }

    private JsonNode readOne(byte[] body, int offset, int length, Where path) throws JsonProcessingException {
        try (JsonParser p = factory.createParser(body, offset, length)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return null;
            }
            JsonNode node = value(p, t, path, 1);
            if (p.nextToken() != null) {
                throw new MalformedBodyException(path + " is malformed JSON: content after the end of the value");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new MalformedBodyException("unreadable body: " + e.getMessage());
        }
    }

    /**
     * Reads an NDJSON body with one parser, when each of its non-blank lines holds exactly one
     * well-formed value within the limits: each value is handed to {@code sink} with the byte range
     * it was read from. Answers false, having read nothing the caller should keep, as soon as that is
     * not so (a malformed line, two values on a line, a value over several lines, a limit crossed, a
     * byte-order mark): the caller then reads the body line by line, which reports each problem on
     * its line. One parser per body instead of one per line is most of the cost of reading an event.
     */
    public boolean readLines(byte[] body, LineValueSink sink) {
        if (body.length > 0 && body[0] == (byte) 0xEF) {
            return false;
        }
        try (JsonParser p = factory.createParser(body)) {
            int index = 0;
            int lastLine = 0;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                JsonLocation start = p.currentTokenLocation();
                if (start.getLineNr() <= lastLine || index >= limits.maxItems()) {
                    return false;
                }
                JsonNode node = value(p, t, Where.item(index), 1);
                JsonLocation end = p.currentLocation();
                if (end.getLineNr() != start.getLineNr()) {
                    return false;
                }
                lastLine = end.getLineNr();
                sink.accept(index, node, (int) start.getByteOffset(), (int) end.getByteOffset());
                index++;
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Receives each value of an NDJSON body with the bytes {@code [start, end)} it was read from. */
    @FunctionalInterface
    public interface LineValueSink {
        void accept(int index, JsonNode value, int start, int end);
    }

    /** The exception for one item too many. */
    public LimitExceededException tooManyItems() {
        return new LimitExceededException("maxItems", "(body)", 413,
                "a request carries at most " + limits.maxItems() + " items; split it");
    }

    /**
     * Where a value sits, for error messages: built as a string only when one is reported (a
     * string per field of every event would cost more than the rest of the reading).
     */
    private record Where(Where parent, String name, int index) {
        static final Where BODY = new Where(null, "(body)", -1);

        static Where item(int index) {
            return new Where(null, null, index);
        }

        @Override
        public String toString() {
            if (parent == null) {
                return name != null ? name : "[" + index + "]";
            }
            if (name == null) {
                return parent + "[" + index + "]";
            }
            return parent == BODY ? name : parent + "." + name;
        }
    }

    private JsonNode value(JsonParser p, JsonToken t, Where path, int depth) throws IOException {
        return switch (t) {
            case START_OBJECT -> object(p, path, depth);
            case START_ARRAY -> array(p, path, depth);
            case VALUE_STRING -> {
                checkString(p.getTextLength(), path);
                yield NODES.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                case INT -> NODES.numberNode(p.getIntValue());
                case LONG -> NODES.numberNode(p.getLongValue());
                default -> NODES.numberNode(p.getDoubleValue());
            };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new MalformedBodyException("malformed JSON" + where(p.currentLocation())
                    + ": unexpected " + t);
        };
    }

    private ObjectNode object(JsonParser p, Where path, int depth) throws IOException {
        checkDepth(path, depth);
        ObjectNode node = NODES.objectNode();
        int members = 0;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            Where field = new Where(path, name, -1);
            checkString(name.length(), field);
            if (++members > limits.maxMembers()) {
                throw new LimitExceededException("maxMembers", path.toString(), 400,
                        path + " has more than " + limits.maxMembers() + " members");
            }
            JsonNode child = value(p, p.nextToken(), field, depth + 1);
            if (node.replace(name, child) != null) {
                throw new MalformedBodyException(field + " appears twice in the same object");
            }
        }
        if (t != JsonToken.END_OBJECT) {
            throw new MalformedBodyException("malformed JSON" + where(p.currentLocation()) + ": object not closed");
        }
        return node;
    }

    private ArrayNode array(JsonParser p, Where path, int depth) throws IOException {
        checkDepth(path, depth);
        ArrayNode node = NODES.arrayNode();
        JsonToken t;
        int i = 0;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new MalformedBodyException("malformed JSON: array not closed");
            }
            if (i >= limits.maxMembers()) {
                throw new LimitExceededException("maxMembers", path.toString(), 400,
                        path + " has more than " + limits.maxMembers() + " elements");
            }
            node.add(value(p, t, new Where(path, null, i), depth + 1));
            i++;
        }
        return node;
    }

    private void checkDepth(Where path, int depth) {
        if (depth > limits.maxDepth()) {
            throw new LimitExceededException("maxDepth", path.toString(), 400,
                    path + " is nested deeper than " + limits.maxDepth() + " levels");
        }
    }

    private void checkString(int length, Where field) {
        if (length > limits.maxStringLength()) {
            throw new LimitExceededException("maxStringLength", field.toString(), 400,
                    field + " is longer than " + limits.maxStringLength() + " characters");
        }
    }

    static String where(JsonLocation location) {
        return location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** Receives each item as soon as it is read. */
    @FunctionalInterface
    public interface ItemSink {
        void accept(int index, JsonNode item);
    }

    /** Calls {@code action} with each line's start and end offsets (LF or CRLF, blank lines skipped). */
    public static void forEachLine(byte[] body, LineSink action) {
        int start = 0;
        int lineNo = 1;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '\n') {
                int end = i;
                if (end > start && body[end - 1] == '\r') {
                    end--;
                }
                if (!isBlank(body, start, end)) {
                    action.accept(lineNo, start, end);
                }
                start = i + 1;
                lineNo++;
            }
        }
    }

    /**
     * Whether {@code b[from, to)} is printable ASCII (and JSON whitespace) with no backslash. Every
     * string read from such bytes is then storable as it is ({@link StoredText}): the parser refuses
     * raw control characters inside strings, and without a backslash there is no escape that could
     * make one, nor a surrogate or a non-character; a scan of the raw bytes is several times cheaper
     * than checking each string character by character.
     */
    public static boolean plain(byte[] b, int from, int to) {
        return AsciiScan.plainJson(b, from, to);
    }

    private static boolean isBlank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != ' ' && b[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    /** Receives one line of an NDJSON body. */
    @FunctionalInterface
    public interface LineSink {
        void accept(int lineNo, int start, int end);
    }
}
