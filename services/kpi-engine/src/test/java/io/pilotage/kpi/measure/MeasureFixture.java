package io.pilotage.kpi.measure;

import io.pilotage.contracts.CanonicalEvent;
import io.pilotage.contracts.definition.Measure;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/** Builds day states from events the way the engine does, and evaluates windows. */
final class MeasureFixture {

    static final ZoneId BAMAKO = ZoneId.of("Africa/Bamako");
    private static final AtomicLong IDS = new AtomicLong();

    private MeasureFixture() {
    }

    static CanonicalEvent ev(String type, String at, String entity, String subject, Double value, Map<String, Object> attrs) {
        return new CanonicalEvent("e" + IDS.incrementAndGet(), "test", "p", type, Instant.parse(at), null, entity, subject,
                value, attrs);
    }

    static CanonicalEvent ev(String type, String at) {
        return ev(type, at, null, null, null, null);
    }

    static CanonicalEvent valued(String type, String at, double value) {
        return ev(type, at, null, null, value, null);
    }

    static CanonicalEvent entity(String type, String at, String entity) {
        return ev(type, at, entity, null, null, null);
    }

    static CanonicalEvent subject(String type, String at, String subject) {
        return ev(type, at, null, subject, null, null);
    }

    @SuppressWarnings("unchecked")
    static <S> NavigableMap<LocalDate, S> days(MeasureKind<S> kind, List<CanonicalEvent> events) {
        NavigableMap<LocalDate, S> days = new TreeMap<>();
        for (CanonicalEvent e : events) {
            if (kind.accepts(e)) {
                LocalDate d = e.occurredAt().atZone(BAMAKO).toLocalDate();
                days.put(d, kind.add(days.getOrDefault(d, kind.empty()), e));
            }
        }
        // as stored: through the codec
        NavigableMap<LocalDate, S> stored = new TreeMap<>();
        days.forEach((d, s) -> stored.put(d, kind.decode(kind.encode(s))));
        return stored;
    }

    static MeasureValue eval(MeasureKind<?> kind, List<CanonicalEvent> events, String from, String to) {
        return eval(kind, events, from, to, Instant.parse("2100-01-01T00:00:00Z"));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static MeasureValue eval(MeasureKind kind, List<CanonicalEvent> events, String from, String to, Instant asOf) {
        return kind.evaluate(new Window(LocalDate.parse(from), LocalDate.parse(to), BAMAKO, asOf), days(kind, events));
    }

    static Measure measure(String yaml) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                    .readValue(yaml, Measure.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
