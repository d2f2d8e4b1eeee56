package io.pilotage.kpi.explain;

import io.pilotage.contracts.definition.Measure;

/** {@code retention}: day-N retention of a cohort of subjects. */
public final class RetentionRenderer implements MeasureRenderer {

    @Override
    public Sentence phrase(Measure m, String unit) {
        int n = m.day() == null ? 0 : m.day();
        boolean onOrAfter = "on_or_after".equals(m.mode());
        Sentence active = Words.filtered(m.events(), m.where());
        String cohortFr = m.cohort().isEmpty() ? "tout événement" : Words.either(m.cohort(), "ou");
        String cohortEn = m.cohort().isEmpty() ? "any event" : Words.either(m.cohort(), "or");
        return new Sentence("part, en %, des sujets vus pour la première fois (premier " + cohortFr + ") un jour J tel que J + " + n
                        + " tombe dans la fenêtre, qui sont actifs (" + active.fr() + ") "
                        + (onOrAfter ? "un jour quelconque de J + " + n + " au dernier jour de la fenêtre" : "le jour J + " + n + " exactement"),
                "share, in %, of the subjects first seen (first " + cohortEn + " event) on a day d such that d + " + n
                        + " falls in the window who are active (" + active.en() + ") "
                        + (onOrAfter ? "on any day from d + " + n + " to the window's last day" : "on day d + " + n + " exactly"));
    }
}
