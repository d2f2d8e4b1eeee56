package io.pilotage.kpi.aggregate;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/** Reads and incremental updates of {@link DailyCount}. */
@ApplicationScoped
public class DailyCountRepository implements PanacheRepositoryBase<DailyCount, DailyCount.Key> {

    /**
     * Marks the event processed and, if it was not already, adds one to each KPI's count of that
     * day. Must run inside a transaction: the dedupe row and the increments commit together.
     *
     * @return true when the event was applied, false when it had been applied before
     */
    public Uni<Boolean> applyOnce(String source, String eventId, LocalDate day, Collection<String> kpis) {
        return getSession().chain(session -> session
                .createNativeQuery("insert into processed_event (source, event_id) values (?1, ?2) on conflict do nothing")
                .setParameter(1, source).setParameter(2, eventId)
                .executeUpdate()
                .chain(inserted -> {
                    if (inserted == 0) {
                        return Uni.createFrom().item(false);
                    }
                    Uni<Integer> chain = Uni.createFrom().item(0);
                    for (String kpi : kpis) {
                        chain = chain.chain(ignored -> session.createNativeQuery("""
                                        insert into daily_count (kpi, day, count) values (?1, ?2, 1)
                                        on conflict (kpi, day) do update set count = daily_count.count + 1, updated_at = now()""")
                                .setParameter(1, kpi).setParameter(2, day).executeUpdate());
                    }
                    return chain.replaceWith(true);
                }));
    }

    /** The daily counts of a KPI over {@code [from, to]}; days without events are absent. */
    @WithSession
    public Uni<Map<LocalDate, Long>> countsBetween(String kpi, LocalDate from, LocalDate to) {
        return find("kpi = ?1 and day between ?2 and ?3", kpi, from, to).list()
                .map(rows -> rows.stream().collect(Collectors.toMap(r -> r.day, r -> r.count)));
    }
}
