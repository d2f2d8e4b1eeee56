package io.pilotage.kpi.store;

import io.pilotage.contracts.CanonicalEvent;
import io.pilotage.contracts.JsonCodec;

import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The retained raw events ({@code raw_event}, one partition per month of local days): the dedupe
 * set and the source of backfills. Plain JDBC on a connection the caller's transaction owns.
 */
public final class StoredEvents {

    private final ZoneId zone;
    private final Set<YearMonth> knownPartitions = ConcurrentHashMap.newKeySet();

    public StoredEvents(ZoneId zone) {
        this.zone = zone;
    }

    public LocalDate dayOf(CanonicalEvent e) {
        return e.occurredAt().atZone(zone).toLocalDate();
    }

    static String partitionName(YearMonth m) {
        return "raw_event_%04d_%02d".formatted(m.getYear(), m.getMonthValue());
    }

    /**
     * Creates the monthly partitions these days need (idempotent; concurrent transactions creating
     * the same month wait for each other) and returns the months it created or checked, to pass to
     * {@link #committed} once this transaction has committed.
     */
    public Set<YearMonth> ensurePartitions(Connection c, Set<LocalDate> days) throws SQLException {
        Set<YearMonth> months = new HashSet<>();
        days.forEach(d -> months.add(YearMonth.from(d)));
        months.removeAll(knownPartitions);
        if (months.isEmpty()) {
            return months;
        }
        try (Statement st = c.createStatement()) {
            st.execute("select pg_advisory_xact_lock(hashtext('raw_event partitions'))");
            for (YearMonth m : months) {
                st.execute("create table if not exists %s partition of raw_event for values from ('%s') to ('%s')"
                        .formatted(partitionName(m), m.atDay(1), m.plusMonths(1).atDay(1)));
            }
        }
        return months;
    }

    /** Call after the commit of the transaction that ensured these months: their partitions exist for good. */
    public void committed(Set<YearMonth> months) {
        knownPartitions.addAll(months);
    }

