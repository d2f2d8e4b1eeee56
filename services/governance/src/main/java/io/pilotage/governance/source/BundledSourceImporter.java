package io.pilotage.governance.source;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.definition.Definition;
import io.pilotage.contracts.definition.SourceDefinition;
import io.pilotage.governance.definition.DefinitionStore;
import io.pilotage.governance.definition.DefinitionStore.Change;
import io.pilotage.governance.rest.ApiException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Duration;

/**
 * Seeds the registry with the sources bundled with ingestion: ingestion publishes each of them on
 * {@code pilotage.definitions.v1} (version 1, by {@code system}) when governance has not, and this
 * consumer stores such a record as governance's own version 1, by {@code system}, audited, when
 * governance never had a source of that id (neither now nor in its history: a source deleted here
 * stays deleted). The record is stored as published (its signing keys already sealed, only hashes
 * of its secrets), so the registry, the console and ingestion show the same sources; later edits
 * and rotations are governance's like any other source's. Nothing is published: the topic has it.
 *
 * <p>Every other record is acknowledged and skipped; one that cannot be read is logged and
 * counted ({@code pilotage_governance_definitions_unreadable_total}); a database failure is retried
 * with backoff.
 */
@ApplicationScoped
public class BundledSourceImporter {

    private final Pool pool;
    private final DefinitionStore store;
    private final Counter unreadable;
    private final Counter imported;

    public BundledSourceImporter(Pool pool, DefinitionStore store, MeterRegistry registry) {
        this.pool = pool;
        this.store = store;
        this.unreadable = registry.counter("pilotage.governance.definitions.unreadable");
        this.imported = registry.counter("pilotage.governance.bundled.sources.imported");
    }

    @Incoming("definitions-in")
    public Uni<Void> consume(Message<byte[]> message) {
        SourceDefinition source;
        try {
            source = message.getPayload() == null ? null
                    : BundledSources.bundled(JsonCodec.decode(message.getPayload(), Definition.class));
        } catch (RuntimeException e) {
            var meta = message.getMetadata(IncomingKafkaRecordMetadata.class).orElse(null);
            unreadable.increment();
            Log.warnf("definitions record at partition %d offset %d skipped: %s", meta == null ? -1 : meta.getPartition(),
                    meta == null ? -1L : meta.getOffset(), e.getMessage());
            return Uni.createFrom().completionStage(message.ack());
        }
        if (source == null) {
            return Uni.createFrom().completionStage(message.ack());
        }
        return adopt(source)
                .onFailure(e -> !(e instanceof ApiException)).retry()
                .withBackOff(Duration.ofMillis(500), Duration.ofSeconds(30)).atMost(20)
                .onFailure().recoverWithItem(e -> {
                    Log.warnf("bundled source %s not imported: %s", source.id(), e.getMessage());
                    return false;
                })
                .onItem().transformToUni(done -> Uni.createFrom().completionStage(message.ack()));
    }

    /** Stores the source unless governance has, or ever had, one of that id; true when stored now. */
    Uni<Boolean> adopt(SourceDefinition source) {
        String kind = DefinitionStore.wire(Definition.Kind.SOURCE);
        return pool.withTransaction(c -> c.preparedQuery("select exists (select 1 from definition where kind = $1 and id = $2)"
                                + " or exists (select 1 from definition_history where kind = $1 and id = $2)")
                .execute(Tuple.of(kind, source.id()))
                .flatMap(rs -> {
                    if (rs.iterator().next().getBoolean(0)) {
                        return Uni.createFrom().item(false);
                    }
                    return store.insert(c, Definition.Kind.SOURCE, source.id(), source.project(), source,
                                    Change.by(BundledSources.PUBLISHER, "bundled with ingestion, imported from the definitions topic"))
                            .replaceWith(true);
                }))
                .onFailure(e -> e instanceof ApiException).recoverWithItem(false)   // another replica stored it first
                .invoke(stored -> {
                    if (stored) {
                        imported.increment();
                        Log.infof("bundled source %s (%s, project %s) imported into the registry", source.id(), source.kind(),
                                source.project());
                    }
                });
    }
}
