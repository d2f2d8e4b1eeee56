package io.pilotage.kpi.job;

import io.pilotage.kpi.definition.CompiledKpi;
import io.pilotage.kpi.definition.KpiRegistry;
import io.pilotage.kpi.period.PeriodCalendar;
import io.pilotage.kpi.publish.ValuePublisher;
import io.pilotage.kpi.store.DayStates;
import io.pilotage.kpi.store.StateUpdater;
import io.pilotage.kpi.store.StoredEvents;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Rebuild jobs: {@code recompute} (a KPI over a range), {@code replay} (every KPI of a project),
 * {@code backfill} (a new or changed measure). Each job rebuilds day by day from the retained raw
 * events, one transaction per day that also advances the job's cursor, so a job interrupted by a
 * restart resumes after its last day done (a running job whose lease expired is claimed again).
 * Cancelling stops it after the current day.
 */
@ApplicationScoped
public class Jobs {

    private static final String COLUMNS = """
            id, kind, project, kpis, from_day, to_day, state, total_events, done_events, cursor_day, cancel_requested,
            error, requested_by, created_at, started_at, finished_at""";

    private final DataSource db;
    private final StoredEvents events;
    private final StateUpdater updater;
    private final KpiRegistry registry;
    private final ValuePublisher publisher;
    private final PeriodCalendar calendar;
    private final int retentionDays;
    private final Clock clock = Clock.systemUTC();
    private volatile boolean stopping;

    public Jobs(DataSource db, StoredEvents events, StateUpdater updater, KpiRegistry registry, ValuePublisher publisher,
                PeriodCalendar calendar, @ConfigProperty(name = "pilotage.kpi.raw-retention-days") int retentionDays) {
        this.db = db;
        this.events = events;
        this.updater = updater;
        this.registry = registry;
        this.publisher = publisher;
        this.calendar = calendar;
        this.retentionDays = retentionDays;
    }

    /** The first day whose raw events are still retained. */
    public LocalDate retainedSince() {
        return today().minusDays(retentionDays);
    }

    public LocalDate today() {
        return calendar.dayOf(clock.instant());
    }

