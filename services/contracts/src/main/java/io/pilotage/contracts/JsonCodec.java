package io.pilotage.contracts;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * The one JSON codec for everything on Pilotage topics: ISO-8601 instants and dates, enums in
 * lower case where the design prints them so ({@link Granularity}, by annotation), unknown properties ignored
 * (forward compatibility within a topic version).
 */
public final class JsonCodec {

    private static final ObjectMapper MAPPER = configure(JsonMapper.builder().build());

    private JsonCodec() {
    }

    /** Applies the Pilotage wire conventions to a mapper: ISO-8601 dates, unknown properties ignored. */
    private static ObjectMapper configure(ObjectMapper mapper) {
        return mapper
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] encode(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    /**
     * A canonical event: the same bytes as {@link #encode(Object)} (field order of the record, nulls
     * left out, instants in ISO-8601), at a fraction of the data-binding serializer's cost. Plain
     * events (nearly all) are written straight into bytes by {@link PlainEventWriter}; the others
     * field by field with the streaming generator. It is the one encoding of every accepted event,
     * on ingestion's hot path.
     */
    public static byte[] encode(CanonicalEvent event) {
        byte[] plain = PlainEventWriter.write(event);
        return plain != null ? plain : encodeWithGenerator(event);
    }

    /**
     * {@link #encode(CanonicalEvent)} for an event every string of which (texts, attribute names and
     * values) is already known to be plain text ({@link #isPlainText}): read from bytes
     * {@link AsciiScan#plainJson} accepted, which hold no other string, or made of such strings. Its
     * strings are copied as they are, not checked a second time: on a 1 KiB event that check was
     * most of the writing. A string that is not plain text would make invalid JSON, so this is only
     * for text checked before (with assertions enabled, as in the tests, it is checked again).
     */
    public static byte[] encodeKnownPlain(CanonicalEvent event) {
        byte[] plain = PlainEventWriter.write(event, true);
        return plain != null ? plain : encodeWithGenerator(event);
    }

    /**
     * Whether {@code s} is written in JSON as it is, between quotes: printable ASCII other than
     * {@code "} and {@code \} (the text {@link PlainEventWriter} writes without Jackson).
     */
    public static boolean isPlainText(String s) {
        return PlainEventWriter.plain(s);
    }

    private static byte[] encodeWithGenerator(CanonicalEvent event) {
        ByteArrayBuilder out = EVENT_BUFFER.get();
        out.reset();
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            text(g, "id", event.id());
            text(g, "source", event.source());
            text(g, "project", event.project());
            text(g, "type", event.type());
            if (event.occurredAt() != null) {
                g.writeStringField("occurredAt", isoInstant(event.occurredAt()));
            }
            if (event.receivedAt() != null) {
                g.writeStringField("receivedAt", isoInstant(event.receivedAt()));
            }
            text(g, "entity", event.entity());
            text(g, "subject", event.subject());
            if (event.value() != null) {
                g.writeNumberField("value", event.value());
            }
            g.writeObjectFieldStart("attributes");
            for (Map.Entry<String, Object> a : event.attributes().entrySet()) {
                g.writeFieldName(a.getKey());
                switch (a.getValue()) {
                    case String s -> g.writeString(s);
                    case Double d -> g.writeNumber(d);
                    case Long l -> g.writeNumber(l);
                    case Integer i -> g.writeNumber(i);
                    case Boolean b -> g.writeBoolean(b);
                    case null -> g.writeNull();
                    default -> g.writeObject(a.getValue());
                }
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot encode CanonicalEvent", e);
        }
        byte[] bytes = out.toByteArray();
        out.reset();
        return bytes;
    }

    /**
     * Each thread's output buffer for events: its blocks are kept from one event to the next, so an
     * event costs one allocation, its exact-size result, instead of a fresh buffer and a copy.
     */
    private static final ThreadLocal<ByteArrayBuilder> EVENT_BUFFER = ThreadLocal.withInitial(() -> new ByteArrayBuilder(2048));

    /**
     * {@code instant.toString()} (ISO-8601 in UTC, the fraction in groups of three digits, none when
     * zero), written without {@code DateTimeFormatter}, which cost more than the rest of an event's
     * encoding. Years outside 1000–9999 take {@code toString()} itself.
     */
    static String isoInstant(Instant instant) {
        byte[] out = new byte[30];
        int end = isoInstant(instant, out, 0);
        return end < 0 ? instant.toString() : new String(out, 0, end, StandardCharsets.ISO_8859_1);
    }

    /**
     * Writes {@link #isoInstant(Instant)} into {@code out} from {@code at} (30 bytes of room) and
     * answers where it ends, or -1 for a year outside 1000–9999 (left to {@code toString()}).
     */
    static int isoInstant(Instant instant, byte[] out, int at) {
        long seconds = instant.getEpochSecond();
        if (seconds < -30_610_224_000L || seconds >= 253_402_300_800L) {   // before 1000-01-01, from 10000-01-01
            return -1;
        }
        long days = Math.floorDiv(seconds, 86_400L);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        LocalDate date = LocalDate.ofEpochDay(days);
        int nanos = instant.getNano();
        at = digits(out, at, date.getYear(), 4);
        out[at++] = '-';
        at = digits(out, at, date.getMonthValue(), 2);
        out[at++] = '-';
        at = digits(out, at, date.getDayOfMonth(), 2);
        out[at++] = 'T';
        at = digits(out, at, secondOfDay / 3600, 2);
        out[at++] = ':';
        at = digits(out, at, secondOfDay / 60 % 60, 2);
        out[at++] = ':';
        at = digits(out, at, secondOfDay % 60, 2);
        if (nanos != 0) {
            out[at++] = '.';
            if (nanos % 1_000_000 == 0) {
                at = digits(out, at, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                at = digits(out, at, nanos / 1_000, 6);
            } else {
                at = digits(out, at, nanos, 9);
            }
        }
        out[at++] = 'Z';
        return at;
    }

    /**
     * The decimal digits of {@code value} (not negative) at {@code out[at]}, as many as it has;
     * answers the index after them. The caller leaves room for ten.
     */
    public static int digits(byte[] out, int at, int value) {
        int width = 1;
        for (int rest = value / 10; rest != 0; rest /= 10) {
            width++;
        }
        return digits(out, at, value, width);
    }

    private static int digits(byte[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }

    private static void text(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    public static String encodeToString(Object value) {
        return new String(encode(value), StandardCharsets.UTF_8);
    }

    public static <T> T decode(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode " + type.getSimpleName(), e);
        }
    }

    public static <T> T decode(String json, Class<T> type) {
        return decode(json.getBytes(StandardCharsets.UTF_8), type);
    }
}
