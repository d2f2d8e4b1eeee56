package io.pilotage.kpi.explain;

import io.pilotage.contracts.definition.Measure;

/** {@code distinct}: the number of distinct values of a field, optionally among a cohort first seen in the window. */
public final class DistinctRenderer implements MeasureRenderer {

    @Override
    public Sentence phrase(Measure m, String unit) {
        Sentence field = Words.field(m.field(), "subject");
        Sentence events = Words.filtered(m.events(), m.where());
        String fr = "nombre de valeurs distinctes " + Words.deFr(field.fr()) + " parmi les " + events.fr();
        String en = "number of distinct values of " + field.en() + " among the " + events.en();
        if (!m.cohort().isEmpty()) {
            fr += ", en ne comptant que les sujets vus pour la première fois (premier événement "
                    + Words.either(m.cohort(), "ou") + ") dans la fenêtre";
            en += ", counting only the subjects first seen (first " + Words.either(m.cohort(), "or")
                    + " event) in the window";
        }
        return new Sentence(fr, en);
    }
}
