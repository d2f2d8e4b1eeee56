package io.pilotage.governance.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.RejectedEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Per-source data-quality counts from rejected events, in PostgreSQL. */
@ApplicationScoped
public class QualityStats {

    /** How many recent failures are kept per source as a sample. */
    static final int SAMPLE_SIZE = 20;

    /**
     * @param rejected events of the source ingestion rejected
     * @param byRule   failures per rule and field (an event failing two rules counts in both)
     * @param sample   the latest rejected events with their reasons
     * @param passRate the latest days (newest first, at most 31) of received and rejected counts
     *                 reported by ingestion and the pass rate {@code 100 × (1 − rejected/received)}
     */
    public record SourceQuality(String source, long rejected, Instant lastRejectedAt, List<RuleFailures> byRule,
                                List<Sample> sample, List<PassRates.Day> passRate) {

        public SourceQuality withPassRate(List<PassRates.Day> days) {
            return new SourceQuality(source, rejected, lastRejectedAt, byRule, sample, days);
        }
    }

    public record RuleFailures(String rule, String field, long failed, Instant lastAt) {
    }

    public record Sample(String eventId, Instant receivedAt, JsonNode reasons, String payload) {
    }

    /**
     * Applies one rejected event unless this partition's offset was applied already (redelivery).
     * Runs inside the caller's transaction.
     */
    public Uni<Boolean> apply(SqlClient c, int partition, long offset, RejectedEvent e) {
        return c.preparedQuery("insert into quality_offset (topic_partition, applied_offset) values ($1, $2)"
                        + " on conflict (topic_partition) do update set applied_offset = excluded.applied_offset"
                        + " where quality_offset.applied_offset < excluded.applied_offset returning applied_offset")
                .execute(Tuple.of(partition, offset))
                .flatMap(rs -> rs.rowCount() == 0 ? Uni.createFrom().item(false) : count(c, e).replaceWith(true));
    }

    private Uni<Void> count(SqlClient c, RejectedEvent e) {
        var at = (e.receivedAt() == null ? Instant.now() : e.receivedAt()).atOffset(ZoneOffset.UTC);
        Set<String> ruleFields = new LinkedHashSet<>();
        for (RejectedEvent.Reason r : e.reasons()) {
            ruleFields.add((r.rule() == null ? "unknown" : r.rule()) + "\u0000" + (r.field() == null ? "" : r.field()));
        }
        Uni<Void> chain = c.preparedQuery("insert into quality_source (source, rejected, last_at) values ($1, 1, $2)"
                        + " on conflict (source) do update set rejected = quality_source.rejected + 1,"
                        + " last_at = greatest(quality_source.last_at, excluded.last_at)")
                .execute(Tuple.of(e.source(), at)).replaceWithVoid();
        for (String rf : ruleFields) {
            String[] parts = rf.split("\u0000", -1);
            chain = chain.call(() -> c.preparedQuery("insert into quality_failure (source, rule, field, failures, last_at) values ($1, $2, $3, 1, $4)"
                            + " on conflict (source, rule, field) do update set failures = quality_failure.failures + 1,"
                            + " last_at = greatest(quality_failure.last_at, excluded.last_at)")
                    .execute(Tuple.of(e.source(), parts[0], parts[1], at)));
        }
        return chain
                .call(() -> c.preparedQuery("insert into quality_sample (source, event_id, received_at, reasons, payload)"
                                + " values ($1, $2, $3, $4::text::jsonb, $5)")
                        .execute(Tuple.from(Arrays.asList(e.source(), e.eventId(), at, JsonCodec.encodeToString(e.reasons()),
                                e.payload() == null ? null : e.payload().substring(0, Math.min(2000, e.payload().length()))))))
                .call(() -> c.preparedQuery("delete from quality_sample where source = $1 and id not in"
                                + " (select id from quality_sample where source = $1 order by id desc limit $2)")
                        .execute(Tuple.of(e.source(), SAMPLE_SIZE)));
    }

    public Uni<SourceQuality> of(SqlClient c, String source) {
        return c.preparedQuery("select rejected, last_at from quality_source where source = $1").execute(Tuple.of(source))
                .flatMap(total -> c.preparedQuery("select rule, field, failures, last_at from quality_failure where source = $1"
                                + " order by failures desc, rule, field").execute(Tuple.of(source))
                        .flatMap(rules -> c.preparedQuery("select event_id, received_at, reasons::text as reasons, payload"
                                        + " from quality_sample where source = $1 order by id desc").execute(Tuple.of(source))
                                .map(samples -> {
                                    long rejected = 0;
                                    Instant last = null;
                                    if (total.iterator().hasNext()) {
                                        Row t = total.iterator().next();
                                        rejected = t.getLong("rejected");
                                        last = t.getOffsetDateTime("last_at") == null ? null : t.getOffsetDateTime("last_at").toInstant();
                                    }
                                    List<RuleFailures> byRule = new ArrayList<>();
                                    for (Row r : rules) {
                                        byRule.add(new RuleFailures(r.getString("rule"), r.getString("field"), r.getLong("failures"),
                                                r.getOffsetDateTime("last_at").toInstant()));
                                    }
                                    List<Sample> sample = new ArrayList<>();
                                    for (Row r : samples) {
                                        sample.add(new Sample(r.getString("event_id"),
                                                r.getOffsetDateTime("received_at") == null ? null : r.getOffsetDateTime("received_at").toInstant(),
                                                json(r.getString("reasons")), r.getString("payload")));
                                    }
                                    return new SourceQuality(source, rejected, last, byRule, sample, List.of());
                                })));
    }

    private static JsonNode json(String s) {
        try {
            return JsonCodec.mapper().readTree(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
