package io.pilotage.kpi.explain;

import io.pilotage.contracts.definition.Measure;

/** {@code percentile}: nearest-rank percentile of a numeric field. */
public final class PercentileRenderer implements MeasureRenderer {

    @Override
    public Sentence phrase(Measure m, String unit) {
        double p = m.percentile() == null ? 90 : m.percentile();
        Sentence ordinal = Words.ordinal(p);
        Sentence field = Words.field(m.field(), "value");
        Sentence events = Words.filtered(m.events(), m.where());
        return new Sentence(ordinal.fr() + " centile (rang le plus proche : la plus petite valeur dont au moins "
                        + Numbers.plain(p, "fr") + " % des valeurs sont inférieures ou égales) " + Words.deFr(field.fr())
                        + " des " + events.fr(),
                ordinal.en() + " percentile (nearest rank: the smallest value with at least " + Numbers.plain(p, "en")
                        + " % of the values at or below it) of " + field.en() + " over the " + events.en());
    }
}
