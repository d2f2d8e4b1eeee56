package io.pilotage.ingestion.supervision;

import io.pilotage.contracts.CanonicalEvent;
import io.pilotage.contracts.definition.SourceDefinition;
import io.pilotage.ingestion.publish.KafkaEventPublisher;
import io.pilotage.ingestion.source.SourceRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Publishes a source's silence for alerting (DESIGN §4 {@code source_silent}): when a registered
 * source has sent no accepted event for longer than its expected interval, a canonical event
 * {@code source.silent} (project: the source's, entity {@code source/<id>}, source
 * {@value #SOURCE}) goes to {@code pilotage.events.v1}; when it speaks again, {@code source.resumed}.
 * Checked every minute; one event per silence (ids are deterministic per silence).
 */
@ApplicationScoped
public class SilentSourceMonitor {

    /** The source id of the events ingestion produces about sources. */
    public static final String SOURCE = "pilotage-ingestion";

    private final SourceStats stats;
    private final SourceRegistry sources;
    private final KafkaEventPublisher publisher;
    private final Set<String> silent = ConcurrentHashMap.newKeySet();

    public SilentSourceMonitor(SourceStats stats, SourceRegistry sources, KafkaEventPublisher publisher) {
        this.stats = stats;
        this.sources = sources;
        this.publisher = publisher;
    }

    @Scheduled(every = "${pilotage.ingestion.silence-check-every:60s}", delayed = "30s")
    void check() {
        Instant now = Instant.now();
        for (SourceDefinition s : sources.all()) {
            if (s.expectedInterval() == null || s.project() == null) {
                continue;
            }
            boolean isSilent = stats.silent(s);
            if (isSilent && silent.add(s.id())) {
                publish(s, "source.silent", now);
            } else if (!isSilent && silent.remove(s.id())) {
                publish(s, "source.resumed", now);
            }
        }
    }

    private void publish(SourceDefinition s, String type, Instant now) {
        Instant last = stats.of(s.id()).lastEventAt();
        CanonicalEvent e = new CanonicalEvent(SOURCE + ":" + type + ":" + s.id() + ":" + now.getEpochSecond(), SOURCE,
                s.project(), type, now, now, "source/" + s.id(), null, null,
                Map.of("source", s.id(), "expected_interval", s.expectedInterval().toString(),
                        "last_event_at", last == null ? "never since start" : last.toString()));
        publisher.publish(e).whenComplete((ok, err) -> {
            if (err != null) {
                Log.warnf("could not publish %s for %s: %s", type, s.id(), err.getMessage());
                // try again at the next check
                if ("source.silent".equals(type)) {
                    silent.remove(s.id());
                } else {
                    silent.add(s.id());
                }
            }
        });
    }
}
