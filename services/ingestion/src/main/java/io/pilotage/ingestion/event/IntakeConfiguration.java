package io.pilotage.ingestion.event;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pilotage.contracts.definition.SourceKeySeal;
import io.pilotage.ingestion.dedupe.EventLedger;
import io.pilotage.ingestion.dedupe.GroupCommitLedger;
import io.pilotage.ingestion.dedupe.PgEventLedger;
import io.pilotage.ingestion.publish.KafkaEventPublisher;
import io.pilotage.ingestion.quality.QualityEvaluator;
import io.pilotage.ingestion.quarantine.QuarantineSink;
import io.pilotage.ingestion.source.SourceRegistry;
import io.pilotage.ingestion.supervision.SourceStats;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;

/** Wires the plain-Java intake pipeline from configuration. */
@ApplicationScoped
public class IntakeConfiguration {

    @Produces
    @ApplicationScoped
    SourceRegistry sourceRegistry() {
        return new SourceRegistry();
    }

    /** Opens the signing keys governance sealed, and seals those of bundled sources it publishes. */
    @Produces
    @ApplicationScoped
    SourceKeySeal sourceKeySeal(@ConfigProperty(name = "pilotage.source-key-secret") String secret) {
        return new SourceKeySeal(secret);
    }

    @Produces
    @ApplicationScoped
    SubjectPseudonymizer pseudonymizer(@ConfigProperty(name = "pilotage.ingestion.pseudonym-secret") String secret) {
        return new SubjectPseudonymizer(secret);
    }

    /**
     * The deduplication ledger: PostgreSQL behind group commit (claims and confirmations of concurrent
     * requests share a statement), its statements counted as {@code pilotage_ingestion_ledger_statements_total}.
     */
    @Produces
    @ApplicationScoped
    EventLedger eventLedger(PgEventLedger store, MeterRegistry registry,
                            @ConfigProperty(name = "pilotage.ingestion.ledger.max-statements") int maxStatements,
                            @ConfigProperty(name = "pilotage.ingestion.ledger.max-pairs") int maxPairs,
                            @ConfigProperty(name = "pilotage.ingestion.ledger.parallel-from-pairs") int parallelFromPairs) {
        GroupCommitLedger ledger = new GroupCommitLedger(store, maxStatements, maxPairs, parallelFromPairs);
        FunctionCounter.builder("pilotage.ingestion.ledger.statements", ledger, GroupCommitLedger::statements)
                .description("Statements sent to the deduplication ledger (each carries the claims and confirmations "
                        + "of every request waiting for it)")
                .register(registry);
        return ledger;
    }

    @Produces
    @ApplicationScoped
    EventIntake eventIntake(KafkaEventPublisher publisher, QuarantineSink quarantine, EventLedger ledger,
                            SourceRegistry sources, SubjectPseudonymizer pseudonymizer, SourceStats stats,
                            @ConfigProperty(name = "pilotage.ingestion.max-future-skew") Duration maxFutureSkew) {
        Clock clock = Clock.systemUTC();
        return new EventIntake(new EventValidator(clock, maxFutureSkew), pseudonymizer, sources, new QualityEvaluator(),
                ledger, publisher, quarantine, stats, clock);
    }

    @Produces
    @ApplicationScoped
    EventBodyReader eventBodyReader(
            @ConfigProperty(name = "pilotage.ingestion.max-batch-items") int maxItems,
            @ConfigProperty(name = "pilotage.ingestion.max-depth") int maxDepth,
            @ConfigProperty(name = "pilotage.ingestion.max-string-length") int maxStringLength,
            @ConfigProperty(name = "pilotage.ingestion.max-members") int maxMembers) {
        return new EventBodyReader(new BoundedJsonReader(
                new BoundedJsonReader.Limits(maxItems, maxDepth, maxStringLength, maxMembers)));
    }
}
