package io.pilotage.console.web;

import io.pilotage.console.view.PortfolioView;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import java.util.List;

/** The console's pages, checked at build time against the data they are given. */
@CheckedTemplate
public final class Templates {

    private Templates() {
    }

    public static native TemplateInstance portfolio(Page page, PortfolioView view, String period, String periodLabel,
                                                    List<Widgets.Choice> choices, List<Widgets.StatusChoice> statuses,
                                                    List<Widgets.Total> totals, String project);

    public static native TemplateInstance kpi(Page page, io.pilotage.console.view.KpiDetail kpi,
                                              List<io.pilotage.console.view.AlertView> alerts, String period, String periodLabel,
                                              String previous, String next, List<Widgets.Choice> choices, String done);

    public static native TemplateInstance kpi_explain(Page page, io.pilotage.console.view.KpiDetail kpi, String period);

    public static native TemplateInstance kpi_explanation(Page page, io.pilotage.console.view.KpiDetail kpi, String period,
                                                          String periodLabel);

    public static native TemplateInstance alerts(Page page, List<io.pilotage.console.view.AlertView> alerts,
                                                 List<AlertsPage.LogLine> log, List<String> projects, String project,
                                                 String state, String kpi, List<String> states, String done);

    public static native TemplateInstance alert(Page page, io.pilotage.console.view.AlertView alert,
                                                List<io.pilotage.console.view.AlertView> alerts,
                                                List<AlertsPage.TransitionLine> transitions, List<AlertsPage.LogLine> log);

    public static native TemplateInstance project(Page page, String project, List<ProjectPage.Card> cards, String period,
                                                  String periodLabel, String previous, String next, List<Widgets.Choice> choices);

    public static native TemplateInstance reviews(Page page, List<io.pilotage.console.api.Api.Committee> committees,
                                                  List<ReviewsPage.ReviewLine> reviews);

    public static native TemplateInstance review(Page page, io.pilotage.console.api.Api.Review review, String held,
                                                 List<ReviewsPage.Compared> compared,
                                                 List<io.pilotage.console.api.Api.Decision> decisions,
                                                 List<ReviewsPage.ActionLine> actions);

    public static native TemplateInstance quality(Page page, List<QualityPage.SourceLine> sources,
                                                  List<QualityPage.QuarantineLine> quarantine, String status, String done);

    public static native TemplateInstance error(Page page, int status, String title, String detail, List<String> errors);

    public static native TemplateInstance signedOut(Page page);
}
