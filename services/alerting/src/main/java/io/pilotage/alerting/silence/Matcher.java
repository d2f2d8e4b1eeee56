package io.pilotage.alerting.silence;

import java.util.Map;
import java.util.Set;

/**
 * One label matcher of a silence or mute window: {@code name} is one of {@code project},
 * {@code kpi}, {@code severity}, {@code rule}, {@code source}; {@code value} must equal the
 * alert's label (or, with {@code regex}, match it entirely).
 */
public record Matcher(String name, String value, boolean regex) {

    public static final Set<String> NAMES = Set.of("project", "kpi", "severity", "rule", "source");

    public boolean matches(Map<String, String> labels) {
        String actual = labels.get(name);
        if (actual == null) {
            return false;
        }
        return regex ? actual.matches(value) : actual.equals(value);
    }

    /** Whether every matcher matches (an empty list matches nothing, so a silence cannot mute everything by accident). */
    public static boolean all(java.util.List<Matcher> matchers, Map<String, String> labels) {
        return !matchers.isEmpty() && matchers.stream().allMatch(m -> m.matches(labels));
    }
}
