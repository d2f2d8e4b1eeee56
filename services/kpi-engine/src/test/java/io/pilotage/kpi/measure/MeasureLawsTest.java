package io.pilotage.kpi.measure;

import io.pilotage.contracts.CanonicalEvent;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The laws every measure state obeys: merge is associative with {@code empty()} as identity, and
 * merging per-day states gives the value computed from all the events as one state.
 */
class MeasureLawsTest {

    private static final List<String> MEASURES = List.of(
            "{type: count, events: [a, b]}", "{type: sum, events: [a]}", "{type: avg, events: [a, b]}",
            "{type: min, events: [a]}", "{type: max, events: [b]}", "{type: percentile, events: [a, b], percentile: 90}",
            "{type: latest, events: [a]}", "{type: distinct, events: [a, b]}",
            "{type: distinct, events: [b], cohort: [a]}",
            "{type: ratio, percent: true, numerator: {type: count, events: [a]}, denominator: {type: count, events: [a, b]}}",
            "{type: duration, start: [a], end: [b], stat: avg}", "{type: duration, start: [a], end: [b], stat: p90}",
            "{type: within, start: [a], end: [b], limit: {days: 2, attribute: sev, byValue: {hi: 1}}}",
            "{type: retention, cohort: [a], day: 2, mode: on_or_after}", "{type: retention, cohort: [a], day: 1}",
            "{type: uptime, up: [a], down: [b]}");

    @Provide
    Arbitrary<String> measures() {
        return Arbitraries.of(MEASURES);
    }

    @Provide
    Arbitrary<List<CanonicalEvent>> events() {
        Arbitrary<CanonicalEvent> one = Combinators.combine(
                Arbitraries.of("a", "b", "c"),
                Arbitraries.integers().between(0, 10 * 24 * 60 - 1),
                Arbitraries.of("e1", "e2", "e3", "e4"),
                Arbitraries.of("u1", "u2", "u3", "u4", "u5"),
                Arbitraries.integers().between(0, 100),
                Arbitraries.of("hi", "lo")).as((type, minute, entity, subject, value, sev) ->
                new CanonicalEvent(type + minute + entity + subject + value, "s", "p", type,
                        Instant.parse("2026-10-01T00:00:00Z").plusSeconds(minute * 60L), null, entity, subject,
                        (double) value, Map.of("sev", sev)));
        return one.list().ofMaxSize(40);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    @Property(tries = 150)
    void mergeIsAssociativeWithEmptyAsIdentity(@ForAll("measures") String yaml, @ForAll("events") List<CanonicalEvent> a,
                                               @ForAll("events") List<CanonicalEvent> b, @ForAll("events") List<CanonicalEvent> c) {
        MeasureKind kind = Measures.of(MeasureFixture.measure(yaml), "h", 30);
        Object sa = state(kind, a);
        Object sb = state(kind, b);
        Object sc = state(kind, c);
        Object left = kind.merge(kind.merge(sa, sb), sc);
        Object right = kind.merge(sa, kind.merge(sb, sc));
        assertThat(value(kind, left)).isEqualTo(value(kind, right));
        assertThat(value(kind, kind.merge(kind.empty(), sa))).isEqualTo(value(kind, sa));
        assertThat(value(kind, kind.merge(sa, kind.empty()))).isEqualTo(value(kind, sa));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    @Property(tries = 150)
    void mergingDaysEqualsComputingOverTheUnion(@ForAll("measures") String yaml, @ForAll("events") List<CanonicalEvent> events) {
        MeasureKind kind = Measures.of(MeasureFixture.measure(yaml), "h", 30);
        NavigableMap<LocalDate, Object> perDay = MeasureFixture.days(kind, events);
        Object merged = kind.empty();
        for (Object s : perDay.values()) {
            merged = kind.merge(merged, s);
        }
        assertThat(value(kind, merged)).isEqualTo(value(kind, state(kind, events)));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object state(MeasureKind kind, List<CanonicalEvent> events) {
        Object s = kind.empty();
        for (CanonicalEvent e : events) {
            if (kind.accepts(e)) {
                s = kind.add(s, e);
            }
        }
        return s;
    }

    /** The value of a whole state as the single day of a window covering it (and its lookback). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<Object> value(MeasureKind kind, Object state) {
        LocalDate day = LocalDate.of(2026, 10, 10);
        NavigableMap<LocalDate, Object> days = new TreeMap<>(Map.of(day, kind.decode(kind.encode(state))));
        List<Object> out = new ArrayList<>();
        MeasureValue v = kind.evaluate(new Window(day, day, MeasureFixture.BAMAKO, Instant.parse("2100-01-01T00:00:00Z")), days);
        out.add(v.value() == null ? null : Math.round(v.value() * 1e9) / 1e9);
        out.add(v.sampleSize());
        out.add(v.open());
        return out;
    }
}
