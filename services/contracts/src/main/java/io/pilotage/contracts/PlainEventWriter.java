package io.pilotage.contracts;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

/**
 * Writes a canonical event whose text is all plain (printable ASCII without {@code "} or
 * {@code \}) and whose attribute values are strings, integers, finite doubles or booleans — nearly
 * every event — straight into bytes: exactly what Jackson's generator writes for it (such text
 * needs no escape, numbers are {@code Long.toString}/{@code Double.toString}), without a generator
 * per event, whose buffer hand-back alone cost more than the writing. Anything else answers null
 * and {@link JsonCodec#encode(CanonicalEvent)} uses the generator.
 */
final class PlainEventWriter {

    private static final ThreadLocal<PlainEventWriter> WRITERS = ThreadLocal.withInitial(PlainEventWriter::new);

    private byte[] out = new byte[2048];
    private int at;
    /** A string's characters, copied out of it to be checked and written (grows to the longest string). */
    private char[] chars = new char[256];
    /** Strings from this length are written through {@link #usAscii}, shorter ones by a plain loop. */
    static final int LONG_STRING = 64;
    /** From this magnitude {@code Double.toString} writes an exponent ({@code 1.0E7}). */
    private static final long INTEGRAL_LIMIT = 10_000_000L;
    /** Refuses (stops at) the first character from U+0080. */
    private final CharsetEncoder usAscii = StandardCharsets.US_ASCII.newEncoder();
    /** The event being written: every string of it is known to be plain text, so copied unchecked. */
    private boolean knownPlain;

    private PlainEventWriter() {
    }

    /** The event's JSON, or null when some of it is not plain. */
    static byte[] write(CanonicalEvent event) {
        return write(event, false);
    }

    /**
     * The same; {@code knownPlain}: every string of the event is already known to be plain text
     * (see {@link JsonCodec#encodeKnownPlain}), so each is copied as it is, without a check. With
     * assertions enabled (the tests), each is still checked.
     */
    static byte[] write(CanonicalEvent event, boolean knownPlain) {
        PlainEventWriter writer = WRITERS.get();
        writer.knownPlain = knownPlain;
        return writer.encode(event);
    }

    private byte[] encode(CanonicalEvent e) {
        at = 0;
        raw('{');
        boolean ok = field(ID, e.id())
                && field(SOURCE, e.source())
                && field(PROJECT, e.project())
                && field(TYPE, e.type())
                && instant(OCCURRED_AT, e.occurredAt(), 0)
                && instant(RECEIVED_AT, e.receivedAt(), 1)
                && field(ENTITY, e.entity())
                && field(SUBJECT, e.subject());
        if (!ok) {
            return null;
        }
        if (e.value() != null) {
            if (!Double.isFinite(e.value())) {
                return null;
            }
            name(VALUE, true);
            decimal(e.value());
        }
        name(ATTRIBUTES, true);
        raw('{');
        boolean first = true;
        for (Map.Entry<String, Object> a : e.attributes().entrySet()) {
            if (!first) {
                raw(',');
            }
            first = false;
            if (!string(a.getKey())) {
                return null;
            }
            raw(':');
            switch (a.getValue()) {
                case String s -> {
                    if (!string(s)) {
                        return null;
                    }
                }
                case Long l -> ascii(Long.toString(l));
                case Integer i -> ascii(Integer.toString(i));
                case Boolean b -> ascii(b ? "true" : "false");
                case Double d -> {
                    if (!Double.isFinite(d)) {
                        return null;
                    }
                    decimal(d);
                }
                case null, default -> {
                    return null;
                }
            }
        }
        raw('}');
        raw('}');
        return Arrays.copyOf(out, at);
    }

    /** {@code ,"name":"value"} (no comma for the first field); absent values are left out. */
    private boolean field(byte[] name, String value) {
        if (value == null) {
            return true;
        }
        name(name, at > 1);
        return string(value);
    }

    /** An instant's text with its quotes: at most 32 bytes, 30 between them ({@link JsonCodec#isoInstant(Instant, byte[], int)}). */
    private static final int INSTANT_ROOM = 32;
    /**
     * The last instant written in each of the two instant fields and its text: the events of one
     * request share their {@code receivedAt} (and often their {@code occurredAt}), written once.
     */
    private final Instant[] lastInstant = new Instant[2];
    private final byte[][] lastInstantText = {new byte[INSTANT_ROOM], new byte[INSTANT_ROOM]};
    private final int[] lastInstantLength = new int[2];

    /** {@code ,"name":"instant"}; {@code slot}: the field's place in the cache of last instants. */
    private boolean instant(byte[] name, Instant value, int slot) {
        if (value == null) {
            return true;
        }
        name(name, at > 1);
        room(INSTANT_ROOM);
        if (value.equals(lastInstant[slot])) {
            System.arraycopy(lastInstantText[slot], 0, out, at, lastInstantLength[slot]);
            at += lastInstantLength[slot];
            return true;
        }
        int from = at;
        out[at] = '"';
        int end = JsonCodec.isoInstant(value, out, at + 1);
        if (end < 0) {
            return false;
        }
        out[end] = '"';
        at = end + 1;
        System.arraycopy(out, from, lastInstantText[slot], 0, at - from);
        lastInstantLength[slot] = at - from;
        lastInstant[slot] = value;
        return true;
    }

