package io.pilotage.kpi.explain;

import io.pilotage.contracts.CanonicalEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The events a value was computed from, summed up while they stream by: counts per event type,
 * the latest {@value #SAMPLE} of them (identifiers and pseudonymised fields only, never
 * attributes), and the latest occurrence time. Plain Java, not thread-safe.
 */
public final class Evidence {

    public static final int SAMPLE = 20;

    /** How many events of one type. */
    public record TypeCount(String type, long count) {
    }

    /** One contributing event: identifiers and the subject as stored (a pseudonym). */
    public record SampleEvent(String id, String source, String type, Instant time, String subject) {
    }

    private static final Comparator<SampleEvent> LATEST_FIRST = Comparator.comparing(SampleEvent::time).reversed()
            .thenComparing(SampleEvent::source).thenComparing(SampleEvent::id);

    private final Map<String, Long> byType = new HashMap<>();
    /** The kept sample, the earliest (the next to drop) at the head. */
    private final PriorityQueue<SampleEvent> sample = new PriorityQueue<>(LATEST_FIRST.reversed());
    private Instant lastEventAt;

    public void add(CanonicalEvent e) {
        count(e.type(), 1, e.occurredAt());
        offer(e);
    }

    /** {@code n} more events of a type, the latest of them at {@code last}. */
    public void count(String type, long n, Instant last) {
        byType.merge(type, n, Long::sum);
        if (last != null && (lastEventAt == null || last.isAfter(lastEventAt))) {
            lastEventAt = last;
        }
    }

    /** An event for the sample only (already counted). */
    public void offer(CanonicalEvent e) {
        SampleEvent s = new SampleEvent(e.id(), e.source(), e.type(), e.occurredAt(), e.subject());
        if (sample.size() < SAMPLE) {
            sample.add(s);
        } else if (LATEST_FIRST.compare(s, sample.peek()) < 0) {
            sample.poll();
            sample.add(s);
        }
    }

    /** Counts per type, the largest first (ties: by type). */
    public List<TypeCount> eventsByType() {
        return byType.entrySet().stream().map(en -> new TypeCount(en.getKey(), en.getValue()))
                .sorted(Comparator.comparingLong(TypeCount::count).reversed().thenComparing(TypeCount::type)).toList();
    }

    /** The latest events, newest first, at most {@value #SAMPLE}. */
    public List<SampleEvent> sample() {
        List<SampleEvent> out = new ArrayList<>(sample);
        out.sort(LATEST_FIRST);
        return out;
    }

    /** When the latest contributing event occurred, or null without any. */
    public Instant lastEventAt() {
        return lastEventAt;
    }
}
