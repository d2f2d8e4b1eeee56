package io.pilotage.kpi.explain;

import io.pilotage.contracts.definition.KpiDefinition;
import io.pilotage.contracts.definition.Measure;

import java.util.Locale;
import java.util.Map;

/**
 * The plain-words definition of a KPI, in French and English: its measure said by the renderer of
 * the measure's type, then its window. One renderer per measure type; adding a type to
 * {@code Measures.of} means adding its renderer here.
 */
public final class DefinitionRenderer {

    private static final MeasureRenderer STATS = new StatsRenderer();
    private static final Map<String, MeasureRenderer> RENDERERS = Map.ofEntries(
            Map.entry("count", new CountRenderer()),
            Map.entry("sum", STATS), Map.entry("avg", STATS), Map.entry("min", STATS), Map.entry("max", STATS),
            Map.entry("percentile", new PercentileRenderer()),
            Map.entry("latest", new LatestRenderer()),
            Map.entry("distinct", new DistinctRenderer()),
            Map.entry("ratio", new RatioRenderer()),
            Map.entry("duration", new DurationRenderer()),
            Map.entry("within", new WithinRenderer()),
            Map.entry("retention", new RetentionRenderer()),
            Map.entry("uptime", new UptimeRenderer()));

    private DefinitionRenderer() {
    }

    /** The measure types that have a renderer. */
    public static java.util.Set<String> types() {
        return RENDERERS.keySet();
    }

    /** The sentence of a definition: measure, then window. */
    public static Sentence of(KpiDefinition d) {
        if (d.measure() == null) {
            return new Sentence("Aucune mesure : le moteur ne calcule rien pour cet indicateur (ses valeurs viennent d'ailleurs).",
                    "No measure: the engine computes nothing for this KPI (its values come from elsewhere).");
        }
        Sentence measure = phrase(d.measure(), d.unit());
        Sentence window = window(d.window());
        return new Sentence(measure.fr() + ", " + window.fr(), measure.en() + ", " + window.en()).asSentence();
    }

    /** The phrase of one measure (also a ratio's numerator or denominator). */
    static Sentence phrase(Measure m, String unit) {
        if (m == null || m.type() == null) {
            return new Sentence("mesure non définie", "undefined measure");
        }
        MeasureRenderer r = RENDERERS.get(m.type().toLowerCase(Locale.ROOT));
        if (r == null) {
            return new Sentence("mesure de type inconnu « " + m.type() + " »", "measure of unknown type '" + m.type() + "'");
        }
        return r.phrase(m, unit);
    }

    static Sentence window(KpiDefinition.Window w) {
        if (w != null && w.rolling() && w.days() != null) {
            int n = w.days();
            return n == 1
                    ? new Sentence("sur le dernier jour de la période", "over the period's last day")
                    : new Sentence("sur les " + n + " jours se terminant le dernier jour de la période",
                    "over the " + n + " days ending on the period's last day");
        }
        return new Sentence("sur la période (jours locaux)", "over the period (local days)");
    }
}
