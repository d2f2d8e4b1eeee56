package io.pilotage.kpi.definition;

import io.pilotage.contracts.definition.KpiDefinition;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The KPI definitions currently in force, as read from the compacted definitions topic. Plain
 * Java, thread-safe. A definition replaces the one in force only when its version is higher, so a
 * replayed old record never overwrites a newer one.
 */
public final class KpiRegistry {

    /** What applying a definition changed. */
    public enum Change {
        /** A KPI not known before. */
        NEW,
        /** The measure (or its unit) changed: states must be rebuilt from raw events. */
        MEASURE_CHANGED,
        /** Only target, thresholds, names, window...: values are re-evaluated, states kept. */
        STATUS_ONLY,
        /** Not newer than the version in force: ignored. */
        OLDER,
        REMOVED
    }

    private final Map<String, CompiledKpi> byKey = new ConcurrentHashMap<>();

    /** @throws IllegalArgumentException when the definition cannot be computed (see {@link CompiledKpi#of}) */
    public Change apply(KpiDefinition definition) {
        CompiledKpi next = CompiledKpi.of(definition);
        CompiledKpi[] before = new CompiledKpi[1];
        byKey.compute(next.key(), (k, current) -> {
            before[0] = current;
            return current == null || definition.version() > current.definition().version() ? next : current;
        });
        CompiledKpi current = before[0];
        if (current == null) {
            return Change.NEW;
        }
        if (definition.version() <= current.definition().version()) {
            return Change.OLDER;
        }
        return current.measureHash().equals(next.measureHash()) ? Change.STATUS_ONLY : Change.MEASURE_CHANGED;
    }

    public Change remove(String key) {
        return byKey.remove(key) == null ? Change.OLDER : Change.REMOVED;
    }

    public Optional<CompiledKpi> find(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    /** Every KPI, by project then key. */
    public List<CompiledKpi> all() {
        return byKey.values().stream().sorted(Comparator.comparing(CompiledKpi::project).thenComparing(CompiledKpi::key)).toList();
    }

    public List<CompiledKpi> ofProject(String project) {
        return all().stream().filter(k -> k.project().equals(project)).toList();
    }

    public boolean contains(String key) {
        return byKey.containsKey(key);
    }
}
