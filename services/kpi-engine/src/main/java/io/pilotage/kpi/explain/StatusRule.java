package io.pilotage.kpi.explain;

import io.pilotage.contracts.KpiStatus;
import io.pilotage.contracts.definition.Direction;
import io.pilotage.contracts.definition.KpiDefinition;
import io.pilotage.kpi.status.StatusEvaluator;

/**
 * Why a value has its status, in one line per language: the status, the value against the
 * target or the critical threshold that decided it (numbers in the KPI's unit, at most 2
 * decimals), and the direction. For example {@code RED: 71 % < 75 % critical, higher is better}
 * and {@code ROUGE : 71 % < 75 % (seuil critique), plus haut est mieux}. The status is the one
 * {@link StatusEvaluator} gives, so the sentence always agrees with the served status.
 */
public final class StatusRule {

    private StatusRule() {
    }

    public static Sentence of(Double value, KpiDefinition d) {
        Double critical = d.thresholds() == null ? null : d.thresholds().critical();
        KpiStatus status = StatusEvaluator.evaluate(value, d.direction(), d.target(), critical);
        if (status == KpiStatus.NO_DATA) {
            return new Sentence("PAS DE DONNÉES : aucun événement dans la fenêtre", "NO_DATA: no event in the window");
        }
        String unit = d.unit();
        String vFr = Numbers.withUnit(value, unit, "fr");
        String vEn = Numbers.withUnit(value, unit, "en");
        if (d.target() == null) {
            return new Sentence("VERT : " + vFr + ", aucune cible définie", "GREEN: " + vEn + ", no target set");
        }
        boolean higher = d.direction() == Direction.HIGHER_IS_BETTER;
        String dirFr = higher ? "plus haut est mieux" : "plus bas est mieux";
        String dirEn = higher ? "higher is better" : "lower is better";
        double target = d.target();
        String tFr = Numbers.withUnit(target, unit, "fr");
        String tEn = Numbers.withUnit(target, unit, "en");
        return switch (status) {
            case GREEN -> new Sentence("VERT : " + vFr + " " + relation(value, target) + " " + tFr + " (cible), " + dirFr,
                    "GREEN: " + vEn + " " + relation(value, target) + " " + tEn + " target, " + dirEn);
            case RED -> new Sentence("ROUGE : " + vFr + " " + relation(value, critical) + " " + Numbers.withUnit(critical, unit, "fr")
                    + " (seuil critique), " + dirFr,
                    "RED: " + vEn + " " + relation(value, critical) + " " + Numbers.withUnit(critical, unit, "en") + " critical, " + dirEn);
            default -> {
                String cFr = critical == null ? "aucun seuil critique"
                        : (higher ? "au-dessus de " : "en dessous de ") + Numbers.withUnit(critical, unit, "fr") + " (seuil critique)";
                String cEn = critical == null ? "no critical threshold"
                        : (higher ? "above " : "below ") + Numbers.withUnit(critical, unit, "en") + " critical";
                yield new Sentence("ORANGE : " + vFr + " " + relation(value, target) + " " + tFr + " (cible), " + cFr + ", " + dirFr,
                        "AMBER: " + vEn + " " + relation(value, target) + " " + tEn + " target, " + cEn + ", " + dirEn);
            }
        };
    }

    /** The relation that holds between two numbers. */
    private static String relation(double a, double b) {
        return a < b ? "<" : a > b ? ">" : "=";
    }
}
