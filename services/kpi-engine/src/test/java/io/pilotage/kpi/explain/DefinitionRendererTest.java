package io.pilotage.kpi.explain;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static io.pilotage.kpi.explain.RendererFixture.definition;
import static io.pilotage.kpi.explain.RendererFixture.kpi;
import static org.assertj.core.api.Assertions.assertThat;

/** The plain-words definition of each measure type, generated from the definition, in both languages. */
class DefinitionRendererTest {

    @Test
    void everyMeasureTypeOfTheLanguageHasARenderer() {
        assertThat(DefinitionRenderer.types()).isEqualTo(Set.of("count", "sum", "avg", "min", "max", "percentile", "latest",
                "distinct", "ratio", "duration", "within", "retention", "uptime"));
    }

    @Test
    void countSaysTheEventTypesTheFilterAndTheWindow() {
        Sentence s = definition("count", "{ type: count, events: [thing, other], where: { colour: red, size: 2 } }");
        assertThat(s.en()).isEqualTo("Number of events of types other or thing where colour = red and size = 2, "
                + "over the period (local days).");
        assertThat(s.fr()).isEqualTo("Nombre d'événements de types other ou thing où colour = red et size = 2, "
                + "sur la période (jours locaux).");
        Sentence any = definition("count", "{ type: count }");
        assertThat(any.en()).isEqualTo("Number of events of any type of the project, over the period (local days).");
        assertThat(any.fr()).isEqualTo("Nombre d'événements de tout type du projet, sur la période (jours locaux).");
    }

    @Test
    void aRollingWindowIsTheNDaysEndingOnThePeriodsLastDay() {
        Sentence s = DefinitionRenderer.of(kpi("users", "{ type: count, events: [a] }", "{ kind: rolling, days: 30 }"));
        assertThat(s.en()).isEqualTo("Number of events of type a, over the 30 days ending on the period's last day.");
        assertThat(s.fr()).isEqualTo("Nombre d'événements de type a, sur les 30 jours se terminant le dernier jour de la période.");
    }

    @Test
    void sumAvgMinMaxSayTheStatisticAndTheField() {
        Sentence sum = definition("XOF", "{ type: sum, events: [payment], field: attributes.amount }");
        assertThat(sum.en()).isEqualTo("Sum of the attribute amount over the events of type payment "
                + "(events without a numeric value are ignored), over the period (local days).");
        assertThat(sum.fr()).isEqualTo("Somme de l'attribut amount des événements de type payment "
                + "(les événements sans valeur numérique sont ignorés), sur la période (jours locaux).");
        assertThat(definition("ms", "{ type: avg, events: [req] }").en()).startsWith("Average of the value (value) over the events");
        assertThat(definition("ms", "{ type: avg, events: [req] }").fr()).startsWith("Moyenne de la valeur (value) des événements");
        assertThat(definition("ms", "{ type: min, events: [req] }").en()).startsWith("Minimum of the value");
        assertThat(definition("ms", "{ type: max, events: [req] }").fr()).startsWith("Maximum de la valeur");
    }

    @Test
    void percentileSaysTheRankAndTheNearestRankRule() {
        Sentence s = definition("ms", "{ type: percentile, events: [req], percentile: 95 }");
        assertThat(s.en()).isEqualTo("95th percentile (nearest rank: the smallest value with at least 95 % of the values at or "
                + "below it) of the value (value) over the events of type req, over the period (local days).");
        assertThat(s.fr()).isEqualTo("95e centile (rang le plus proche : la plus petite valeur dont au moins 95 % des valeurs "
                + "sont inférieures ou égales) de la valeur (value) des événements de type req, sur la période (jours locaux).");
        assertThat(definition("ms", "{ type: percentile, events: [req] }").en()).startsWith("90th percentile");
        assertThat(definition("ms", "{ type: percentile, events: [req], percentile: 99.9 }").en()).startsWith("99.9th percentile");
        assertThat(definition("ms", "{ type: percentile, events: [req], percentile: 99.9 }").fr()).startsWith("99,9e centile");
    }

