package io.pilotage.kpi.explain;

/** One text in French and in English. */
public record Sentence(String fr, String en) {

    /** Both texts with their first letter in upper case and a final full stop. */
    Sentence asSentence() {
        return new Sentence(Words.capitalise(fr) + ".", Words.capitalise(en) + ".");
    }
}
