package io.pilotage.alerting.rule;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What a rule compares (DESIGN §4). The two threshold kinds are derived from every KPI definition. */
public enum RuleKind {
    /** Past the KPI's warning threshold (direction-aware; equality counts as past). Automatic. */
    THRESHOLD_WARNING,
    /** Past the KPI's critical threshold. Automatic. */
    THRESHOLD_CRITICAL,
    /** value &lt; the rule's value */
    BELOW,
    /** value &gt; the rule's value */
    ABOVE,
    /** worse than the target by more than the rule's value, in % of the target (direction-aware) */
    OFF_TARGET_BY,
    /** lower than the previous period's value by more than the rule's value, in % */
    DROP_VS_PREVIOUS,
    /** no value with data arrived for longer than the rule's duration (evaluated on a schedule) */
    NO_DATA,
    /** the rule's source sent nothing for longer than its duration (evaluated on a schedule) */
    SOURCE_SILENT,
    /** a notification channel (subscription) exhausted its retries; cleared by its next delivery. Automatic. */
    CHANNEL_FAILING;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static RuleKind parse(String text) {
        for (RuleKind k : values()) {
            if (k.wireName().equals(text)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown rule kind '" + text
                + "', expected one of below, above, off_target_by, drop_vs_previous, no_data, source_silent");
    }

    public boolean automatic() {
        return this == THRESHOLD_WARNING || this == THRESHOLD_CRITICAL || this == CHANNEL_FAILING;
    }

    /** Rules evaluated on a clock rather than on each KPI value. */
    public boolean timeBased() {
        return this == NO_DATA || this == SOURCE_SILENT || this == CHANNEL_FAILING;
    }
}
