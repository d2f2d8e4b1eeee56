package io.pilotage.kpi.explain;

import io.pilotage.contracts.definition.Measure;

/** {@code uptime}: the time-weighted share of the window in state up. */
public final class UptimeRenderer implements MeasureRenderer {

    @Override
    public Sentence phrase(Measure m, String unit) {
        String upFr = m.up().isEmpty() ? "aucun" : Words.either(m.up(), "ou");
        String upEn = m.up().isEmpty() ? "none" : Words.either(m.up(), "or");
        String downFr = m.down().isEmpty() ? "aucun" : Words.either(m.down(), "ou");
        String downEn = m.down().isEmpty() ? "none" : Words.either(m.down(), "or");
        return new Sentence("part, en %, du temps de la fenêtre passé dans l'état disponible (événements « disponible » : " + upFr
                        + " ; « indisponible » : " + downFr + " ; au même instant, indisponible l'emporte), l'état d'avant la fenêtre"
                        + " étant prolongé et le temps avant le premier état connu exclu",
                "time-weighted share, in %, of the window spent up (up events: " + upEn + "; down events: " + downEn
                        + "; at the same instant down wins), the state before the window carried forward and the time before the"
                        + " first state ever seen left out");
    }
}
