package io.pilotage.kpi.explain;

import io.pilotage.contracts.definition.Measure;

/**
 * Says in plain words what one measure type computes, in French and English: a noun phrase in
 * lower case without the window (the definition sentence adds it), so that a {@code ratio} can
 * nest the phrases of its numerator and denominator.
 */
@FunctionalInterface
public interface MeasureRenderer {

    /**
     * @param m    the measure, of this renderer's type
     * @param unit the KPI's unit
     */
    Sentence phrase(Measure m, String unit);
}
