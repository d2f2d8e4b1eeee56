package io.pilotage.kpi.measure;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The window a value is computed over: the local days {@code [firstDay, lastDay]} of a zone, i.e.
 * the instants {@code [start, end)}. {@code asOf} is when the value is computed: time-weighted and
 * deadline-based measures (uptime, overdue items of {@code within}) do not look past it.
 */
public record Window(LocalDate firstDay, LocalDate lastDay, ZoneId zone, Instant asOf) {

    public Window {
        if (lastDay.isBefore(firstDay)) {
            throw new IllegalArgumentException("window ends (" + lastDay + ") before it starts (" + firstDay + ")");
        }
    }

    public Instant start() {
        return firstDay.atStartOfDay(zone).toInstant();
    }

    public Instant end() {
        return lastDay.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** The end of the window, or {@code asOf} when that is earlier (a current period). */
    public Instant effectiveEnd() {
        Instant end = end();
        return asOf != null && asOf.isBefore(end) ? asOf : end;
    }

    public boolean contains(Instant t) {
        return !t.isBefore(start()) && t.isBefore(end());
    }
}
