package io.pilotage.kpi.forecast;

import io.pilotage.contracts.KpiValue.Period;
import io.pilotage.kpi.compute.ValueReader;
import io.pilotage.kpi.definition.CompiledKpi;
import io.pilotage.kpi.store.DayStates;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Forecasts of KPIs for periods: a closed period's is its final value (as {@link ValueReader}
 * computes it); an open period's is projected by {@link Forecaster} from the day states it reads.
 * An open period's forecast is kept for {@code pilotage.kpi.forecast-ttl} (a definition change
 * makes another key), so scorecards that carry one per KPI stay cheap; once older, but of the same
 * day and under ten TTLs, it is still served while one background thread recomputes it, so a read
 * never waits for a forecast it had a minute ago.
 */
@ApplicationScoped
public class ForecastService {

    private static final int CACHE_SIZE = 2_000;
    /** A forecast up to this many TTLs old (and of the same day) is served while it is recomputed. */
    private static final int STALE_FACTOR = 10;

    private record Key(String kpi, String measureHash, int version, Period period) {
    }

    private record Cached(Instant at, Forecast forecast) {
    }

    private final DataSource db;
    private final DayStates states;
    private final ValueReader reader;
    private final ZoneId zone;
    private final Forecaster forecaster;
    private final Duration ttl;
    private final java.util.Set<Key> refreshing = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.ExecutorService refresher = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "forecast-refresh");
        t.setDaemon(true);
        return t;
    });
    private final Map<Key, Cached> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Cached> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    public ForecastService(DataSource db, DayStates states, ValueReader reader, @ConfigProperty(name = "pilotage.kpi.zone") ZoneId zone,
                           @ConfigProperty(name = "pilotage.kpi.forecast-ttl", defaultValue = "60s") Duration ttl) {
        this.db = db;
        this.states = states;
        this.reader = reader;
        this.zone = zone;
        this.forecaster = new Forecaster(zone);
        this.ttl = ttl;
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        refresher.shutdownNow();
    }

    /** Whether a period has started by {@code now} (a forecast is for an open or a closed period). */
    public boolean started(Period p, Instant now) {
        return !p.start().isAfter(now.atZone(zone).toLocalDate());
    }

    /** Whether {@code now} falls inside the period. */
    public boolean open(Period p, Instant now) {
        LocalDate today = now.atZone(zone).toLocalDate();
        return !p.start().isAfter(today) && !p.end().isBefore(today);
    }

    /**
     * The forecast a scorecard line or a series value carries: an open period's, or null when the
     * period is not open or the forecast cannot be made (logged; the value is served without it).
     */
    public Forecast inline(CompiledKpi k, Period p, Instant now) {
        if (!open(p, now)) {
            return null;
        }
        try {
            return forecast(k, p, now);
        } catch (RuntimeException e) {
            Log.warnf("no forecast for KPI %s, period %s – %s: %s", k.key(), p.start(), p.end(), e.toString());
            return null;
        }
    }

    /** @throws IllegalArgumentException when the period has not started */
    public Forecast forecast(CompiledKpi k, Period p, Instant now) {
        LocalDate today = now.atZone(zone).toLocalDate();
        if (p.start().isAfter(today)) {
            throw new IllegalArgumentException("the period starting " + p.start() + " has not started; a forecast is for the open "
                    + "period or a closed one");
        }
        if (Forecaster.closed(p, today)) {
            return Forecaster.ofClosed(k.definition(), reader.values(k, List.of(p), now).getFirst().value(), now);
        }
        Key key = new Key(k.key(), k.measureHash(), k.definition().version(), p);
        Cached hit;
        synchronized (cache) {
            hit = cache.get(key);
        }
        if (hit != null && hit.at().plus(ttl).isAfter(now)) {
            return hit.forecast();
        }
        if (hit != null && hit.at().plus(ttl.multipliedBy(STALE_FACTOR)).isAfter(now)
                && hit.at().atZone(zone).toLocalDate().equals(today)) {
            // older than the TTL but of today: served as it is while one refresh runs in the background
            if (refreshing.add(key)) {
                try {
                    refresher.execute(() -> {
                        try {
                            compute(k, p, key, Instant.now());
                        } catch (RuntimeException e) {
                            Log.warnf("cannot refresh the forecast of KPI %s: %s", k.key(), e.toString());
                        } finally {
                            refreshing.remove(key);
                        }
                    });
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    refreshing.remove(key);
                }
            }
            return hit.forecast();
        }
        return compute(k, p, key, now);
    }

    private Forecast compute(CompiledKpi k, Period p, Key key, Instant now) {
        LocalDate today = now.atZone(zone).toLocalDate();
        LocalDate[] range = Forecaster.statesNeeded(k, p, today);
        TreeMap<LocalDate, byte[]> encoded = new TreeMap<>();
        try (Connection c = db.getConnection()) {
            states.load(c, k.key(), k.measureHash(), range[0], range[1]).forEach((d, row) -> encoded.put(d, row.state()));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the states of " + k.key() + ": " + e.getMessage(), e);
        }
        Forecast f = forecaster.forecast(k, p, encoded, now);
        synchronized (cache) {
            cache.put(key, new Cached(now, f));
        }
        return f;
    }
}
