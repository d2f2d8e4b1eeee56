package io.pilotage.contracts.definition;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/**
 * A KPI definition (DESIGN §3.1): data owned by governance, consumed by the KPI engine and
 * alerting from {@code pilotage.definitions.v1}, and written as YAML in "KPIs as code" files
 * ({@link KpiYaml}).
 *
 * @param key        unique KPI key, {@code <project prefix>.<name>}, e.g. {@code mobile.mau}
 * @param project    the project key
 * @param name       display name per language ({@code fr}, {@code en})
 * @param unit       {@code %}, {@code XOF}, {@code ms}, {@code s}, {@code h}, {@code d}, {@code count},
 *                   {@code users}, {@code score}
 * @param direction  which way is better
 * @param target     the target value; null: no target (any value is GREEN)
 * @param thresholds warning and critical thresholds (also the alert severities)
 * @param frequency  {@code daily}, {@code weekly}, {@code monthly} or {@code quarterly}
 * @param owner      the accountable person (an e-mail or Keycloak username)
 * @param window     calendar periods, or a rolling window of N days ending on each period's last day
 * @param measure    what is computed (the KPI language)
 * @param version    the definition's version, 1 for a new KPI; bumped on every change
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KpiDefinition(String key, String project, Map<String, String> name, String unit,
                            Direction direction, Double target, Thresholds thresholds, String frequency,
                            String owner, Window window, Measure measure, int version) {

    public KpiDefinition {
        name = name == null ? Map.of() : Map.copyOf(name);
        window = window == null ? Window.CALENDAR : window;
    }

    /** The display name in a language ({@code fr} or {@code en}), falling back to the other one, then the key. */
    public String displayName(String language) {
        String n = name.get(language);
        if (n == null) {
            n = name.values().stream().findFirst().orElse(key);
        }
        return n;
    }

    public KpiDefinition withVersion(int newVersion) {
        return new KpiDefinition(key, project, name, unit, direction, target, thresholds, frequency, owner,
                window, measure, newVersion);
    }

    /** @param warning  the warning threshold (AMBER side); optional
     *  @param critical the critical threshold (RED past it); optional */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Thresholds(Double warning, Double critical) {
    }

    /**
     * @param kind {@code calendar} (the period itself) or {@code rolling}
     * @param days the rolling window's length in days (rolling only)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Window(String kind, Integer days) {
        public static final Window CALENDAR = new Window("calendar", null);

        public boolean rolling() {
            return "rolling".equals(kind);
        }
    }
}