    /** A field's name as written ({@code "name":}), made once. */
    private static byte[] name(String name) {
        return ("\"" + name + "\":").getBytes(StandardCharsets.US_ASCII);
    }

    private static final byte[] ID = name("id");
    private static final byte[] SOURCE = name("source");
    private static final byte[] PROJECT = name("project");
    private static final byte[] TYPE = name("type");
    private static final byte[] OCCURRED_AT = name("occurredAt");
    private static final byte[] RECEIVED_AT = name("receivedAt");
    private static final byte[] ENTITY = name("entity");
    private static final byte[] SUBJECT = name("subject");
    private static final byte[] VALUE = name("value");
    private static final byte[] ATTRIBUTES = name("attributes");

    private void name(byte[] name, boolean comma) {
        if (comma) {
            raw(',');
        }
        room(name.length);
        System.arraycopy(name, 0, out, at, name.length);
        at += name.length;
    }

    /**
     * {@code "s"} when every character is printable ASCII other than {@code "} and {@code \}; else
     * false. Without allocating: the characters come out of the string in a block
     * ({@link String#getChars}, a vectorised copy) and are checked while written as bytes. A short
     * string is written one byte per character, each character's test OR-ed into one word, negative
     * as soon as one is not plain. A long one (from {@value #LONG_STRING} characters) goes through the
     * US-ASCII encoder, whose array loop the JIT compiler replaces with vector instructions and which
     * stops at the first character from U+0080, and its bytes are then checked eight at a time
     * ({@link AsciiScan#plainText}): measured on a 950-character string, 210 ns against 760 for the
     * loop. The bytes written past {@code at} are only kept (by moving {@code at}) when the string
     * was plain.
     */
    private boolean string(String s) {
        if (knownPlain) {
            knownPlainString(s);
            return true;
        }
        int n = s.length();
        char[] c = chars;
        if (c.length < n) {
            c = new char[Math.max(n, c.length * 2)];
            chars = c;
        }
        s.getChars(0, n, c, 0);
        room(n + 2);
        byte[] b = out;
        int i = at;
        b[i++] = '"';
        if (n >= LONG_STRING) {
            usAscii.reset();
            ByteBuffer written = ByteBuffer.wrap(b, i, n);
            usAscii.encode(CharBuffer.wrap(c, 0, n), written, true);
            if (written.position() != i + n || !AsciiScan.plainText(b, i, i + n)) {
                return false;
            }
        } else {
            int bad = 0;
            for (int k = 0; k < n; k++) {
                int ch = c[k];
                // negative when ch < 0x20, ch > 0x7E, ch == '"' or ch == '\\'
                bad |= (ch - 0x20) | (0x7E - ch) | ((ch ^ '"') - 1) | ((ch ^ '\\') - 1);
                b[i + k] = (byte) ch;
            }
            if (bad < 0) {
                return false;
            }
        }
        i += n;
        b[i++] = '"';
        at = i;
        return true;
    }

    /**
     * {@code "s"} for a string known to be plain text: its characters' low bytes, copied in one block
     * ({@link String#getBytes(int, int, byte[], int)}, deprecated for dropping every high byte, which
     * plain text has none of): the check and the encoder's pass of {@link #string} are what this
     * saves on text already checked when read.
     */
    @SuppressWarnings("deprecation")
    private void knownPlainString(String s) {
        assert plain(s) : "a string taken for plain text is not: " + s;
        int n = s.length();
        room(n + 2);
        out[at++] = '"';
        s.getBytes(0, n, out, at);
        at += n;
        out[at++] = '"';
    }

    /** Whether every character is printable ASCII other than {@code "} and {@code \}: written as it is. */
    static boolean plain(String s) {
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private void ascii(String s) {
        int n = s.length();
        room(n);
        for (int k = 0; k < n; k++) {
            out[at++] = (byte) s.charAt(k);
        }
    }

    /**
     * A finite double as {@code Double.toString} writes it. An integral value of magnitude below
     * 10^7 (counts and amounts, most values) is written as its digits and {@code .0}, which is that
     * text, without the general shortest-decimal conversion (3 % of ingestion's CPU on batches).
     * Negative zero keeps its sign, as {@code Double.toString} does ({@code -0.0}).
     */
    private void decimal(double d) {
        long whole = (long) d;
        if (whole != d || whole <= -INTEGRAL_LIMIT || whole >= INTEGRAL_LIMIT
                || (whole == 0 && Double.doubleToRawLongBits(d) != 0)) {
            ascii(Double.toString(d));
            return;
        }
        room(11);   // '-', seven digits, ".0"
        if (whole < 0) {
            out[at++] = '-';
            whole = -whole;
        }
        at = JsonCodec.digits(out, at, (int) whole);
        out[at++] = '.';
        out[at++] = '0';
    }

    private void raw(char c) {
        room(1);
        out[at++] = (byte) c;
    }

    private void room(int n) {
        if (at + n > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, at + n));
        }
    }
}
