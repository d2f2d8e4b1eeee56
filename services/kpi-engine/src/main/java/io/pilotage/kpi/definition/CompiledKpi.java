package io.pilotage.kpi.definition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.definition.KpiDefinition;
import io.pilotage.kpi.measure.MeasureKind;
import io.pilotage.kpi.measure.Measures;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A KPI definition with its measure built: what the engine computes. {@code measureHash}
 * identifies the measure (and the unit, which scales durations): states built with another hash
 * are stale.
 */
public record CompiledKpi(KpiDefinition definition, MeasureKind<?> measure, String measureHash) {

    /**
     * The measure's canonical JSON: map entries sorted by key. The contracts' maps (e.g. a within
     * limit's {@code byValue}) are {@code Map.copyOf}, whose order changes from one JVM start to the
     * next, so hashing the plain encoding gave a KPI a new hash, and stale states, at every start.
     */
    private static final ObjectMapper CANONICAL = JsonCodec.mapper().copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /** @throws IllegalArgumentException when the measure is incomplete or unknown */
    public static CompiledKpi of(KpiDefinition d) {
        if (d.key() == null || d.key().isBlank() || d.project() == null || d.project().isBlank()) {
            throw new IllegalArgumentException("a KPI definition needs 'key' and 'project'");
        }
        if (d.window().rolling() && (d.window().days() == null || d.window().days() < 1)) {
            throw new IllegalArgumentException("a rolling window needs 'days' ≥ 1");
        }
        return new CompiledKpi(d, Measures.of(d.measure(), d.unit()), hash(d));
    }

    public String key() {
        return definition.key();
    }

    public String project() {
        return definition.project();
    }

    /** Days of the rolling window, or 0 for calendar periods. */
    public int rollingDays() {
        return definition.window().rolling() ? definition.window().days() : 0;
    }

    static byte[] canonical(KpiDefinition d) {
        try {
            return CANONICAL.writeValueAsBytes(d.measure());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("measure not encodable: " + e.getOriginalMessage(), e);
        }
    }

    static String hash(KpiDefinition d) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(canonical(d));
            sha.update(String.valueOf(d.unit()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
