package io.pilotage.console.view;

import io.pilotage.console.api.Api;
import io.pilotage.contracts.KpiValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The committee's view: every project with every KPI for a period, filtered by status and project,
 * with what changed since the last review.
 *
 * @param totals    how many KPIs are GREEN, AMBER, RED, NO_DATA (after the project filter)
 * @param changes   KPIs whose status differs from the last review's frozen scorecard
 */
public record PortfolioView(List<ProjectBlock> projects, Map<String, Integer> totals, Review lastReview,
                            List<Change> changes, List<String> allProjects) {

    public record ProjectBlock(String key, String name, Map<String, Integer> summary, List<KpiRow> kpis) {
    }

    /** @param period the review's period; {@code held} when it was held */
    public record Review(String id, String period, String held) {
    }

    public record Change(String kpi, String project, String name, Status before, Status now) {
    }

    public static final List<String> STATUSES = List.of("GREEN", "AMBER", "RED", "NO_DATA");

    public static PortfolioView build(Api.Portfolio portfolio, List<Api.Kpi> kpis, Map<String, List<KpiValue>> series,
                                      List<Api.Project> projects, Api.Review lastReview, Set<String> statusFilter,
                                      String projectFilter, Formats f, Instant now) {
        Map<String, Api.Kpi> byKey = new HashMap<>();
        kpis.forEach(k -> byKey.put(k.key(), k));
        Map<String, String> projectNames = new HashMap<>();
        projects.forEach(p -> projectNames.put(p.key(), p.name()));
        List<ProjectBlock> blocks = new ArrayList<>();
        Map<String, Integer> totals = new LinkedHashMap<>();
        STATUSES.forEach(s -> totals.put(s, 0));
        List<String> all = new ArrayList<>();
        Map<String, String> currentStatus = new HashMap<>();
        List<Api.Scorecard> cards = new ArrayList<>(portfolio.projects() == null ? List.of() : portfolio.projects());
        cards.sort(Comparator.comparing(Api.Scorecard::project));
        for (Api.Scorecard card : cards) {
            all.add(card.project());
            List<KpiRow> rows = new ArrayList<>();
            Map<String, Integer> summary = new LinkedHashMap<>();
            STATUSES.forEach(s -> summary.put(s, 0));
            for (Api.Line line : card.kpis()) {
                KpiRow row = KpiRow.of(line, byKey.get(line.key()), KpiRow.values(series.get(line.key())), f, now);
                currentStatus.put(line.key(), row.status().code());
                summary.merge(row.status().code(), 1, Integer::sum);
                if (projectFilter != null && !projectFilter.equals(card.project())) {
                    continue;
                }
                totals.merge(row.status().code(), 1, Integer::sum);
                if (statusFilter.isEmpty() || statusFilter.contains(row.status().code())) {
                    rows.add(row);
                }
            }
            if ((projectFilter == null || projectFilter.equals(card.project())) && !rows.isEmpty()) {
                blocks.add(new ProjectBlock(card.project(), projectNames.getOrDefault(card.project(), card.project()), summary,
                        rows));
            }
        }
        Review review = null;
        List<Change> changes = new ArrayList<>();
        if (lastReview != null) {
            review = new Review(lastReview.id(), lastReview.period(),
                    lastReview.heldOn() != null ? f.date(lastReview.heldOn()) : f.dateTime(lastReview.createdAt()));
            for (Api.ProjectSnapshot snap : lastReview.snapshot() == null ? List.<Api.ProjectSnapshot>of() : lastReview.snapshot()) {
                for (Api.SnapshotKpi k : snap.kpis()) {
                    String now2 = currentStatus.get(k.kpi());
                    if (now2 != null && !now2.equals(Status.of(k.status()).code())) {
                        Api.Kpi def = byKey.get(k.kpi());
                        String name = def != null ? KpiRow.name(def.name(), f.locale().getLanguage(), k.kpi()) : k.name();
                        changes.add(new Change(k.kpi(), snap.project(), name, Status.of(k.status()), Status.of(now2)));
                    }
                }
            }
        }
        return new PortfolioView(blocks, totals, review, changes, all);
    }

    public boolean empty() {
        return projects.isEmpty();
    }
}
