package io.pilotage.governance.source;

import io.pilotage.contracts.Granularity;
import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.KpiValue;
import io.pilotage.contracts.SourceStatus;
import io.pilotage.contracts.Topics;
import io.pilotage.contracts.definition.Definition;
import io.pilotage.contracts.definition.Direction;
import io.pilotage.contracts.definition.KpiDefinition;
import io.pilotage.governance.definition.DefinitionPublisher;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-source, per-day pass rates from ingestion's {@link SourceStatus} counts, in PostgreSQL
 * (tables {@code quality_status_instance}, {@code quality_day}), published as the KPI
 * {@code quality.<source>.pass_rate} of the source's project on {@code pilotage.kpi-values.v1}
 * (with its definition on {@code pilotage.definitions.v1} first, so alerting's threshold rules
 * apply to it).
 */
@ApplicationScoped
public class PassRates {

    /** One day of a source. */
    public record Day(LocalDate day, long received, long rejected, Double passRate) {
    }

    private final ZoneId zone;
    private final double target;
    private final double warning;
    private final double critical;
    private final DefinitionPublisher definitions;
    private final MutinyEmitter<Record<String, byte[]>> values;
    private final Set<String> defined = ConcurrentHashMap.newKeySet();

    public PassRates(@ConfigProperty(name = "pilotage.governance.zone") ZoneId zone,
                     @ConfigProperty(name = "pilotage.governance.quality.pass-rate.target") double target,
                     @ConfigProperty(name = "pilotage.governance.quality.pass-rate.warning") double warning,
                     @ConfigProperty(name = "pilotage.governance.quality.pass-rate.critical") double critical,
                     DefinitionPublisher definitions,
                     @Channel("quality-values-out") MutinyEmitter<Record<String, byte[]>> values) {
        this.zone = zone;
        this.target = target;
        this.warning = warning;
        this.critical = critical;
        this.definitions = definitions;
        this.values = values;
    }

    /**
     * Applies one status inside the caller's transaction: counts what it adds to its day, unless
     * it is not newer than the stored status of its instance (a redelivery). Returns the day's
     * counts when they changed.
     */
    public Uni<PassRate.Counts> apply(SqlClient c, SourceStatus s, LocalDate day) {
        return c.preparedQuery("select at, received, rejected from quality_status_instance where source = $1 and instance = $2"
                        + " for update").execute(Tuple.of(s.source(), s.instance()))
                .flatMap(rows -> {
                    PassRate.Counts previous = null;
                    if (rows.iterator().hasNext()) {
                        Row r = rows.iterator().next();
                        if (!r.getOffsetDateTime("at").toInstant().isBefore(s.at())) {
                            return Uni.createFrom().nullItem();
                        }
                        previous = new PassRate.Counts(r.getLong("received"), r.getLong("rejected"));
                    }
                    PassRate.Counts delta = PassRate.delta(previous, new PassRate.Counts(s.received(), s.rejected()));
                    return c.preparedQuery("insert into quality_status_instance (source, instance, at, received, rejected)"
                                    + " values ($1, $2, $3, $4, $5) on conflict (source, instance) do update set at = excluded.at,"
                                    + " received = excluded.received, rejected = excluded.rejected")
                            .execute(Tuple.of(s.source(), s.instance(), s.at().atOffset(java.time.ZoneOffset.UTC),
                                    s.received(), s.rejected()))
                            .flatMap(x -> c.preparedQuery("insert into quality_day (source, day, project, received, rejected)"
                                            + " values ($1, $2, $3, $4, $5) on conflict (source, day) do update set"
                                            + " received = quality_day.received + excluded.received,"
                                            + " rejected = quality_day.rejected + excluded.rejected,"
                                            + " project = coalesce(excluded.project, quality_day.project)"
                                            + " returning received, rejected")
                                    .execute(Tuple.of(s.source(), day, s.project(), delta.received(), delta.rejected())))
                            .map(r -> {
                                Row row = r.iterator().next();
                                return new PassRate.Counts(row.getLong("received"), row.getLong("rejected"));
                            });
                });
    }

    /** The day (configured zone) a status counts in. */
    public LocalDate dayOf(Instant at) {
        return at.atZone(zone).toLocalDate();
    }

    /** The KPI definition of a source's pass rate in its project. */
    public KpiDefinition definition(String source, String project) {
        return new KpiDefinition(PassRate.kpiKey(source), project,
                Map.of("en", "Pass rate of " + source, "fr", "Taux de conformité de " + source), "%",
                Direction.HIGHER_IS_BETTER, target, new KpiDefinition.Thresholds(warning, critical), "daily",
                "system", null, null, 1);
    }

    /** Publishes the day's pass rate (and, once per process and source, its definition before it). */
    public Uni<Void> publish(String source, String project, LocalDate day, PassRate.Counts counts) {
        KpiDefinition def = definition(source, project);
        Uni<Void> first = defined.contains(def.project() + "/" + def.key()) ? Uni.createFrom().voidItem()
                : definitions.publish(Definition.of(def, Instant.now(), "system", "quality pass rate"))
                .invoke(() -> defined.add(def.project() + "/" + def.key()));
        Double rate = PassRate.rate(counts);
        KpiValue v = new KpiValue(def.key(), project, new KpiValue.Period(Granularity.DAY, day, day), rate, "%", target,
                PassRate.status(rate, warning, critical), counts.received(), true, null, def.version(), Instant.now());
        return first.chain(() -> values.send(Record.of(Topics.kpiKey(project, def.key()), JsonCodec.encode(v))));
    }

    /** The latest days of a source, newest first. */
    public Uni<List<Day>> days(SqlClient c, String source, int limit) {
        return c.preparedQuery("select day, received, rejected from quality_day where source = $1 order by day desc limit $2")
                .execute(Tuple.of(source, limit))
                .map(rows -> {
                    List<Day> out = new ArrayList<>();
                    for (Row r : rows) {
                        PassRate.Counts counts = new PassRate.Counts(r.getLong("received"), r.getLong("rejected"));
                        out.add(new Day(r.getLocalDate("day"), counts.received(), counts.rejected(), PassRate.rate(counts)));
                    }
                    return out;
                });
    }
}
