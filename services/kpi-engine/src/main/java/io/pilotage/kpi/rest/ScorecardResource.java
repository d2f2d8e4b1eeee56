package io.pilotage.kpi.rest;

import io.pilotage.contracts.KpiValue.Period;
import io.pilotage.kpi.compute.KpiCalculator;
import io.pilotage.kpi.compute.ValueReader;
import io.pilotage.kpi.definition.CompiledKpi;
import io.pilotage.kpi.definition.KpiRegistry;
import io.pilotage.kpi.forecast.Forecast;
import io.pilotage.kpi.forecast.ForecastService;
import io.pilotage.kpi.job.JobView;
import io.pilotage.kpi.job.Jobs;
import io.pilotage.kpi.period.PeriodCalendar;
import io.pilotage.kpi.period.PeriodParser;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Scorecards of a project and of the portfolio, and a project's replay. */
@Path("/")
@Tag(name = "scorecards")
public class ScorecardResource {

    private final KpiRegistry registry;
    private final ValueReader reader;
    private final PeriodCalendar calendar;
    private final Jobs jobs;
    private final KpisResource kpis;
    private final SecurityIdentity identity;
    private final ForecastService forecasts;
    private final Clock clock = Clock.systemUTC();

    public ScorecardResource(KpiRegistry registry, ValueReader reader, PeriodCalendar calendar, Jobs jobs, KpisResource kpis,
                             SecurityIdentity identity, ForecastService forecasts) {
        this.forecasts = forecasts;
        this.registry = registry;
        this.reader = reader;
        this.calendar = calendar;
        this.jobs = jobs;
        this.kpis = kpis;
        this.identity = identity;
    }

    private Period period(String text) {
        return text == null
                ? PeriodCalendar.periodContaining(io.pilotage.contracts.Granularity.MONTH, calendar.dayOf(clock.instant()))
                : Params.parse("period", text, PeriodParser::parse);
    }

    @GET
    @Path("projects/{project}/scorecard")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "committee", "project-owner", "analyst"})
    @Operation(summary = "Every KPI of a project for a period: value, target, status, trend against the previous period",
            description = "period: YYYY-MM (default: the current month), YYYY-Qn, YYYY-Www or YYYY-MM-DD. A rolling KPI's "
                    + "value is its window ending on the period's last day; a KPI whose frequency is coarser than the period "
                    + "(a quarterly KPI on a month) is read for its own period containing it. When the period is open (contains today), each line "
                    + "carries forecast, as GET /kpis/{key}/forecast?period= gives it.")
    public Scorecard project(@PathParam("project") String project,
                             @Parameter(description = "YYYY-MM, YYYY-Qn, YYYY-Www or YYYY-MM-DD") @QueryParam("period") String period) {
        List<CompiledKpi> ofProject = registry.ofProject(project);
        if (ofProject.isEmpty()) {
            throw Params.invalidProject(project);
        }
        return scorecard(project, ofProject, period(period));
    }

    @GET
    @Path("portfolio/scorecard")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "committee", "project-owner", "analyst"})
    @Operation(summary = "The scorecard of every project for a period (the committee view)")
    public Portfolio portfolio(@Parameter(description = "YYYY-MM, YYYY-Qn, YYYY-Www or YYYY-MM-DD") @QueryParam("period") String period) {
        Period p = period(period);
        List<Scorecard> cards = new ArrayList<>();
        registry.all().stream().map(CompiledKpi::project).distinct()
                .forEach(project -> cards.add(scorecard(project, registry.ofProject(project), p)));
        List<Scorecard.Line> all = cards.stream().flatMap(c -> c.kpis().stream()).toList();
        return new Portfolio(p, Scorecard.summarise(all), cards);
    }

    /** The portfolio: every project's scorecard and the status counts over all of them. */
    public record Portfolio(Period period, java.util.Map<io.pilotage.contracts.KpiStatus, Integer> summary, List<Scorecard> projects) {
    }

    private Scorecard scorecard(String project, List<CompiledKpi> ofProject, Period p) {
        Period previous = PeriodParser.previous(p);
        Instant now = clock.instant();
        List<Scorecard.Line> lines = ofProject.stream().map(k -> {
            Period own = ownPeriod(KpisResource.frequency(k), p);
            List<KpiCalculator.Computed> v = reader.values(k, List.of(own == p ? previous : PeriodParser.previous(own), own), now);
            Forecast forecast = forecasts.inline(k, own, now);
            return Scorecard.Line.of(k.definition().displayName("en"), v.get(1).value(), v.get(0).value(), k.definition().direction(),
                    forecast);
        }).toList();
        return new Scorecard(project, p, previous, Scorecard.summarise(lines), lines);
    }

    /**
     * The period a KPI is read for on a scorecard of {@code p}: {@code p} itself, unless the KPI's
     * frequency is coarser, then its own period that contains {@code p} (a quarterly audit score on
     * a month's scorecard is the quarter's, not an empty month).
     */
    static Period ownPeriod(io.pilotage.contracts.Granularity frequency, Period p) {
        return frequency.compareTo(p.granularity()) > 0 ? PeriodCalendar.periodContaining(frequency, p.end()) : p;
    }

    @POST
    @Path("projects/{project}/replay")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(summary = "Rebuild every KPI of a project over [from, to] from the retained raw events, as a job",
            description = "The disaster-recovery path. 202 with the job (Location: /kpi-jobs/{id}).")
    public Response replay(@PathParam("project") String project, @QueryParam("from") String from, @QueryParam("to") String to)
            throws SQLException {
        List<CompiledKpi> ofProject = registry.ofProject(project);
        if (ofProject.isEmpty()) {
            throw Params.invalidProject(project);
        }
        var range = kpis.range(from, to);
        JobView job = jobs.submit("replay", project, ofProject.stream().map(CompiledKpi::key).toList(), range[0], range[1],
                identity.getPrincipal().getName());
        return Response.accepted(job).location(URI.create("/kpi-jobs/" + job.id())).build();
    }
}
