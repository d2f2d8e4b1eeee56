package io.pilotage.kpi.explain;

import io.pilotage.contracts.definition.Measure;

/** {@code count}: the number of events taken. */
public final class CountRenderer implements MeasureRenderer {

    @Override
    public Sentence phrase(Measure m, String unit) {
        Sentence events = Words.filtered(m.events(), m.where());
        return new Sentence("nombre d'" + events.fr(), "number of " + events.en());
    }
}
