package io.pilotage.kpi.explain;

import io.pilotage.contracts.definition.Measure;

import java.util.Locale;

/** {@code duration}: a statistic of per-entity durations from a start event to the first end event after it. */
public final class DurationRenderer implements MeasureRenderer {

    @Override
    public Sentence phrase(Measure m, String unit) {
        String stat = m.stat() == null ? "avg" : m.stat().toLowerCase(Locale.ROOT);
        Sentence s = switch (stat) {
            case "avg" -> new Sentence("durée moyenne", "average time");
            case "min" -> new Sentence("durée minimale", "shortest time");
            case "max" -> new Sentence("durée maximale", "longest time");
            case "p50" -> new Sentence("durée médiane (p50)", "median time (p50)");
            default -> {
                Sentence o = Words.ordinal(Double.parseDouble(stat.substring(1)));
                yield new Sentence(o.fr() + " centile des durées (" + stat + ")", o.en() + " percentile of the times (" + stat + ")");
            }
        };
        String u = unit == null || unit.isBlank() ? "h" : unit;
        return new Sentence(s.fr() + ", en " + u + ", par entité entre son premier événement de début ("
                        + Words.either(m.start(), "ou") + ") et le premier événement de fin (" + Words.either(m.end(), "ou")
                        + ") qui le suit, pour les entités dont cette fin tombe dans la fenêtre (le début peut être antérieur) ;"
                        + " les entités encore ouvertes à la fin de la fenêtre n'y entrent pas",
                s.en() + ", in " + u + ", per entity from its first start event (" + Words.either(m.start(), "or")
                        + ") to the first end event (" + Words.either(m.end(), "or") + ") at or after it, for the entities whose"
                        + " end falls in the window (the start may be earlier); entities still open at the window's end are left out");
    }
}
