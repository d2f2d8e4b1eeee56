package io.pilotage.alerting.silence;

import com.fasterxml.jackson.core.type.TypeReference;
import io.pilotage.alerting.evaluation.AlertRow;
import io.pilotage.contracts.JsonCodec;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads the silences and mute windows in force, and decides whether labels are muted now. */
@ApplicationScoped
public class Mutes {

    private static final TypeReference<List<Matcher>> MATCHERS = new TypeReference<>() {
    };

    private final Pool pool;

    public Mutes(Pool pool) {
        this.pool = pool;
    }

    /**
     * Silences and mute windows, as of now, and the KPIs whose critical alert fires (or is
     * acknowledged): those inhibit the warnings of the same KPI.
     *
     * @param criticalFiring keys {@code <project>/<kpi>}
     */
    public record InForce(List<Silence> silences, List<MuteWindow> windows, Set<String> criticalFiring) {
        public InForce(List<Silence> silences, List<MuteWindow> windows) {
            this(silences, windows, Set.of());
        }

        public boolean mutes(Map<String, String> labels, Instant now) {
            return silences.stream().anyMatch(s -> s.mutes(labels, now))
                    || windows.stream().anyMatch(w -> w.mutes(labels, now));
        }

        /** A warning about a KPI whose critical alert fires is held back: one problem, told once. */
        public boolean inhibits(Map<String, String> labels) {
            return "warning".equals(labels.get("severity")) && labels.get("kpi") != null
                    && criticalFiring.contains(labels.get("project") + "/" + labels.get("kpi"));
        }
    }

    public Uni<InForce> inForce() {
        return inForce(pool);
    }

    /** The same, through one client (a connection: both reads pipelined). */
    public Uni<InForce> inForce(SqlClient client) {
        Uni<List<Silence>> silences = client.query("select * from silence where ends_at > now() and starts_at <= now()")
                .execute().map(rows -> {
                    List<Silence> l = new ArrayList<>();
                    rows.forEach(r -> l.add(silence(r)));
                    return l;
                });
        Uni<List<MuteWindow>> windows = client.query("select * from mute_window").execute().map(rows -> {
            List<MuteWindow> l = new ArrayList<>();
            rows.forEach(r -> l.add(window(r)));
            return l;
        });
        Uni<Set<String>> critical = client.query("""
                        select distinct project, kpi from alert where severity = 'critical' and kpi is not null
                          and state in ('FIRING', 'ACKNOWLEDGED')""").execute().map(rows -> {
            Set<String> keys = new java.util.HashSet<>();
            rows.forEach(r -> keys.add(r.getString("project") + "/" + r.getString("kpi")));
            return keys;
        });
        return Uni.combine().all().unis(silences, windows, critical).asTuple()
                .map(t -> new InForce(t.getItem1(), t.getItem2(), t.getItem3()));
    }

    public static List<Matcher> matchers(Row r) {
        try {
            return JsonCodec.mapper().readValue(r.getValue("matchers").toString(), MATCHERS);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored matchers unreadable", e);
        }
    }

    public static Silence silence(Row r) {
        return new Silence(r.getString("id"), matchers(r), r.getString("author"), r.getString("reason"),
                AlertRow.instant(r, "starts_at"), AlertRow.instant(r, "ends_at"));
    }

    public static MuteWindow window(Row r) {
        Set<DayOfWeek> days = Arrays.stream(r.getString("days").split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).map(DayOfWeek::valueOf).collect(Collectors.toSet());
        return new MuteWindow(r.getString("id"), r.getString("name"), matchers(r), ZoneId.of(r.getString("zone")), days,
                r.getLocalTime("start_time"), r.getLocalTime("end_time"));
    }
}
