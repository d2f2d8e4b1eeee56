package io.pilotage.ingestion.ratelimit;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.pilotage.contracts.Problem;
import io.pilotage.contracts.definition.SourceDefinition;
import io.pilotage.ingestion.event.EventBodyReader.Item;
import io.pilotage.ingestion.source.SourceRegistry;
import io.pilotage.ingestion.supervision.SourceStats;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-source rate limits (Bucket4j token buckets, one per source and instance): a source may send
 * {@code rate} events per second with bursts up to {@code burst} events. The rate comes from the
 * source's mapping ({@code rateLimit: {perSecond, burst}}) or the defaults
 * {@code pilotage.ingestion.rate-limit.per-second} / {@code .burst}. Over the limit: 429 with
 * {@code Retry-After} (whole seconds until enough tokens are back), counted as rate-limited.
 */
@ApplicationScoped
public class SourceRateLimiter {

    private record Limited(Bucket bucket, long perSecond, long burst) {
    }

    private final Map<String, Limited> buckets = new ConcurrentHashMap<>();
    private final SourceRegistry sources;
    private final SourceStats stats;
    private final long defaultPerSecond;
    private final long defaultBurst;

    public SourceRateLimiter(SourceRegistry sources, SourceStats stats,
                             @ConfigProperty(name = "pilotage.ingestion.rate-limit.per-second") long defaultPerSecond,
                             @ConfigProperty(name = "pilotage.ingestion.rate-limit.burst") long defaultBurst) {
        this.sources = sources;
        this.stats = stats;
        this.defaultPerSecond = defaultPerSecond;
        this.defaultBurst = defaultBurst;
    }

    /** A refusal: the 429 problem and the seconds of its {@code Retry-After}. */
    public record Refusal(Problem problem, long retryAfterSeconds) {
    }

    /**
     * Null when every source named by the items may send that many more events now; else the
     * refusal of the first source over its rate. Items that name no source are not counted here
     * (they are rejected by validation).
     */
    public Refusal refusal(List<Item> items) {
        Map<String, Integer> perSource = new HashMap<>(4);
        for (Item item : items) {
            JsonNode source = item.node() == null ? null : item.node().get("source");
            if (source != null && source.isTextual()) {
                perSource.merge(source.asText(), 1, Integer::sum);
            }
        }
        for (Map.Entry<String, Integer> e : perSource.entrySet()) {
            Refusal r = refusal(e.getKey(), e.getValue());
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    /** Null when {@code events} more events of {@code source} are allowed now; else why not. */
    public Refusal refusal(String source, int events) {
        if (events <= 0) {
            return null;
        }
        // unregistered source names share one bucket, so arbitrary names cannot grow the map
        Limited limited = bucket(sources.find(source).isPresent() ? source : "unregistered");
        ConsumptionProbe probe = limited.bucket().tryConsumeAndReturnRemaining(Math.min(events, limited.burst()));
        if (probe.isConsumed()) {
            return null;
        }
        stats.rateLimited(source);
        long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds()
                + (probe.getNanosToWaitForRefill() % 1_000_000_000L > 0 ? 1 : 0));
        Problem p = Problem.forStatus(429, "source " + source + " is over its rate of " + limited.perSecond()
                + " events/s (burst " + limited.burst() + "); retry after " + seconds + " s", null);
        return new Refusal(p, seconds);
    }

    private Limited bucket(String source) {
        SourceDefinition def = sources.settingsOf(source);
        Object section = def.mapping().get("rateLimit");
        long perSecond = defaultPerSecond;
        long burst = defaultBurst;
        if (section instanceof Map<?, ?> m) {
            perSecond = asLong(m.get("perSecond"), perSecond);
            burst = asLong(m.get("burst"), burst);
        }
        long rate = perSecond;
        long capacity = Math.max(burst, 1);
        Limited current = buckets.get(source);
        if (current != null && current.perSecond() == rate && current.burst() == capacity) {
            return current;
        }
        Limited created = new Limited(Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(rate, Duration.ofSeconds(1)).build())
                .build(), rate, capacity);
        buckets.put(source, created);
        return created;
    }

    private static long asLong(Object v, long fallback) {
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return v == null ? fallback : Long.parseLong(v.toString());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
