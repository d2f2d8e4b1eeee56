package io.pilotage.kpi.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The pieces the renderers share: event types, attribute filters, fields. */
final class Words {

    private Words() {
    }

    static String capitalise(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    /** {@code a}, {@code a or b}, {@code a, b or c} (French: {@code ou}). */
    static String either(List<String> items, String or) {
        List<String> sorted = items.stream().sorted().toList();
        if (sorted.size() == 1) {
            return sorted.getFirst();
        }
        return String.join(", ", sorted.subList(0, sorted.size() - 1)) + " " + or + " " + sorted.getLast();
    }

    /** "events of type a" / "of types a or b" / "of any type" (French: "événements de type a" ...). */
    static Sentence events(List<String> types) {
        if (types.isEmpty()) {
            return new Sentence("événements de tout type du projet", "events of any type of the project");
        }
        String fr = types.size() == 1 ? "de type " : "de types ";
        String en = types.size() == 1 ? "of type " : "of types ";
        return new Sentence("événements " + fr + either(types, "ou"), "events " + en + either(types, "or"));
    }

    /** The attribute filter as a clause ("where colour = red and channel = web"), empty without one. */
    static Sentence where(Map<String, Object> where) {
        if (where == null || where.isEmpty()) {
            return new Sentence("", "");
        }
        List<String> terms = new ArrayList<>();
        new TreeMap<>(where).forEach((k, v) -> terms.add(k + " = " + v));
        return new Sentence(" où " + String.join(" et ", terms), " where " + String.join(" and ", terms));
    }

    /** Events of these types matching this filter. */
    static Sentence filtered(List<String> types, Map<String, Object> where) {
        Sentence e = events(types);
        Sentence w = where(where);
        return new Sentence(e.fr() + w.fr(), e.en() + w.en());
    }

    /** A field of an event in words: "the value", "the subject", "attribute amount". */
    static Sentence field(String field, String defaultField) {
        String f = field == null ? defaultField : field;
        return switch (f) {
            case "value" -> new Sentence("la valeur (value)", "the value (value)");
            case "subject" -> new Sentence("le sujet (subject, pseudonymisé)", "the subject (subject, pseudonymised)");
            case "entity" -> new Sentence("l'entité (entity)", "the entity (entity)");
            case "id" -> new Sentence("l'identifiant (id)", "the id (id)");
            case "source" -> new Sentence("la source (source)", "the source (source)");
            case "type" -> new Sentence("le type (type)", "the type (type)");
            default -> {
                String name = f.startsWith("attributes.") ? f.substring("attributes.".length()) : f;
                yield new Sentence("l'attribut " + name, "the attribute " + name);
            }
        };
    }

    /** "a" or "b" with "de"/"of" in front, elided before a vowel in French ("de l'attribut", "du sujet"). */
    static String deFr(String nounPhrase) {
        if (nounPhrase.startsWith("le ")) {
            return "du " + nounPhrase.substring(3);
        }
        return "de " + nounPhrase;
    }

    /** An ordinal: 1st, 2nd, 3rd, 90th, 99.9th; French: 90e. */
    static Sentence ordinal(double n) {
        String digits = Numbers.plain(n, "en");
        long whole = (long) n;
        String suffix = "th";
        if (whole == n && (whole % 100 < 11 || whole % 100 > 13)) {
            suffix = switch ((int) (whole % 10)) {
                case 1 -> "st";
                case 2 -> "nd";
                case 3 -> "rd";
                default -> "th";
            };
        }
        return new Sentence(Numbers.plain(n, "fr") + (n == 1 ? "er" : "e"), digits + suffix);
    }
}
