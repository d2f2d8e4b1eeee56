package io.pilotage.console.web;

import io.pilotage.console.view.PagePeriod;
import io.pilotage.console.view.PortfolioView;
import io.pilotage.console.view.Status;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Small pieces the pages' forms and summaries show. */
public final class Widgets {

    private Widgets() {
    }

    /** An option of the period picker. */
    public record Choice(String value, String label) {
    }

    public record StatusChoice(String code, String icon, String css, boolean checked) {
    }

    public record Total(String code, String icon, String css, int count) {
    }

    public static List<Choice> periodChoices(PagePeriod selected, java.time.LocalDate today, Locale locale) {
        List<PagePeriod> choices = new java.util.ArrayList<>(PagePeriod.choices(today));
        if (!choices.contains(selected)) {
            choices.add(0, selected);
        }
        return choices.stream().map(p -> new Choice(p.toString(), p.label(locale))).toList();
    }

    public static List<StatusChoice> statusChoices(Set<String> checked) {
        return PortfolioView.STATUSES.stream().map(s -> {
            Status st = Status.of(s);
            return new StatusChoice(s, st.icon(), st.css(), checked.contains(s));
        }).toList();
    }

    public static List<Total> totals(Map<String, Integer> totals) {
        return totals.entrySet().stream().map(e -> {
            Status st = Status.of(e.getKey());
            return new Total(e.getKey(), st.icon(), st.css(), e.getValue());
        }).toList();
    }
}
