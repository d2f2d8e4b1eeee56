package io.pilotage.kpi.explain;

import io.pilotage.contracts.definition.Measure;

/** {@code ratio}: numerator over denominator, both said by their own renderers. */
public final class RatioRenderer implements MeasureRenderer {

    private static final String FR_EMPTY = " ; pas de valeur quand le dénominateur est vide ou nul, 0 quand seul le numérateur est vide";
    private static final String EN_EMPTY = "; no value when the denominator is empty or 0, 0 when only the numerator is empty";

    @Override
    public Sentence phrase(Measure m, String unit) {
        Sentence num = DefinitionRenderer.phrase(m.numerator(), unit);
        Sentence den = DefinitionRenderer.phrase(m.denominator(), unit);
        if (m.percentOrFalse()) {
            return new Sentence("part, en %, de [" + num.fr() + "] rapporté à [" + den.fr() + "] (×100)" + FR_EMPTY,
                    "share, in %, of [" + num.en() + "] out of [" + den.en() + "] (×100)" + EN_EMPTY);
        }
        return new Sentence("rapport de [" + num.fr() + "] à [" + den.fr() + "]" + FR_EMPTY,
                "ratio of [" + num.en() + "] to [" + den.en() + "]" + EN_EMPTY);
    }
}
