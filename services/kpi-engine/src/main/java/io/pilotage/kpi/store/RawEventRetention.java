package io.pilotage.kpi.store;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * Bounds the raw events (and with them the dedupe set): every hour, monthly partitions of
 * {@code raw_event} that end more than {@code pilotage.kpi.raw-retention-days} days ago are dropped.
 * Aggregates are kept; only a backfill or replay of those days is no longer possible.
 */
@ApplicationScoped
public class RawEventRetention {

    private final DataSource db;
    private final StoredEvents events;
    private final int retentionDays;
    private final ZoneId zone;

    public RawEventRetention(DataSource db, StoredEvents events,
                             @ConfigProperty(name = "pilotage.kpi.raw-retention-days") int retentionDays,
                             @ConfigProperty(name = "pilotage.kpi.zone") ZoneId zone) {
        this.db = db;
        this.events = events;
        this.retentionDays = retentionDays;
        this.zone = zone;
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        purgeBefore(LocalDate.now(zone).minusDays(retentionDays));
    }

    public List<String> purgeBefore(LocalDate cutoff) {
        try (Connection c = db.getConnection()) {
            List<String> dropped = events.dropPartitionsBefore(c, cutoff);
            if (!dropped.isEmpty()) {
                Log.infof("raw events before %s dropped: %s", cutoff, dropped);
            }
            return dropped;
        } catch (SQLException e) {
            Log.warnf("raw-event retention failed (retried in an hour): %s", e.getMessage());
            return List.of();
        }
    }
}