    @Test
    void latestSaysWhichEventWins() {
        Sentence s = definition("score", "{ type: latest, events: [scan.completed], field: score }");
        assertThat(s.en()).isEqualTo("Latest value of the attribute score among the events of type scan.completed (the event that "
                + "occurred last; ties: the larger id), over the period (local days).");
        assertThat(s.fr()).isEqualTo("Dernière valeur connue de l'attribut score parmi les événements de type scan.completed "
                + "(l'événement survenu le plus tard ; à égalité, le plus grand identifiant), sur la période (jours locaux).");
    }

    @Test
    void distinctSaysTheFieldAndTheCohortRule() {
        Sentence s = definition("users", "{ type: distinct, events: [session_start, screen_view] }");
        assertThat(s.en()).isEqualTo("Number of distinct values of the subject (subject, pseudonymised) among the events of types "
                + "screen_view or session_start, over the period (local days).");
        assertThat(s.fr()).isEqualTo("Nombre de valeurs distinctes du sujet (subject, pseudonymisé) parmi les événements de types "
                + "screen_view ou session_start, sur la période (jours locaux).");
        Sentence cohort = definition("users", "{ type: distinct, events: [subscription.started], cohort: [first_open, first_visit] }");
        assertThat(cohort.en()).contains(", counting only the subjects first seen (first first_open or first_visit event) in the window,");
        assertThat(cohort.fr()).contains(", en ne comptant que les sujets vus pour la première fois (premier événement first_open "
                + "ou first_visit) dans la fenêtre,");
    }

    @Test
    void ratioNestsTheSentencesOfItsNumeratorAndDenominator() {
        Sentence s = definition("%", "{ type: ratio, percent: true, numerator: { type: count, events: [done], where: { auto: true } },"
                + " denominator: { type: count, events: [done] } }");
        assertThat(s.en()).isEqualTo("Share, in %, of [number of events of type done where auto = true] out of "
                + "[number of events of type done] (×100); no value when the denominator is empty or 0, 0 when only the numerator "
                + "is empty, over the period (local days).");
        assertThat(s.fr()).isEqualTo("Part, en %, de [nombre d'événements de type done où auto = true] rapporté à "
                + "[nombre d'événements de type done] (×100) ; pas de valeur quand le dénominateur est vide ou nul, 0 quand seul "
                + "le numérateur est vide, sur la période (jours locaux).");
        Sentence plain = definition("XOF", "{ type: ratio, numerator: { type: sum, events: [a] }, denominator: { type: count, events: [b] } }");
        assertThat(plain.en()).startsWith("Ratio of [sum of the value (value) over the events of type a");
        assertThat(plain.fr()).startsWith("Rapport de [somme de la valeur (value) des événements de type a");
    }

    @Test
    void durationSaysTheStatisticTheUnitThePairingAndTheOpenEntities() {
        Sentence s = definition("h", "{ type: duration, start: [ticket.opened], end: [ticket.closed, ticket.cancelled] }");
        assertThat(s.en()).isEqualTo("Average time, in h, per entity from its first start event (ticket.opened) to the first end "
                + "event (ticket.cancelled or ticket.closed) at or after it, for the entities whose end falls in the window (the "
                + "start may be earlier); entities still open at the window's end are left out, over the period (local days).");
        assertThat(s.fr()).isEqualTo("Durée moyenne, en h, par entité entre son premier événement de début (ticket.opened) et le "
                + "premier événement de fin (ticket.cancelled ou ticket.closed) qui le suit, pour les entités dont cette fin tombe "
                + "dans la fenêtre (le début peut être antérieur) ; les entités encore ouvertes à la fin de la fenêtre n'y entrent "
                + "pas, sur la période (jours locaux).");
        assertThat(definition("d", "{ type: duration, start: [a], end: [b], stat: p90 }").en()).startsWith("90th percentile of the times (p90), in d,");
        assertThat(definition("d", "{ type: duration, start: [a], end: [b], stat: p50 }").fr()).startsWith("Durée médiane (p50), en d,");
    }

