package io.pilotage.console.web;

import io.pilotage.console.ConsoleConfig;
import io.pilotage.console.api.Alerting;
import io.pilotage.console.api.Api;
import io.pilotage.console.api.Governance;
import io.pilotage.console.api.KpiEngine;
import io.pilotage.console.view.ChartData;
import io.pilotage.console.view.Formats;
import io.pilotage.console.view.KpiChart;
import io.pilotage.console.view.KpiRow;
import io.pilotage.console.view.PagePeriod;
import io.pilotage.contracts.KpiValue;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A project: one card per KPI with its chart (the series against the target and the bands, the year
 * before faint, alerts, acknowledgements, target changes and reviews marked). Data: the engine's
 * scorecard and KPI list of the project and one series per KPI; alerting's alerts of the project;
 * governance's reviews and each KPI's definition history.
 */
@Path("/projects/{project}")
@Authenticated
public class ProjectPage {

    private final Viewer viewer;
    private final io.pilotage.console.api.KpiEngine engine;
    private final io.pilotage.console.api.Alerting alerting;
    private final io.pilotage.console.api.Governance governance;
    private final io.pilotage.console.ConsoleConfig config;

    public ProjectPage(Viewer viewer, Backends backends) {
        this.viewer = viewer;
        this.engine = backends.engine();
        this.alerting = backends.alerting();
        this.governance = backends.governance();
        this.config = backends.config();
    }

    /** A KPI's card. */
    @io.quarkus.qute.TemplateData
    public record Card(KpiRow row, String chart, String chartLabel) {
    }

    @GET
    @Produces(Html.TYPE)
    public Uni<Response> page(@PathParam("project") String project, @QueryParam("period") String period) {
        PagePeriod p = PagePeriod.parse("period", period, viewer.today());
        String bearer = viewer.bearer();
        Formats f = viewer.formats();
        Locale locale = viewer.locale();
        return engine.kpis(bearer, project).chain(kpis -> {
            if (kpis.isEmpty()) {
                throw new NotFoundException("unknown project " + project);
            }
            Uni<Api.Scorecard> card = engine.scorecard(bearer, project, p.toString());
            Uni<List<Api.Alert>> alerts = alerting.alerts(bearer, project, null, null, 500).onFailure().recoverWithItem(List.of());
            Uni<List<Api.Review>> reviews = governance.reviews(bearer, 50).onFailure().recoverWithItem(List.of());
            Uni<Map<String, List<KpiValue>>> series = each(kpis, k -> engine.values(bearer, k.key(), p.kind().granularity(),
                    KpiChart.from(p).toString(), p.end().toString()).onFailure().recoverWithItem(List.of()));
            Uni<Map<String, List<Api.DefinitionVersion>>> versions = each(kpis, k -> governance.kpiHistory(bearer, project, k.key(), 50)
                    .onFailure().recoverWithItem(List.of()));
            return Uni.combine().all().unis(card, alerts, reviews, series, versions).asTuple().chain(t -> {
                Map<String, Api.Kpi> byKey = new HashMap<>();
                kpis.forEach(k -> byKey.put(k.key(), k));
                Msg msg = Messages.of(locale);
                List<Card> cards = new ArrayList<>();
                for (Api.Line line : t.getItem1().kpis()) {
                    Api.Kpi kpi = byKey.get(line.key());
                    if (kpi == null) {
                        continue;
                    }
                    List<KpiValue> s = t.getItem4().getOrDefault(line.key(), List.of());
                    List<Double> last12 = KpiRow.values(s.size() > KpiChart.PERIODS ? s.subList(s.size() - KpiChart.PERIODS, s.size()) : s);
                    KpiRow row = KpiRow.of(line, kpi, last12, f, viewer.now());
                    List<ChartData.Mark> marks = new ArrayList<>(KpiChart.alertMarks(
                            t.getItem2().stream().filter(a -> line.key().equals(a.kpi())).toList(), config.zone(), f));
                    marks.addAll(KpiChart.targetMarks(t.getItem5().getOrDefault(line.key(), List.of()), config.zone(), f));
                    marks.addAll(KpiChart.reviewMarks(t.getItem3(), project));
                    String chart = KpiChart.json(KpiChart.of(kpi, row.name(), p, s, marks, line.forecast(), locale), row.name(),
                            msg.previous_year(), msg.target(), msg.forecast_cone());
                    cards.add(new Card(row, chart, msg.chart_label(row.name())));
                }
                Page page = Page.of(viewer, project, "portfolio", 0, config.zone().getId());
                return Html.page(Templates.project(page, project, cards, p.toString(), p.label(locale), p.previous().toString(),
                        p.next().toString(), Widgets.periodChoices(p, viewer.today(), locale)), locale);
            });
        });
    }

    /** One call per KPI, side by side, results by KPI key. */
    private static <T> Uni<Map<String, T>> each(List<Api.Kpi> kpis, java.util.function.Function<Api.Kpi, Uni<T>> call) {
        List<Uni<T>> calls = kpis.stream().map(call).toList();
        return Uni.combine().all().unis(calls).with(results -> {
            Map<String, T> m = new HashMap<>();
            for (int i = 0; i < kpis.size(); i++) {
                @SuppressWarnings("unchecked")
                T r = (T) results.get(i);
                m.put(kpis.get(i).key(), r);
            }
            return m;
        });
    }
}
