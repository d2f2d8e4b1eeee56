package io.pilotage.kpi.publish;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Days whose values must be re-published, per KPI key, accumulated from many batches until the
 * publisher takes them: a KPI and day touched by ten batches in a row is recomputed once. Plain
 * Java, thread-safe.
 */
public final class TouchedDays {

    private Map<String, Set<LocalDate>> days = new HashMap<>();

    public synchronized void add(Map<String, Set<LocalDate>> touched) {
        touched.forEach((kpi, d) -> days.computeIfAbsent(kpi, k -> new TreeSet<>()).addAll(d));
        notifyAll();
    }

    /** Waits until something is queued. */
    public synchronized void awaitAny() throws InterruptedException {
        while (days.isEmpty()) {
            wait();
        }
    }

    /** Takes everything queued so far (empty when nothing is). */
    public synchronized Map<String, Set<LocalDate>> drain() {
        Map<String, Set<LocalDate>> out = days;
        days = new HashMap<>();
        return out;
    }
}
