package io.pilotage.ingestion.source;

import io.pilotage.contracts.definition.SourceDefinition;
import io.pilotage.ingestion.event.PersonalDataScrubber.Policy;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sources ingestion knows, as governance publishes them on {@code pilotage.definitions.v1}
 * (kind {@code source}), or as loaded from the bundled YAML files until it does. Plain Java: the
 * Kafka consumer and the YAML loader only call {@link #put} and {@link #remove}.
 *
 * <p>Events posted to {@code POST /events} may name a source that is not registered; they get
 * the {@linkplain #GENERIC defaults}: no personal fields besides {@code subject}, personal-looking
 * values pseudonymised, no quality rule.
 */
public final class SourceRegistry {

    /** Mapping key of the personal-data policy: {@code pseudonymise} (default) or {@code reject}. */
    public static final String PERSONAL_DATA_POLICY = "personalData";

    private static final SourceDefinition GENERIC =
            new SourceDefinition("(unregistered)", null, "generic", List.of(), Map.of(), List.of(), List.of(), null, null);

    private final Map<String, SourceDefinition> sources = new ConcurrentHashMap<>();
    private final Map<String, Integer> versions = new ConcurrentHashMap<>();

    /** Registers or replaces a source; an older version than the one held is ignored. */
    public void put(SourceDefinition source, int version) {
        versions.compute(source.id(), (id, held) -> {
            if (held != null && held > version) {
                return held;
            }
            sources.put(id, source);
            return version;
        });
    }

    public void remove(String id) {
        sources.remove(id);
        versions.remove(id);
    }

    public Optional<SourceDefinition> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(sources.get(id));
    }

    public Collection<SourceDefinition> all() {
        return List.copyOf(sources.values());
    }

    /** The source's settings, or the generic defaults for an unregistered one. */
    public SourceDefinition settingsOf(String id) {
        return find(id).orElse(GENERIC);
    }

    public static Policy personalDataPolicy(SourceDefinition source) {
        return Policy.parse(source.mapping().get(PERSONAL_DATA_POLICY));
    }

    public static Set<String> personalFields(SourceDefinition source) {
        return new HashSet<>(source.personalFields());
    }
}
