package io.pilotage.alerting.evaluation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pilotage.alerting.definition.Definitions;
import io.pilotage.alerting.delivery.Dispatcher;
import io.pilotage.alerting.delivery.Stages;
import io.pilotage.alerting.AlertingConfig;
import io.pilotage.alerting.rule.AlertPeriods;
import io.pilotage.alerting.rule.AlertRule;
import io.pilotage.alerting.rule.RuleEvaluator;
import io.pilotage.alerting.rule.Rules;
import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.KpiValue;
import io.pilotage.contracts.definition.KpiDefinition;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Evaluates every KPI value of {@code pilotage.kpi-values.v1} against the rules of its KPI. A value
 * that can never be evaluated (undecodable, invalid, unknown KPI) is dead-lettered and the consumer
 * goes on; a transient failure (database) is retried with backoff without skipping. The offset is
 * acknowledged after the transaction that stored the transitions and their notifications.
 */
@ApplicationScoped
public class KpiValueConsumer {

    private final Definitions definitions;
    private final Rules rules;
    private final AlertEngine engine;
    private final AlertPublisher publisher;
    private final Dispatcher dispatcher;
    private final DeadLetters deadLetters;
    private final Pool pool;
    private final Counter evaluated;
    private final Stages stages;
    private final AlertingConfig config;

    public KpiValueConsumer(Definitions definitions, Rules rules, AlertEngine engine, AlertPublisher publisher,
                            Dispatcher dispatcher, DeadLetters deadLetters, Pool pool, MeterRegistry registry,
                            Stages stages, AlertingConfig config) {
        this.config = config;
        this.stages = stages;
        this.definitions = definitions;
        this.rules = rules;
        this.engine = engine;
        this.publisher = publisher;
        this.dispatcher = dispatcher;
        this.deadLetters = deadLetters;
        this.pool = pool;
        this.evaluated = registry.counter("pilotage_alerting_values", "outcome", "evaluated");
    }

    @Incoming("kpi-values-in")
    public Uni<Void> consume(Message<byte[]> message) {
        KpiValue value;
        try {
            value = JsonCodec.decode(message.getPayload(), KpiValue.class);
        } catch (RuntimeException e) {
            return deadLetter(message, "undecodable KPI value: " + rootMessage(e));
        }
        Optional<String> invalid = validate(value);
        if (invalid.isPresent()) {
            return deadLetter(message, invalid.get());
        }
        Optional<KpiDefinition> definition = definitions.kpi(value.project(), value.kpi());
        if (definition.isEmpty()) {
            return deadLetter(message, "unknown KPI " + value.project() + "/" + value.kpi());
        }
        Instant now = Instant.now();
        message.getMetadata(IncomingKafkaRecordMetadata.class)
                .ifPresent(m -> stages.kafka(m.getTimestamp() == null ? 0 : m.getTimestamp().toEpochMilli(), now));
        // only the KPI's own frequency drives its alerts; earlier closed periods are history
        AlertPeriods.Role role = AlertPeriods.role(definition.get().frequency(), value.period(),
                LocalDate.ofInstant(now, config.zone()));
        return previousAndStore(value)
                .chain(previous -> {
                    List<Evaluation> evaluations = new ArrayList<>();
                    if (role != AlertPeriods.Role.IGNORED) {
                        for (AlertRule rule : rules.forKpi(definition.get())) {
                            RuleEvaluator.evaluate(rule, definition.get(), value, previous, now)
                                    .ifPresent(in -> evaluations.add(new Evaluation(rule, in, definition.get(), value,
                                            previous, role == AlertPeriods.Role.HISTORICAL)));
                        }
                    }
                    return engine.apply(evaluations);
                })
                .onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(10)).indefinitely()
                .invoke(outcome -> {
                    evaluated.increment();
                    if (outcome.notified()) {
                        stages.evaluated(now);
                        dispatcher.dispatch(outcome.due());
                    }
                })
                .chain(outcome -> publisher.publish(outcome.transitions()))
                .chain(() -> Uni.createFrom().completionStage(message.ack()));
    }

    private Uni<Void> deadLetter(Message<byte[]> message, String reason) {
        return deadLetters.record(message, reason).chain(() -> Uni.createFrom().completionStage(message.ack()));
    }

    static Optional<String> validate(KpiValue v) {
        if (v == null) {
            return Optional.of("empty KPI value");
        }
        if (v.kpi() == null || v.kpi().isBlank()) {
            return Optional.of("kpi is required");
        }
        if (v.project() == null || v.project().isBlank()) {
            return Optional.of("project is required");
        }
        if (v.period() == null || v.period().granularity() == null || v.period().start() == null) {
            return Optional.of("period (granularity, start) is required");
        }
        if (v.status() == null) {
            return Optional.of("status is required");
        }
        if (v.value() != null && (v.value().isNaN() || v.value().isInfinite())) {
            return Optional.of("value must be a finite number");
        }
        return Optional.empty();
    }

    /**
     * Stores the value of its period and returns the value of the period before it (same
     * granularity), if any: one statement (the CTE's read sees the table as before the upsert).
     */
    private Uni<Double> previousAndStore(KpiValue v) {
        String granularity = v.period().granularity().wireName();
        return pool.preparedQuery("""
                        with stored as (
                          insert into kpi_period_value (project, kpi, granularity, period_start, period_end, value, received_at)
                          values ($1, $2, $3, $4, $5, $6, now())
                          on conflict (project, kpi, granularity, period_start)
                          do update set value = excluded.value, period_end = excluded.period_end, received_at = now())
                        select (select value from kpi_period_value where project = $1 and kpi = $2 and granularity = $3
                          and period_start < $4 and value is not null order by period_start desc limit 1) as value""")
                .execute(Tuple.from(new Object[] {v.project(), v.kpi(), granularity, v.period().start(),
                        v.period().end() == null ? v.period().start() : v.period().end(), v.value()}))
                .map(rows -> rows.iterator().next().getDouble("value"));
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
