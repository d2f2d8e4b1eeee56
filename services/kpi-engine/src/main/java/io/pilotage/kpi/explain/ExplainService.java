package io.pilotage.kpi.explain;

import io.pilotage.contracts.KpiValue;
import io.pilotage.contracts.KpiValue.Period;
import io.pilotage.contracts.definition.KpiDefinition;
import io.pilotage.contracts.definition.Measure;
import io.pilotage.kpi.compute.KpiCalculator;
import io.pilotage.kpi.compute.ValueReader;
import io.pilotage.kpi.definition.CompiledKpi;
import io.pilotage.kpi.measure.EntityIntervals;
import io.pilotage.kpi.measure.MeasureKind;
import io.pilotage.kpi.measure.Window;
import io.pilotage.kpi.store.DayStates;
import io.pilotage.kpi.store.StoredEvents;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * Explains a KPI's value for a period: the value and status as {@code /values} serves them (day
 * states), the definition and status rule in words, and the evidence: the retained raw events of
 * the value's window that the measure takes (counted per type, a sample), and for
 * {@code duration}/{@code within} the entities still open (from the day states, which reach back
 * over the lookback). Plain Java on JDBC.
 */
public final class ExplainService {

    private final DataSource db;
    private final StoredEvents events;
    private final DayStates states;
    private final ValueReader reader;
    private final ZoneId zone;

    public ExplainService(DataSource db, StoredEvents events, DayStates states, ValueReader reader, ZoneId zone) {
        this.db = db;
        this.events = events;
        this.states = states;
        this.reader = reader;
        this.zone = zone;
    }

    public Explanation explain(CompiledKpi k, Period p, Instant now) {
        KpiCalculator.Computed computed = reader.values(k, List.of(p), now).getFirst();
        LocalDate[] w = KpiCalculator.window(k, p);
        Evidence evidence = new Evidence();
        OpenEntities.Result open = null;
        MeasureKind<?> kind = k.measure();
        try (Connection c = db.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                Set<String> types = typesTaken(k.definition().measure());
                if (types != null && !types.isEmpty() && byTypeAlone(k.definition().measure())) {
                    // counted and sampled by the database: a month of millions of events is not streamed
                    StoredEvents.Summary summary = events.summariseBetween(c, k.project(), w[0], w[1], types, Evidence.SAMPLE);
                    summary.byType().forEach((type, n) -> evidence.count(type, n, summary.lastByType().get(type)));
                    summary.latest().forEach(evidence::offer);
                } else {
                    events.forEachBetween(c, k.project(), w[0], w[1], types, e -> {
                        if (kind.accepts(e)) {
                            evidence.add(e);
                        }
                    });
                }
                if (isInterval(k.definition().measure())) {
                    open = openEntities(c, k, w, now);
                }
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the events of " + k.key() + ": " + e.getMessage(), e);
        }
        return assemble(k.definition(), p, computed.value(), evidence, open, zone);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private OpenEntities.Result openEntities(Connection c, CompiledKpi k, LocalDate[] w, Instant now) throws SQLException {
        MeasureKind kind = k.measure();
        LocalDate from = w[0].minusDays(kind.lookbackDays());
        NavigableMap<LocalDate, Object> days = new TreeMap<>();
        states.load(c, k.key(), k.measureHash(), from, w[1]).forEach((d, row) -> days.put(d, kind.decode(row.state())));
        Object merged = kind.mergeDays(days, from, w[1]);
        if (!(merged instanceof EntityIntervals history)) {
            return null;
        }
        Measure m = k.definition().measure();
        Instant end = new Window(w[0], w[1], zone, now).effectiveEnd();
        return OpenEntities.of(history, end, "within".equalsIgnoreCase(m.type()) ? m.limit() : null, OpenEntities.MAX);
    }

    /** Whether the measure takes its events by their type alone (no {@code where}, at any depth). */
    static boolean byTypeAlone(Measure m) {
        return m == null || (m.where().isEmpty() && byTypeAlone(m.numerator()) && byTypeAlone(m.denominator()));
    }

    static boolean isInterval(Measure m) {
        return m != null && m.type() != null && List.of("duration", "within").contains(m.type().toLowerCase(Locale.ROOT));
    }

    /**
     * The event types a measure can take, to narrow the raw-event read; null when it may take any
     * type (the measure's own filter decides event by event either way).
     */
    static Set<String> typesTaken(Measure m) {
        if (m == null || m.type() == null) {
            return Set.of();
        }
        Set<String> types = new HashSet<>();
        switch (m.type().toLowerCase(Locale.ROOT)) {
            case "ratio" -> {
                Set<String> n = typesTaken(m.numerator());
                Set<String> d = typesTaken(m.denominator());
                if (n == null || d == null) {
                    return null;
                }
                types.addAll(n);
                types.addAll(d);
            }
            case "duration", "within" -> {
                types.addAll(m.start());
                types.addAll(m.end());
            }
            case "uptime" -> {
                types.addAll(m.up());
                types.addAll(m.down());
            }
            default -> {
                if (m.events().isEmpty()) {
                    return null;
                }
                types.addAll(m.events());
                types.addAll(m.cohort());
            }
        }
        return types;
    }

    /** The answer from its parts. */
    static Explanation assemble(KpiDefinition d, Period p, KpiValue v, Evidence evidence, OpenEntities.Result open, ZoneId zone) {
        Explanation.Thresholds thresholds = d.thresholds() == null ? new Explanation.Thresholds(null, null)
                : new Explanation.Thresholds(d.thresholds().warning(), d.thresholds().critical());
        return new Explanation(d.key(), d.project(), d.name(), d.unit(), d.direction(), d.target(), thresholds, d.frequency(),
                d.window(), zone.getId(), d.owner(), d.version(), p, v.value(), v.status(), DefinitionRenderer.of(d),
                StatusRule.of(v.value(), d), v.sampleSize(), v.exact(), v.errorBound(), evidence.eventsByType(), evidence.sample(),
                open == null ? null : open.entities(), open == null ? null : open.count(), evidence.lastEventAt(), v.computedAt());
    }
}
