package io.pilotage.governance.seed;

import io.pilotage.contracts.definition.Definition;
import io.pilotage.contracts.definition.KpiDefinition;
import io.pilotage.contracts.definition.KpiYaml;
import io.pilotage.contracts.definition.ProjectDefinition;
import io.pilotage.governance.definition.DefinitionPublisher;
import io.pilotage.governance.definition.DefinitionStore;
import io.pilotage.governance.definition.DefinitionStore.Change;
import io.pilotage.governance.definition.StoredDefinition;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * On the first start, loads the built-in catalogue (the three seed projects and their 17 KPIs,
 * from the contracts' YAML) as ordinary, editable definitions, made by {@code system}. A marker
 * row in {@code seed_state} makes this happen once per database, even with several replicas
 * starting together: later edits and deletions are never overwritten.
 *
 * <p>Then, on every start, every current definition is published again on the compacted topic,
 * so the topic converges to the database even if a publication was lost.
 */
@ApplicationScoped
public class CatalogueSeeder {

    static final String SEED = "catalogue-v1";

    private final Pool pool;
    private final DefinitionStore store;
    private final DefinitionPublisher publisher;
    private final boolean republishOnStart;

    public CatalogueSeeder(Pool pool, DefinitionStore store, DefinitionPublisher publisher,
                           @ConfigProperty(name = "pilotage.governance.republish-on-start", defaultValue = "true") boolean republishOnStart) {
        this.pool = pool;
        this.store = store;
        this.publisher = publisher;
        this.republishOnStart = republishOnStart;
    }

    void onStart(@Observes StartupEvent ignored) {
        boolean seeded = seedOnce().await().atMost(Duration.ofSeconds(60));
        if (seeded) {
            Log.infof("seed catalogue loaded: %d projects, %d KPIs", KpiYaml.seedProjects().size(), KpiYaml.catalogue().size());
        }
        if (republishOnStart) {
            republishAll().subscribe().with(
                    n -> Log.infof("%d current definitions published on start", n),
                    e -> Log.warnf("definitions could not all be published on start: %s", e.getMessage()));
        }
    }

    /** Loads the catalogue unless it was loaded before; true when it was loaded now. */
    Uni<Boolean> seedOnce() {
        return pool.withTransaction(c -> c.preparedQuery("insert into seed_state (name) values ($1) on conflict do nothing returning name")
                .execute(Tuple.of(SEED))
                .flatMap(rs -> {
                    if (rs.rowCount() == 0) {
                        return Uni.createFrom().item(false);
                    }
                    Change change = Change.by("system", "built-in catalogue (first start)");
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (ProjectDefinition p : KpiYaml.seedProjects()) {
                        chain = chain.call(() -> store.insert(c, Definition.Kind.PROJECT, p.key(), p.key(), p, change));
                    }
                    for (KpiDefinition k : KpiYaml.catalogue()) {
                        chain = chain.call(() -> store.insert(c, Definition.Kind.KPI, k.key(), k.project(), k.withVersion(1), change));
                    }
                    return chain.replaceWith(true);
                }));
    }

    /** Publishes every current definition; the number published. */
    public Uni<Integer> republishAll() {
        return pool.withConnection(c -> {
            List<StoredDefinition> all = new ArrayList<>();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Definition.Kind kind : Definition.Kind.values()) {
                chain = chain.call(() -> store.list(c, kind, null, 0, Integer.MAX_VALUE).invoke(all::addAll));
            }
            return chain.replaceWith(all);
        }).flatMap(all -> publisher.publishAll(all.stream().map(StoredDefinition::toDefinition).toList()).replaceWith(all.size()));
    }
}
