package io.pilotage.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

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
