package io.pilotage.kpi.explain;

import io.pilotage.contracts.definition.Measure;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** {@code within}: the share of entities that ended within their time limit, overdue open ones counting as missed. */
public final class WithinRenderer implements MeasureRenderer {

    @Override
    public Sentence phrase(Measure m, String unit) {
        Sentence limit = limit(m.limit());
        return new Sentence("part, en %, des entités terminées dans leur délai (" + limit.fr() + ") entre leur premier événement de début ("
                        + Words.either(m.start(), "ou") + ") et leur premier événement de fin (" + Words.either(m.end(), "ou")
                        + "), parmi les entités terminées dans la fenêtre et celles encore ouvertes dont le délai a expiré dans"
                        + " la fenêtre (comptées comme hors délai) ; une fin exactement au délai est dans le délai",
                "share, in %, of the entities that ended within their limit (" + limit.en() + ") from their first start event ("
                        + Words.either(m.start(), "or") + ") to their first end event (" + Words.either(m.end(), "or")
                        + "), among the entities that ended in the window and those still open whose limit expired in the window"
                        + " (counted as missed); ending exactly at the limit is within it");
    }

    static Sentence limit(Measure.Limit limit) {
        if (limit == null) {
            return new Sentence("aucun délai défini", "no limit set");
        }
        String days = limit.days() == null ? null : Numbers.plain(limit.days(), "en");
        if (limit.attribute() == null || limit.byValue().isEmpty()) {
            return new Sentence(Numbers.plain(limit.days() == null ? 0 : limit.days(), "fr") + " jours",
                    (days == null ? "0" : days) + " days");
        }
        List<String> fr = new ArrayList<>();
        List<String> en = new ArrayList<>();
        new TreeMap<>(limit.byValue()).forEach((k, v) -> {
            fr.add(k + " " + Numbers.plain(v, "fr") + " j");
            en.add(k + " " + Numbers.plain(v, "en") + " d");
        });
        String otherFr = limit.days() == null ? "" : ", autres " + Numbers.plain(limit.days(), "fr") + " j";
        String otherEn = days == null ? "" : ", other values " + days + " d";
        return new Sentence("selon l'attribut " + limit.attribute() + " du début : " + String.join(", ", fr) + otherFr,
                "by the start's attribute " + limit.attribute() + ": " + String.join(", ", en) + otherEn);
    }
}
