package io.pilotage.kpi.explain;

import io.pilotage.contracts.definition.Measure;

/** {@code latest}: the field of the latest event. */
public final class LatestRenderer implements MeasureRenderer {

    @Override
    public Sentence phrase(Measure m, String unit) {
        Sentence field = Words.field(m.field(), "value");
        Sentence events = Words.filtered(m.events(), m.where());
        return new Sentence("dernière valeur connue " + Words.deFr(field.fr()) + " parmi les " + events.fr()
                        + " (l'événement survenu le plus tard ; à égalité, le plus grand identifiant)",
                "latest value of " + field.en() + " among the " + events.en() + " (the event that occurred last; ties: the larger id)");
    }
}