    @Test
    void withinSaysTheLimitsPerValueAndThatOverdueItemsCountAsMissed() {
        Sentence s = definition("%", "{ type: within, start: [vuln.found], end: [vuln.fixed], "
                + "limit: { days: 120, attribute: severity, byValue: { critical: 7, high: 30 } } }");
        assertThat(s.en()).isEqualTo("Share, in %, of the entities that ended within their limit (by the start's attribute "
                + "severity: critical 7 d, high 30 d, other values 120 d) from their first start event (vuln.found) to their first "
                + "end event (vuln.fixed), among the entities that ended in the window and those still open whose limit expired in "
                + "the window (counted as missed); ending exactly at the limit is within it, over the period (local days).");
        assertThat(s.fr()).isEqualTo("Part, en %, des entités terminées dans leur délai (selon l'attribut severity du début : "
                + "critical 7 j, high 30 j, autres 120 j) entre leur premier événement de début (vuln.found) et leur premier "
                + "événement de fin (vuln.fixed), parmi les entités terminées dans la fenêtre et celles encore ouvertes dont le délai "
                + "a expiré dans la fenêtre (comptées comme hors délai) ; une fin exactement au délai est dans le délai, sur la "
                + "période (jours locaux).");
        assertThat(definition("%", "{ type: within, start: [a], end: [b], limit: { days: 2.5 } }").en())
                .contains("within their limit (2.5 days)");
        assertThat(definition("%", "{ type: within, start: [a], end: [b], limit: { days: 2.5 } }").fr())
                .contains("dans leur délai (2,5 jours)");
    }

    @Test
    void retentionSaysTheCohortTheDayAndTheMode() {
        Sentence on = definition("%", "{ type: retention, cohort: [first_open], day: 7 }");
        assertThat(on.en()).isEqualTo("Share, in %, of the subjects first seen (first first_open event) on a day d such that d + 7 "
                + "falls in the window who are active (events of any type of the project) on day d + 7 exactly, over the period "
                + "(local days).");
        assertThat(on.fr()).isEqualTo("Part, en %, des sujets vus pour la première fois (premier first_open) un jour J tel que J + 7 "
                + "tombe dans la fenêtre, qui sont actifs (événements de tout type du projet) le jour J + 7 exactement, sur la "
                + "période (jours locaux).");
        Sentence after = definition("%", "{ type: retention, cohort: [first_open], events: [session_start], day: 30, mode: on_or_after }");
        assertThat(after.en()).contains("active (events of type session_start) on any day from d + 30 to the window's last day");
        assertThat(after.fr()).contains("actifs (événements de type session_start) un jour quelconque de J + 30 au dernier jour de la fenêtre");
    }

    @Test
    void uptimeSaysTheUpAndDownEventsAndTheCarriedForwardState() {
        Sentence s = definition("%", "{ type: uptime, up: [probe.up], down: [probe.down, outage.started] }");
        assertThat(s.en()).isEqualTo("Time-weighted share, in %, of the window spent up (up events: probe.up; down events: "
                + "outage.started or probe.down; at the same instant down wins), the state before the window carried forward and "
                + "the time before the first state ever seen left out, over the period (local days).");
        assertThat(s.fr()).isEqualTo("Part, en %, du temps de la fenêtre passé dans l'état disponible (événements « disponible » : "
                + "probe.up ; « indisponible » : outage.started ou probe.down ; au même instant, indisponible l'emporte), l'état "
                + "d'avant la fenêtre étant prolongé et le temps avant le premier état connu exclu, sur la période (jours locaux).");
    }

    @Test
    void aKpiWithoutMeasureSaysTheEngineComputesNothing() {
        var d = kpi("%", "{ type: count }");
        var none = new io.pilotage.contracts.definition.KpiDefinition(d.key(), d.project(), d.name(), d.unit(), d.direction(),
                d.target(), d.thresholds(), d.frequency(), d.owner(), d.window(), null, 1);
        assertThat(DefinitionRenderer.of(none).en()).isEqualTo("No measure: the engine computes nothing for this KPI (its values come from elsewhere).");
    }
}
