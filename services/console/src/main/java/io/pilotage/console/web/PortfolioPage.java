package io.pilotage.console.web;

import io.pilotage.console.ConsoleConfig;
import io.pilotage.console.api.Api;
import io.pilotage.console.api.Governance;
import io.pilotage.console.api.KpiEngine;
import io.pilotage.console.view.BadParameter;
import io.pilotage.console.view.PagePeriod;
import io.pilotage.console.view.PortfolioView;
import io.pilotage.contracts.KpiValue;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The portfolio: every project × every KPI for a month or a quarter. Data: the engine's portfolio
 * scorecard (values, targets, statuses, trends), its KPI list (frequency, last computation), one
 * series per KPI for the sparklines, governance's projects (names) and latest review (what changed).
 */
@Path("/")
@Authenticated
public class PortfolioPage {

    private final Viewer viewer;
    private final io.pilotage.console.api.KpiEngine engine;
    private final io.pilotage.console.api.Governance governance;
    private final io.pilotage.console.ConsoleConfig config;

    public PortfolioPage(Viewer viewer, Backends backends) {
        this.viewer = viewer;
        this.engine = backends.engine();
        this.governance = backends.governance();
        this.config = backends.config();
    }

    @GET
    @Produces(Html.TYPE)
    public Uni<Response> portfolio(@QueryParam("period") String period, @QueryParam("status") List<String> status,
                                   @QueryParam("project") String project) {
        PagePeriod p = PagePeriod.parse("period", period, viewer.today());
        Set<String> statuses = new LinkedHashSet<>();
        for (String s : status == null ? List.<String>of() : status) {
            if (s == null || s.isBlank()) {
                continue;
            }
            String up = s.trim().toUpperCase(Locale.ROOT);
            if (!PortfolioView.STATUSES.contains(up)) {
                throw new BadParameter("status", s, "one of " + String.join(", ", PortfolioView.STATUSES));
            }
            statuses.add(up);
        }
        String projectFilter = project == null || project.isBlank() ? null : project.trim();
        String bearer = viewer.bearer();
        Uni<Api.Portfolio> portfolio = engine.portfolio(bearer, p.toString());
        Uni<List<Api.Kpi>> kpis = engine.kpis(bearer, null);
        Uni<List<Api.Project>> projects = governance.projects(bearer, 500).onFailure().recoverWithItem(List.of());
        // the list carries each review whole (its frozen scorecard): one call
        Uni<Api.Review> lastReview = governance.reviews(bearer, 1)
                .chain(l -> l.isEmpty() ? Uni.createFrom().nullItem()
                        : l.get(0).snapshot() != null ? Uni.createFrom().item(l.get(0)) : governance.review(bearer, l.get(0).id()))
                .onFailure().recoverWithNull();
        return Uni.combine().all().unis(portfolio, kpis, projects, lastReview).asTuple()
                .chain(t -> series(bearer, t.getItem2(), p).map(series -> {
                    if (projectFilter != null && t.getItem1().projects().stream().noneMatch(c -> c.project().equals(projectFilter))) {
                        throw new BadParameter("project", projectFilter, "one of "
                                + String.join(", ", t.getItem1().projects().stream().map(Api.Scorecard::project).sorted().toList()));
                    }
                    return PortfolioView.build(t.getItem1(), t.getItem2(), series, t.getItem3(), t.getItem4(), statuses,
                            projectFilter, viewer.formats(), viewer.now());
                }))
                .chain(view -> {
                    Locale locale = viewer.locale();
                    Page page = Page.of(viewer, p.label(locale), "portfolio", config.refreshSeconds(), config.zone().getId());
                    return Html.page(Templates.portfolio(page, view, p.toString(), p.label(locale),
                            Widgets.periodChoices(p, viewer.today(), locale), Widgets.statusChoices(statuses),
                            Widgets.totals(view.totals()), projectFilter == null ? "" : projectFilter), locale);
                });
    }

    /** The last 12 periods of every KPI, by key, fetched side by side. */
    private Uni<Map<String, List<KpiValue>>> series(String bearer, List<Api.Kpi> kpis, PagePeriod p) {
        if (kpis.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<Api.Kpi> sorted = new ArrayList<>(kpis);
        sorted.sort(Comparator.comparing(Api.Kpi::key));
        List<Uni<List<KpiValue>>> calls = sorted.stream()
                .map(k -> engine.values(bearer, k.key(), p.kind().granularity(), p.minus(11).start().toString(), p.end().toString())
                        .onFailure().recoverWithItem(List.of()))
                .toList();
        return Uni.combine().all().unis(calls).with(results -> {
            Map<String, List<KpiValue>> m = new LinkedHashMap<>();
            for (int i = 0; i < sorted.size(); i++) {
                @SuppressWarnings("unchecked")
                List<KpiValue> l = (List<KpiValue>) results.get(i);
                m.put(sorted.get(i).key(), l);
            }
            return m;
        });
    }
}