    /** When a KPI's states were built with another measure (or never), records the new one and queues a backfill. */
    public void backfillIfStale(CompiledKpi k) {
        try (Connection c = db.getConnection()) {
            String stored = null;
            try (PreparedStatement ps = c.prepareStatement("select measure_hash from kpi_measure where kpi = ?")) {
                ps.setString(1, k.key());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        stored = rs.getString(1);
                    }
                }
            }
            if (k.measureHash().equals(stored)) {
                return;
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into kpi_measure (kpi, measure_hash) values (?, ?)
                    on conflict (kpi) do update set measure_hash = excluded.measure_hash, updated_at = now()""")) {
                ps.setString(1, k.key());
                ps.setString(2, k.measureHash());
                ps.executeUpdate();
            }
            LocalDate[] range = events.dayRange(c, k.project());
            if (range != null) {
                LocalDate from = range[0].isBefore(retainedSince()) ? retainedSince() : range[0];
                LocalDate to = range[1].isAfter(today()) ? range[1] : today();
                if (!from.isAfter(to)) {
                    submit(c, "backfill", k.project(), List.of(k.key()), from, to, "system");
                }
            }
        } catch (SQLException e) {
            Log.errorf("cannot schedule the backfill of %s: %s", k.key(), e.getMessage());
        }
    }

    public JobView submit(String kind, String project, List<String> kpis, LocalDate from, LocalDate to, String by) throws SQLException {
        try (Connection c = db.getConnection()) {
            return submit(c, kind, project, kpis, from, to, by);
        }
    }

    private JobView submit(Connection c, String kind, String project, List<String> kpis, LocalDate from, LocalDate to, String by)
            throws SQLException {
        UUID id = UUID.randomUUID();
        long total = events.count(c, project, from, to);
        try (PreparedStatement ps = c.prepareStatement("""
                insert into job (id, kind, project, kpis, from_day, to_day, state, total_events, requested_by)
                values (?, ?, ?, ?, ?, ?, 'queued', ?, ?)""")) {
            ps.setObject(1, id);
            ps.setString(2, kind);
            ps.setString(3, project);
            ps.setArray(4, c.createArrayOf("text", kpis.toArray()));
            ps.setDate(5, Date.valueOf(from));
            ps.setDate(6, Date.valueOf(to));
            ps.setLong(7, total);
            ps.setString(8, by);
            ps.executeUpdate();
        }
        Log.infof("job %s: %s of %s %s over %s..%s (%d events)", id, kind, project, kpis, from, to, total);
        return find(c, id).orElseThrow();
    }

    public Optional<JobView> find(UUID id) throws SQLException {
        try (Connection c = db.getConnection()) {
            return find(c, id);
        }
    }

    private Optional<JobView> find(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from job where id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(view(rs)) : Optional.empty();
            }
        }
    }

    public List<JobView> latest(int limit) throws SQLException {
        List<JobView> out = new ArrayList<>();
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from job order by created_at desc limit ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(view(rs));
                }
            }
        }
        return out;
    }

    /** Asks a job to stop; a queued job is cancelled at once. Returns the job, or empty when unknown. */
    public Optional<JobView> cancel(UUID id) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                update job set cancel_requested = true,
                    state = case when state = 'queued' then 'cancelled' else state end,
                    finished_at = case when state = 'queued' then now() else finished_at end
                where id = ?""")) {
            ps.setObject(1, id);
            ps.executeUpdate();
            return find(c, id);
        }
    }

    private JobView view(ResultSet rs) throws SQLException {
        Instant started = instant(rs.getTimestamp("started_at"));
        long total = rs.getLong("total_events");
        long done = rs.getLong("done_events");
        String state = rs.getString("state");
        Double eta = null;
        if ("running".equals(state) && started != null && done > 0) {
            double elapsed = Duration.between(started, clock.instant()).toMillis() / 1000.0;
            eta = Math.max(0, elapsed / done * (total - done));
        }
        Date cursor = rs.getDate("cursor_day");
        Array kpis = rs.getArray("kpis");
        return new JobView((UUID) rs.getObject("id"), rs.getString("kind"), rs.getString("project"),
                Arrays.asList((String[]) kpis.getArray()), rs.getDate("from_day").toLocalDate(), rs.getDate("to_day").toLocalDate(),
                state, total, done, cursor == null ? null : cursor.toLocalDate(), eta, rs.getBoolean("cancel_requested"),
                rs.getString("error"), rs.getString("requested_by"), instant(rs.getTimestamp("created_at")), started,
                instant(rs.getTimestamp("finished_at")));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /** Runs the oldest runnable job to its end (or cancellation). */
    @Scheduled(every = "${pilotage.kpi.job-poll:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void runNext() {
        JobView job;
        try {
            job = claim().orElse(null);
        } catch (SQLException e) {
            Log.warnf("cannot claim a job: %s", e.getMessage());
            return;
        }
        if (job == null) {
            return;
        }
        try {
            run(job);
        } catch (Exception e) {
            if (stopping) {
                // left running: its lease expires and the next start resumes it after its last day done
                Log.infof("job %s interrupted by the shutdown; it resumes at the next start", job.id());
                return;
            }
            Log.errorf(e, "job %s failed", job.id());
            finish(job.id(), "failed", String.valueOf(e.getMessage()));
        }
    }

    void stopping(@jakarta.enterprise.event.Observes io.quarkus.runtime.ShutdownEvent ignored) {
        stopping = true;
    }

    private Optional<JobView> claim() throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                update job set state = 'running', started_at = coalesce(started_at, now()),
                    leased_until = now() + interval '60 seconds'
                where id = (select id from job
                            where state = 'queued' or (state = 'running' and leased_until < now())
                            order by created_at limit 1 for update skip locked)
                returning id""")) {
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? find(c, (UUID) rs.getObject(1)) : Optional.empty();
            }
        }
    }

    private void run(JobView job) throws SQLException {
        List<CompiledKpi> kpis = job.kpis().stream().map(registry::find).flatMap(Optional::stream).toList();
        try (Connection c = db.getConnection()) {
            DayStates.awaitConsumersInFlight(c); // every later consumer transaction sees the definitions in force now
        }
        LocalDate day = job.lastDayDone() == null ? job.from() : job.lastDayDone().plusDays(1);
        for (; !day.isAfter(job.to()); day = day.plusDays(1)) {
            if (stopping) {
                release(job.id()); // resumed after its last day done at the next start
                return;
            }
            if (cancelRequested(job.id())) {
                finish(job.id(), "cancelled", null);
                return;
            }
            try (Connection c = db.getConnection()) {
                c.setAutoCommit(false);
                long n = updater.rebuild(c, job.project(), kpis, day);
                try (PreparedStatement ps = c.prepareStatement("""
                        update job set cursor_day = ?, done_events = done_events + ?, leased_until = now() + interval '60 seconds'
                        where id = ?""")) {
                    ps.setDate(1, Date.valueOf(day));
                    ps.setLong(2, n);
                    ps.setObject(3, job.id());
                    ps.executeUpdate();
                }
                c.commit();
            }
        }
        finish(job.id(), "done", null);
        LocalDate today = today();
        for (CompiledKpi k : kpis) {
            LocalDate from = job.from().isBefore(today.minusDays(400)) ? today.minusDays(400) : job.from();
            Set<LocalDate> days = new java.util.TreeSet<>();
            for (LocalDate d = from; !d.isAfter(job.to()) && !d.isAfter(today); d = d.plusDays(1)) {
                days.add(d);
            }
            publisher.publishTouched(Map.of(k.key(), days));   // published (and retried) by the publishing thread
        }
    }

    /** Ends the lease of a job left running, so that the next start resumes it at once. */
    private void release(UUID id) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("update job set leased_until = now() where id = ?")) {
            ps.setObject(1, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            Log.infof("job %s keeps its lease (%s); it resumes when the lease expires", id, e.getMessage());
        }
    }

    private boolean cancelRequested(UUID id) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("select cancel_requested from job where id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private void finish(UUID id, String state, String error) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "update job set state = ?, error = ?, finished_at = now(), leased_until = null where id = ?")) {
            ps.setString(1, state);
            ps.setString(2, error);
            ps.setObject(3, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            Log.errorf("cannot record the end of job %s: %s", id, e.getMessage());
        }
    }
}
