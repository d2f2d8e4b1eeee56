package io.pilotage.ingestion.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilotage.contracts.AsciiScan;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Reads the usual event, an object written in printable ASCII without a backslash, straight from its
 * bytes into the same tree {@link BoundedJsonReader} builds, within the same limits: an NDJSON line
 * ({@link #readLine}), or a body that is one such object or an array of them ({@link #readDocument}). Such a
 * string's text is its bytes, so it becomes a {@code String} by one copy, where a general parser
 * decodes it character by character (that decoding was the largest single cost of reading a batch
 * event: 8 % of ingestion's CPU, and the separate scan that found the line plain 4 % more).
 * <p>
 * It reads only what it is sure of and gives up on anything else: a byte beyond ASCII, a control
 * character or a backslash anywhere, a line that is not one object, a number it would have to round
 * in a way the general parser might not (more than 18 digits, or a fraction it cannot divide
 * exactly), a limit crossed, a name twice, any malformed JSON. Giving up is never an answer: the
 * caller then reads the line or the body the general way, which reports the problem as before.
 * Whitespace inside an NDJSON line is spaces and tabs, a carriage return only ends it; in a body read
 * as one document, line ends are whitespace too.
 * <p>
 * Stateless but for a small cache of field names shared by every thread (each entry immutable), so a
 * name met before is the same {@code String}, hash code included, and interned.
 */
final class PlainJsonReader {

    /** What {@link #readDocument} read: nothing (it gave up), one object, or an array of objects. */
    enum Shape { NOT_READ, ONE, ARRAY }

    /** Where a line ends and the next begins: set by {@link #readLine}. */
    static final class Cursor {
        int at;
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(false);
    /** Thrown to give up on a line; no stack, no message: it is caught a few frames up, never shown. */
    private static final RuntimeException NOT_PLAIN = new RuntimeException(null, null, false, false) {
    };
    /** 10^k, exact in a double for k up to 22. */
    private static final double[] POWERS_OF_TEN = new double[23];
    private static final int NAME_SLOTS = 256;
    private static final int MAX_CACHED_NAME = 32;

    static {
        double p = 1;
        for (int k = 0; k < POWERS_OF_TEN.length; k++) {
            POWERS_OF_TEN[k] = p;
            p *= 10;
        }
    }

    private record Name(byte[] bytes, String text) {
    }

    private final BoundedJsonReader.Limits limits;
    private final Name[] names = new Name[NAME_SLOTS];

    PlainJsonReader(BoundedJsonReader.Limits limits) {
        this.limits = limits;
    }

    /**
     * Reads the object that starts the line at {@code b[from]} (past its leading spaces) and ends it:
     * after it only spaces and tabs, then a line feed, a carriage return and a line feed, or the end
     * of the body. Answers the object with {@code cursor.at} at the start of the next line, or null
     * (the cursor then unchanged) when it gives up on the line.
     */
    ObjectNode readLine(byte[] b, int from, Cursor cursor) {
        if (from >= b.length || b[from] != '{') {
            return null;
        }
        try {
            Line line = new Line(b, false);
            ObjectNode node = line.object(from, 1);
            int at = line.blanks(line.at);
            if (at < b.length && b[at] == '\r') {
                at++;
            }
            if (at < b.length && b[at] != '\n') {
                return null;
            }
            cursor.at = at + 1;
            return node;
        } catch (RuntimeException notPlain) {
            return null;   // NOT_PLAIN, or an index past the end of a truncated line
        }
    }

    /**
     * Reads a body that is one object or a non-empty array of objects, with nothing but whitespace
     * around: each object is handed to {@code items} as it is read (items 1 deep, as in
     * {@link BoundedJsonReader#readDocument}), at most {@code maxItems} of them. When it answers
     * {@link Shape#NOT_READ} the caller drops what it was handed and reads the body the general way.
     */
    Shape readDocument(byte[] b, Consumer<ObjectNode> items) {
        try {
            Line doc = new Line(b, true);
            int i = doc.blanks(0);
            if (doc.peek(i) == '{') {
                ObjectNode node = doc.object(i, 1);
                if (doc.blanks(doc.at) != b.length) {
                    return Shape.NOT_READ;
                }
                items.accept(node);
                return Shape.ONE;
            }
            if (doc.peek(i) != '[') {
                return Shape.NOT_READ;
            }
            int count = 0;
            for (i = doc.open(i, 0, ']'); i >= 0; i = doc.afterItem(']')) {
                if (doc.peek(i) != '{' || count++ >= limits.maxItems()) {
                    return Shape.NOT_READ;   // an item not an object, one item too many
                }
                items.accept(doc.object(i, 1));
            }
            // an empty array is the general parser's to refuse
            return count > 0 && doc.blanks(doc.at) == b.length ? Shape.ARRAY : Shape.NOT_READ;
        } catch (RuntimeException notPlain) {
            return Shape.NOT_READ;
        }
    }

    /**
     * A line or a document being read: the bytes and the position after the last value read.
     * {@code document}: line ends are whitespace (else only spaces and tabs are).
     */
    private final class Line {
        private final byte[] b;
        private final boolean document;
        private int at;

        Line(byte[] b, boolean document) {
            this.b = b;
            this.document = document;
        }

        /** The byte at {@code i}, or NUL past the end (NUL is nowhere valid, so it gives up). */
        private byte peek(int i) {
            return i < b.length ? b[i] : 0;
        }

        private int blanks(int i) {
            while (i < b.length && (b[i] == ' ' || b[i] == '\t' || (document && (b[i] == '\n' || b[i] == '\r')))) {
                i++;
            }
            return i;
        }

        private JsonNode value(int i, int depth) {
            return switch (peek(i)) {
                case '{' -> object(i, depth);
                case '[' -> array(i, depth);
                case '"' -> {
                    int end = stringEnd(i);
                    at = end + 1;
                    yield NODES.textNode(new String(b, i + 1, end - i - 1, StandardCharsets.ISO_8859_1));
                }
                case 't' -> literal(i, "true", NODES.booleanNode(true));
                case 'f' -> literal(i, "false", NODES.booleanNode(false));
                case 'n' -> literal(i, "null", NODES.nullNode());
                default -> number(i);
            };
        }

        /** {@code b[i]} is '{'. */
        private ObjectNode object(int i, int depth) {
            ObjectNode node = NODES.objectNode();
            int members = 0;
            for (i = open(i, depth, '}'); i >= 0; i = afterItem('}')) {
                if (peek(i) != '"' || ++members > limits.maxMembers()) {
                    throw NOT_PLAIN;
                }
                int end = stringEnd(i);
                String name = name(i + 1, end - i - 1);
                i = blanks(end + 1);
                if (peek(i) != ':') {
                    throw NOT_PLAIN;
                }
                JsonNode child = value(blanks(i + 1), depth + 1);
                if (node.replace(name, child) != null) {
                    throw NOT_PLAIN;
                }
            }
            return node;
        }

        /** {@code b[i]} is '['. */
        private ArrayNode array(int i, int depth) {
            ArrayNode node = NODES.arrayNode();
            for (i = open(i, depth, ']'); i >= 0; i = afterItem(']')) {
                if (node.size() >= limits.maxMembers()) {
                    throw NOT_PLAIN;
                }
                node.add(value(i, depth + 1));
            }
            return node;
        }

        /**
         * Past the bracket that opens a container at {@code b[i]} and the blanks after it: where its
         * first item starts, or -1 when it is empty ({@code at} then past its end).
         */
        private int open(int i, int depth, char close) {
            if (depth > limits.maxDepth()) {
                throw NOT_PLAIN;
            }
            i = blanks(i + 1);
            if (peek(i) == close) {
                at = i + 1;
                return -1;
            }
            return i;
        }

        /**
         * After an item of a container (the last value read ended at {@code at}): where the next
         * item starts, past the comma, or -1 when {@code close} ends the container ({@code at} then
         * past it).
         */
        private int afterItem(char close) {
            int i = blanks(at);
            byte c = peek(i);
            if (c == close) {
                at = i + 1;
                return -1;
            }
            if (c != ',') {
                throw NOT_PLAIN;
            }
            return blanks(i + 1);
        }

        /** The closing quote of the string whose opening quote is {@code b[i]}, within the length limit. */
        private int stringEnd(int i) {
            int end = AsciiScan.plainTextEnd(b, i + 1, b.length);
            if (end == b.length || b[end] != '"' || end - i - 1 > limits.maxStringLength()) {
                throw NOT_PLAIN;
            }
            return end;
        }

        private JsonNode literal(int i, String word, JsonNode node) {
            int n = word.length();
            for (int k = 0; k < n; k++) {
                if (peek(i + k) != word.charAt(k)) {
                    throw NOT_PLAIN;
                }
            }
            at = i + n;
            return node;
        }

        /**
         * {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}, typed as the general parser types
         * it: an integer of up to 18 digits is an int when it fits one, else a long; a number with a
         * fraction is a double, read here only when its digits, 15 at most, divided by a power of ten
         * give the correctly rounded double at once (both exact in a double). Exponents and longer
         * numbers are left to the general parser.
         */
        private JsonNode number(int i) {
            boolean negative = peek(i) == '-';
            int start = negative ? i + 1 : i;
            int p = start;
            long digits = 0;
            while (peek(p) >= '0' && peek(p) <= '9') {
                digits = digits * 10 + (b[p] - '0');
                p++;
            }
            int intDigits = p - start;
            if (intDigits == 0 || intDigits > 18 || (intDigits > 1 && b[start] == '0')) {
                throw NOT_PLAIN;
            }
            byte c = peek(p);
            if (c == 'e' || c == 'E') {
                throw NOT_PLAIN;
            }
            if (c != '.') {
                at = p;
                long value = negative ? -digits : digits;
                return value == (int) value ? NODES.numberNode((int) value) : NODES.numberNode(value);
            }
            int fractionStart = ++p;
            while (peek(p) >= '0' && peek(p) <= '9') {
                digits = digits * 10 + (b[p] - '0');
                p++;
            }
            int fractionDigits = p - fractionStart;
            c = peek(p);
            if (fractionDigits == 0 || intDigits + fractionDigits > 15 || c == 'e' || c == 'E') {
                throw NOT_PLAIN;
            }
            at = p;
            double value = digits / POWERS_OF_TEN[fractionDigits];
            return NODES.numberNode(negative ? -value : value);
        }

        /** The field name {@code b[from, from + length)}: the cached {@code String} when met before. */
        private String name(int from, int length) {
            if (length > MAX_CACHED_NAME) {
                return new String(b, from, length, StandardCharsets.ISO_8859_1);
            }
            int h = length;
            for (int k = from; k < from + length; k++) {
                h = 31 * h + b[k];
            }
            int slot = (h ^ (h >>> 8)) & (NAME_SLOTS - 1);
            Name cached = names[slot];
            if (cached != null && Arrays.equals(cached.bytes, 0, cached.bytes.length, b, from, from + length)) {
                return cached.text;
            }
            // interned: a canonical field's name is then the very constant the validator and the
            // tree's lookups compare it with (equal by reference, before any character is compared)
            String text = new String(b, from, length, StandardCharsets.ISO_8859_1).intern();
            names[slot] = new Name(Arrays.copyOfRange(b, from, from + length), text);
            return text;
        }
    }
}
