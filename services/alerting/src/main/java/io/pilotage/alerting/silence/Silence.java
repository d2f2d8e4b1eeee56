package io.pilotage.alerting.silence;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An ad hoc silence: alerts matching every matcher are not notified between start and end. */
public record Silence(String id, List<Matcher> matchers, String author, String reason, Instant startsAt,
                      Instant endsAt) {

    public Silence {
        matchers = List.copyOf(matchers);
    }

    public boolean activeAt(Instant now) {
        return !now.isBefore(startsAt) && now.isBefore(endsAt);
    }

    public boolean mutes(Map<String, String> labels, Instant now) {
        return activeAt(now) && Matcher.all(matchers, labels);
    }
}