    /**
     * Inserts the events not stored yet (by day, source and id) and returns them, in input order.
     * The first of several copies within the list wins.
     */
    public List<CanonicalEvent> insertNew(Connection c, List<CanonicalEvent> events) throws SQLException {
        Map<String, CanonicalEvent> unique = new LinkedHashMap<>();
        for (CanonicalEvent e : events) {
            unique.putIfAbsent(identity(e.source(), e.id()), e);
        }
        if (unique.isEmpty()) {
            return List.of();
        }
        int n = unique.size();
        String[] day = new String[n], source = new String[n], id = new String[n], project = new String[n], type = new String[n],
                occurred = new String[n], entity = new String[n], subject = new String[n], attributes = new String[n];
        Double[] value = new Double[n];
        int i = 0;
        for (CanonicalEvent e : unique.values()) {
            day[i] = dayOf(e).toString();
            source[i] = e.source();
            id[i] = e.id();
            project[i] = e.project();
            type[i] = e.type();
            occurred[i] = e.occurredAt().toString();
            entity[i] = e.entity();
            subject[i] = e.subject();
            value[i] = e.value();
            attributes[i] = e.attributes().isEmpty() ? null : JsonCodec.encodeToString(e.attributes());
            i++;
        }
        List<CanonicalEvent> inserted = new ArrayList<>(n);
        try (PreparedStatement ps = c.prepareStatement("""
                insert into raw_event (day, source, event_id, project, type, occurred_at, entity, subject, value, attributes)
                select d::date, s, i, p, t, o::timestamptz, e, sub, v, a::jsonb
                from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                            ?::float8[], ?::text[]) as u(d, s, i, p, t, o, e, sub, v, a)
                on conflict do nothing
                returning source, event_id""")) {
            Array[] arrays = {c.createArrayOf("text", day), c.createArrayOf("text", source), c.createArrayOf("text", id),
                    c.createArrayOf("text", project), c.createArrayOf("text", type), c.createArrayOf("text", occurred),
                    c.createArrayOf("text", entity), c.createArrayOf("text", subject), c.createArrayOf("float8", value),
                    c.createArrayOf("text", attributes)};
            for (int k = 0; k < arrays.length; k++) {
                ps.setArray(k + 1, arrays[k]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                Set<String> fresh = new HashSet<>();
                while (rs.next()) {
                    fresh.add(identity(rs.getString(1), rs.getString(2)));
                }
                for (Map.Entry<String, CanonicalEvent> e : unique.entrySet()) {
                    if (fresh.contains(e.getKey())) {
                        inserted.add(e.getValue());
                    }
                }
            }
        }
        return inserted;
    }

    private static String identity(String source, String id) {
        return source + '\u0000' + id;
    }

    /** Streams a project's events of one local day, in no particular order (measure states do not depend on it). */
    public long forEachOfDay(Connection c, String project, LocalDate day, Consumer<CanonicalEvent> sink) throws SQLException {
        long n = 0;
        try (PreparedStatement ps = c.prepareStatement("""
                select event_id, source, project, type, occurred_at, entity, subject, value, attributes::text
                from raw_event where project = ? and day = ?""")) {
            ps.setString(1, project);
            ps.setDate(2, Date.valueOf(day));
            ps.setFetchSize(5000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(row(rs));
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * Streams a project's events of the local days {@code [from, to]}, only those of the given types
     * when {@code types} is not null, in no particular order. The connection must not be in
     * auto-commit mode for the rows to be fetched in chunks.
     */
    public long forEachBetween(Connection c, String project, LocalDate from, LocalDate to, Set<String> types,
                               Consumer<CanonicalEvent> sink) throws SQLException {
        long n = 0;
        try (PreparedStatement ps = c.prepareStatement("""
                select event_id, source, project, type, occurred_at, entity, subject, value, attributes::text
                from raw_event where project = ? and day between ? and ?""" + (types == null ? "" : " and type = any(?)"))) {
            bindWindow(c, ps, project, from, to, types);
            ps.setFetchSize(5000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(row(rs));
                    n++;
                }
            }
        }
        return n;
    }

    /** The events of types of a project's days, summarised: how many of each type, the latest time, the latest few. */
    public record Summary(Map<String, Long> byType, Map<String, Instant> lastByType, List<CanonicalEvent> latest) {
    }

    /**
     * Counts per type and the {@code latest} newest events of a project's days, in the database: for
     * a measure that takes its events by type alone, without streaming every event of the window.
     */
    public Summary summariseBetween(Connection c, String project, LocalDate from, LocalDate to, Set<String> types, int latest)
            throws SQLException {
        Map<String, Long> counts = new java.util.HashMap<>();
        Map<String, Instant> last = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select type, count(*), max(occurred_at) from raw_event
                where project = ? and day between ? and ? and type = any(?) group by type""")) {
            bindWindow(c, ps, project, from, to, types);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                    last.put(rs.getString(1), rs.getTimestamp(3).toInstant());
                }
            }
        }
        List<CanonicalEvent> newest = new java.util.ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select event_id, source, project, type, occurred_at, entity, subject, value, attributes::text
                from raw_event where project = ? and day between ? and ? and type = any(?)
                order by occurred_at desc, source, event_id limit ?""")) {
            bindWindow(c, ps, project, from, to, types);
            ps.setInt(5, latest);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    newest.add(row(rs));
                }
            }
        }
        return new Summary(counts, last, newest);
    }

    /** Binds {@code project = ? and day between ? and ?} and, unless {@code types} is null, {@code type = any(?)}. */
    private static void bindWindow(Connection c, PreparedStatement ps, String project, LocalDate from, LocalDate to,
                                   Set<String> types) throws SQLException {
        ps.setString(1, project);
        ps.setDate(2, Date.valueOf(from));
        ps.setDate(3, Date.valueOf(to));
        if (types != null) {
            ps.setArray(4, c.createArrayOf("text", types.toArray()));
        }
    }

    private static CanonicalEvent row(ResultSet rs) throws SQLException {
        Timestamp at = rs.getTimestamp(5);
        double v = rs.getDouble(8);
        Double value = rs.wasNull() ? null : v;
        String attrs = rs.getString(9);
        @SuppressWarnings("unchecked")
        Map<String, Object> attributes = attrs == null ? Map.of() : JsonCodec.decode(attrs, Map.class);
        return new CanonicalEvent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                at.toInstant(), null, rs.getString(6), rs.getString(7), value, attributes);
    }

    /** The first and last day with events of a project, or null when it has none. */
    public LocalDate[] dayRange(Connection c, String project) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select min(day), max(day) from raw_event where project = ?")) {
            ps.setString(1, project);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Date min = rs.getDate(1);
                return min == null ? null : new LocalDate[] {min.toLocalDate(), rs.getDate(2).toLocalDate()};
            }
        }
    }

    /** How many events of a project fall on {@code [from, to]}. */
    public long count(Connection c, String project, LocalDate from, LocalDate to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select count(*) from raw_event where project = ? and day between ? and ?")) {
            ps.setString(1, project);
            ps.setDate(2, Date.valueOf(from));
            ps.setDate(3, Date.valueOf(to));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Drops the monthly partitions that end before {@code cutoff}; returns their names. */
    public List<String> dropPartitionsBefore(Connection c, LocalDate cutoff) throws SQLException {
        List<String> dropped = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                select child.relname from pg_inherits
                join pg_class parent on pg_inherits.inhparent = parent.oid
                join pg_class child on pg_inherits.inhrelid = child.oid
                where parent.relname = 'raw_event'""")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        for (String name : names) {
            if (!name.matches("raw_event_\\d{4}_\\d{2}")) {
                continue;
            }
            YearMonth m = YearMonth.of(Integer.parseInt(name.substring(10, 14)), Integer.parseInt(name.substring(15, 17)));
            if (m.plusMonths(1).atDay(1).isAfter(cutoff)) {
                continue;
            }
            try (Statement st = c.createStatement()) {
                st.execute("drop table if exists " + name);
            }
            knownPartitions.remove(m);
            dropped.add(name);
        }
        return dropped;
    }
}
