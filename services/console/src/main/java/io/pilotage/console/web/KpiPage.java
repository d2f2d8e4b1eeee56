package io.pilotage.console.web;

import io.pilotage.console.ConsoleConfig;
import io.pilotage.console.api.Alerting;
import io.pilotage.console.api.Api;
import io.pilotage.console.api.Governance;
import io.pilotage.console.api.KpiEngine;
import io.pilotage.console.view.AlertView;
import io.pilotage.console.view.ChartData;
import io.pilotage.console.view.Formats;
import io.pilotage.console.view.KpiChart;
import io.pilotage.console.view.KpiDetail;
import io.pilotage.console.view.PagePeriod;
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
import java.util.List;
import java.util.Locale;

/**
 * A KPI's page. Data: the engine's KPI list (the definition), its series (the value, the chart and
 * the table), alerting's alerts of the KPI, governance's definition history, projects (who may act
 * on the alerts) and reviews (chart annotations); its explanation is loaded after it.
 */
@Path("/kpis/{key}")
@Authenticated
public class KpiPage {

    private final Viewer viewer;
    private final io.pilotage.console.api.KpiEngine engine;
    private final io.pilotage.console.api.Alerting alerting;
    private final io.pilotage.console.api.Governance governance;
    private final io.pilotage.console.ConsoleConfig config;

    public KpiPage(Viewer viewer, Backends backends) {
        this.viewer = viewer;
        this.engine = backends.engine();
        this.alerting = backends.alerting();
        this.governance = backends.governance();
        this.config = backends.config();
    }

    static Uni<Api.Kpi> find(KpiEngine engine, String bearer, String key) {
        return engine.kpis(bearer, null).map(all -> all.stream().filter(k -> k.key().equals(key)).findFirst()
                .orElseThrow(() -> new NotFoundException("unknown KPI " + key)));
    }

    @GET
    @Produces(Html.TYPE)
    public Uni<Response> page(@PathParam("key") String key, @QueryParam("period") String period, @QueryParam("done") String done) {
        PagePeriod p = PagePeriod.parse("period", period, viewer.today());
        String bearer = viewer.bearer();
        Formats f = viewer.formats();
        Locale locale = viewer.locale();
        return find(engine, bearer, key).chain(kpi -> {
            Uni<List<io.pilotage.contracts.KpiValue>> series = engine.values(bearer, key, p.kind().granularity(),
                    KpiChart.from(p).toString(), p.end().toString());
            Uni<List<Api.Alert>> alerts = alerting.alerts(bearer, kpi.project(), null, key, 50).onFailure().recoverWithItem(List.of());
            Uni<List<Api.DefinitionVersion>> versions = governance.kpiHistory(bearer, kpi.project(), key, 50)
                    .onFailure().recoverWithItem(List.of());
            Uni<List<Api.Project>> projects = governance.projects(bearer, 500).onFailure().recoverWithItem(List.of());
            Uni<List<Api.Review>> reviews = governance.reviews(bearer, 50).onFailure().recoverWithItem(List.of());
            // the forecast of the page period, when it is open; a page without it still shows the rest
            Uni<Api.Forecast> forecast = p.contains(viewer.today())
                    ? engine.forecast(bearer, key, p.toString()).onFailure().recoverWithNull() : Uni.createFrom().nullItem();
            return Uni.combine().all().unis(series, alerts, versions, projects, reviews, forecast).asTuple().chain(t -> {
                String name = io.pilotage.console.view.KpiRow.name(kpi.name(), locale.getLanguage(), key);
                List<ChartData.Mark> marks = new ArrayList<>(KpiChart.alertMarks(t.getItem2(), config.zone(), f));
                marks.addAll(KpiChart.targetMarks(t.getItem3(), config.zone(), f));
                marks.addAll(KpiChart.reviewMarks(t.getItem5(), kpi.project()));
                Msg msg = Messages.of(locale);
                String chart = KpiChart.json(KpiChart.of(kpi, name, p, t.getItem1(), marks, t.getItem6(), locale), name,
                        msg.previous_year(), msg.target(), msg.forecast_cone());
                KpiDetail detail = KpiDetail.build(kpi, null, t.getItem1(), p, t.getItem3(), chart, t.getItem6(), f);
                boolean manage = viewer.mayManage(kpi.project(), t.getItem4());
                List<AlertView> alertViews = t.getItem2().stream().map(a -> AlertView.of(a, f, manage)).toList();
                Page page = Page.of(viewer, name, "portfolio", 0, config.zone().getId());
                return Html.page(Templates.kpi(page, detail, alertViews, p.toString(), p.label(locale), p.previous().toString(),
                        p.next().toString(), Widgets.periodChoices(p, viewer.today(), locale), done == null ? "" : done), locale);
            });
        });
    }

    /**
     * The explanation of the value (the engine's {@code /explain}): the KPI page loads it after it is
     * shown (htmx, {@code HX-Request}: the section alone), since it reads the window's raw events;
     * without a script, the page's link opens it as a page of its own.
     */
    @GET
    @Path("explain")
    @Produces(Html.TYPE)
    public Uni<Response> explain(@PathParam("key") String key, @QueryParam("period") String period,
                                 @jakarta.ws.rs.HeaderParam("HX-Request") String htmx) {
        PagePeriod p = PagePeriod.parse("period", period, viewer.today());
        String bearer = viewer.bearer();
        Formats f = viewer.formats();
        Locale locale = viewer.locale();
        return find(engine, bearer, key).chain(kpi -> engine.explain(bearer, key, p.toString()).chain(e -> {
            KpiDetail detail = KpiDetail.build(kpi, e, List.of(), p, List.of(), "", f);
            String name = io.pilotage.console.view.KpiRow.name(kpi.name(), locale.getLanguage(), key);
            Page page = Page.of(viewer, name, "portfolio", 0, config.zone().getId());
            return Html.page("true".equals(htmx) ? Templates.kpi_explain(page, detail, p.toString())
                    : Templates.kpi_explanation(page, detail, p.toString(), p.label(locale)), locale);
        }));
    }

    /** The series of the page as CSV, as the engine writes it. */
    @GET
    @Path("values.csv")
    @Produces("text/csv")
    public Uni<Response> csv(@PathParam("key") String key, @QueryParam("period") String period) {
        PagePeriod p = PagePeriod.parse("period", period, viewer.today());
        return engine.valuesCsv(viewer.bearer(), key, p.kind().granularity(), p.minus(KpiChart.PERIODS - 1).start().toString(),
                        p.end().toString())
                .map(csv -> Response.ok(csv, "text/csv;charset=UTF-8")
                        .header("Content-Disposition", "attachment; filename=\"" + key.replaceAll("[^A-Za-z0-9._-]", "_") + "-"
                                + p + ".csv\"")
                        .build());
    }
}
