package io.pilotage.kpi.definition;

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

    static String hash(KpiDefinition d) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(JsonCodec.encode(d.measure()));
            sha.update(String.valueOf(d.unit()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
