package io.pilotage.contracts.definition;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Which way a KPI improves. Written {@code higher_is_better} / {@code lower_is_better}. */
public enum Direction {
    HIGHER_IS_BETTER, LOWER_IS_BETTER;

    @JsonCreator
    public static Direction parse(String text) {
        return switch (text == null ? "" : text.trim().toLowerCase(Locale.ROOT)) {
            case "higher_is_better" -> HIGHER_IS_BETTER;
            case "lower_is_better" -> LOWER_IS_BETTER;
            default -> throw new IllegalArgumentException(
                    "unknown direction '" + text + "', expected higher_is_better or lower_is_better");
        };
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
