package io.pilotage.kpi.explain;

import io.pilotage.contracts.definition.Measure;

import java.util.Locale;

/** {@code sum}, {@code avg}, {@code min}, {@code max} of a numeric field. */
public final class StatsRenderer implements MeasureRenderer {

    @Override
    public Sentence phrase(Measure m, String unit) {
        Sentence field = Words.field(m.field(), "value");
        Sentence events = Words.filtered(m.events(), m.where());
        Sentence stat = switch (m.type().toLowerCase(Locale.ROOT)) {
            case "sum" -> new Sentence("somme", "sum");
            case "avg" -> new Sentence("moyenne", "average");
            case "min" -> new Sentence("minimum", "minimum");
            case "max" -> new Sentence("maximum", "maximum");
            default -> throw new IllegalArgumentException("not a stats measure: " + m.type());
        };
        return new Sentence(stat.fr() + " " + Words.deFr(field.fr()) + " des " + events.fr()
                        + " (les événements sans valeur numérique sont ignorés)",
                stat.en() + " of " + field.en() + " over the " + events.en() + " (events without a numeric value are ignored)");
    }
}
