package io.pilotage.ingestion.source;

import io.pilotage.contracts.definition.QualityRule;
import io.pilotage.contracts.definition.SourceDefinition;
import io.pilotage.ingestion.event.PersonalDataScrubber.Policy;
import io.pilotage.ingestion.quality.QualityEvaluator;

import java.util.Collection;
import java.util.Collections;
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

    /**
     * What the intake needs of a source for every event, derived once when its definition arrives
     * instead of per event: its personal fields as a set, its personal-data policy, its
     * {@code unique} quality rules (empty for nearly every source), and the rules a history import
     * applies (all but {@code max_lateness}).
     */
    public record Intake(SourceDefinition definition, Set<String> personalFields, Policy personalDataPolicy,
                         List<QualityRule> uniqueRules, List<QualityRule> historyRules) {
        static Intake of(SourceDefinition source) {
            return new Intake(source, Collections.unmodifiableSet(new HashSet<>(source.personalFields())),
                    Policy.parse(source.mapping().get(PERSONAL_DATA_POLICY)),
                    QualityEvaluator.uniqueRules(source.qualityRules()),
                    QualityEvaluator.withoutLateness(source.qualityRules()));
        }
    }

    private static final Intake GENERIC_INTAKE = Intake.of(GENERIC);

    private final Map<String, Intake> sources = new ConcurrentHashMap<>();
    private final Map<String, Integer> versions = new ConcurrentHashMap<>();

    /** Registers or replaces a source; an older version than the one held is ignored. */
    public void put(SourceDefinition source, int version) {
        Intake intake = Intake.of(source);
        versions.compute(source.id(), (id, held) -> {
            if (held != null && held > version) {
                return held;
            }
            sources.put(id, intake);
            return version;
        });
    }

    public void remove(String id) {
        sources.remove(id);
        versions.remove(id);
    }

    public Optional<SourceDefinition> find(String id) {
        return Optional.ofNullable(held(id)).map(Intake::definition);
    }

    public Collection<SourceDefinition> all() {
        return sources.values().stream().map(Intake::definition).toList();
    }

    /** The source's settings, or the generic defaults for an unregistered one. */
    public SourceDefinition settingsOf(String id) {
        return intakeOf(id).definition();
    }

    /** What the intake needs of the source, or of the generic defaults for an unregistered one. */
    public Intake intakeOf(String id) {
        Intake intake = held(id);
        return intake != null ? intake : GENERIC_INTAKE;
    }

    private Intake held(String id) {
        return id == null ? null : sources.get(id);
    }
}
