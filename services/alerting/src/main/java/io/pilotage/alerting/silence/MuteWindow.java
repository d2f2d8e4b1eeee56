package io.pilotage.alerting.silence;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A recurring mute window in a time zone, e.g. weekends ({@code SATURDAY,SUNDAY 00:00-00:00}) or
 * nights ({@code every day 20:00-07:00}). {@code end <= start} means the window crosses midnight:
 * it starts on one of {@code days} and ends the next day. {@code start == end} is the whole day.
 */
public record MuteWindow(String id, String name, List<Matcher> matchers, ZoneId zone, Set<DayOfWeek> days,
                         LocalTime start, LocalTime end) {

    public MuteWindow {
        matchers = List.copyOf(matchers);
        days = Set.copyOf(days);
    }

    public boolean activeAt(Instant now) {
        ZonedDateTime t = now.atZone(zone);
        LocalTime time = t.toLocalTime();
        DayOfWeek day = t.getDayOfWeek();
        if (start.equals(end)) {
            return days.contains(day);
        }
        if (start.isBefore(end)) {
            return days.contains(day) && !time.isBefore(start) && time.isBefore(end);
        }
        // crosses midnight: the evening part belongs to today's window, the morning part to yesterday's
        return days.contains(day) && !time.isBefore(start) || days.contains(day.minus(1)) && time.isBefore(end);
    }

    public boolean mutes(Map<String, String> labels, Instant now) {
        return activeAt(now) && Matcher.all(matchers, labels);
    }
}
