package io.pilotage.kpi.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilotage.contracts.Granularity;
import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.KpiValue;
import io.pilotage.contracts.KpiValue.Period;
import io.pilotage.kpi.compute.KpiCalculator;
import io.pilotage.kpi.compute.ValueReader;
import io.pilotage.kpi.definition.CompiledKpi;
import io.pilotage.kpi.definition.KpiRegistry;
import io.pilotage.kpi.explain.ExplainService;
import io.pilotage.kpi.explain.Explanation;
import io.pilotage.kpi.forecast.Forecast;
import io.pilotage.kpi.forecast.ForecastService;
import io.pilotage.kpi.job.JobView;
import io.pilotage.kpi.job.Jobs;
import io.pilotage.kpi.period.PeriodCalendar;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/** KPI definitions with their latest values, time series (JSON or CSV), explanations, and recomputation. */
@Path("/kpis")
@Tag(name = "kpis")
public class KpisResource {

    static final int MAX_PERIODS = 1000;

    private final KpiRegistry registry;
    private final ValueReader reader;
    private final PeriodCalendar calendar;
    private final Jobs jobs;
    private final SecurityIdentity identity;
    private final ExplainService explainer;
    private final ForecastService forecasts;
    private final Clock clock = Clock.systemUTC();

    public KpisResource(KpiRegistry registry, ValueReader reader, PeriodCalendar calendar, Jobs jobs, SecurityIdentity identity,
                        ExplainService explainer, ForecastService forecasts) {
        this.explainer = explainer;
        this.forecasts = forecasts;
        this.registry = registry;
        this.reader = reader;
        this.calendar = calendar;
        this.jobs = jobs;
        this.identity = identity;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "committee", "project-owner", "analyst"})
    @Operation(summary = "KPI definitions with their latest value and status",
            description = "The latest value is the current period of the KPI's frequency (rolling windows end today). "
                    + "An unknown project is 404.")
    public List<KpiSummary> list(@Parameter(description = "only this project's KPIs") @QueryParam("project") String project) {
        List<CompiledKpi> kpis = project == null ? registry.all() : registry.ofProject(project);
        if (project != null && kpis.isEmpty()) {
            throw Params.invalidProject(project);
        }
        Instant now = clock.instant();
        LocalDate today = calendar.dayOf(now);
        return kpis.stream().map(k -> {
            Granularity g = frequency(k);
            KpiValue latest = reader.values(k, List.of(PeriodCalendar.periodContaining(g, today)), now).getFirst().value();
            return KpiSummary.of(k.definition(), latest);
        }).toList();
    }

    /** The period a request names, by default the one of the KPI's frequency that contains today. */
    private Period periodOf(CompiledKpi k, String period, Instant now) {
        return period == null ? PeriodCalendar.periodContaining(frequency(k), calendar.dayOf(now)) : Params.period("period", period);
    }

    static Granularity frequency(CompiledKpi k) {
        try {
            return Granularity.parse(k.definition().frequency());
        } catch (IllegalArgumentException e) {
            return Granularity.MONTH;
        }
    }

    CompiledKpi kpi(String key) {
        return registry.find(key).orElseThrow(() -> Params.notFound("no KPI with key '" + key + "'"));
    }

    @GET
    @Path("/{key}/values")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @RolesAllowed({"admin", "committee", "project-owner", "analyst"})
    @Operation(summary = "A KPI's values, one per period, oldest first (JSON, or CSV with Accept: text/csv)",
            description = "Every period overlapping [from, to] is listed, periods without events as NO_DATA. A rolling KPI's "
                    + "value for a period is its window of N days ending on the period's last day. Defaults: granularity day; "
                    + "to = today; from = 30 days, 12 weeks, 12 months or 8 quarters back. At most 1000 periods. "
                    + "duration and within values carry openEntities, the entities still open at the period's end. "
                    + "The value of the open period (the one containing today) carries forecast, as GET /kpis/{key}/forecast "
                    + "gives it (JSON only).")
    public Response values(@PathParam("key") String key,
                           @Parameter(description = "day, week, month or quarter") @QueryParam("granularity") String granularity,
                           @Parameter(description = "first day, ISO date") @QueryParam("from") String from,
                           @Parameter(description = "last day, ISO date") @QueryParam("to") String to,
                           @HeaderParam("Accept") String accept) {
        CompiledKpi k = kpi(key);
        Granularity g = Params.parse("granularity", granularity == null ? "day" : granularity, Granularity::parse);
        LocalDate last = to == null ? calendar.dayOf(clock.instant()) : Params.date("to", to);
        LocalDate first = from == null ? PeriodCalendar.defaultFrom(g, last) : Params.date("from", from);
        if (last.isBefore(first)) {
            throw Params.invalid("to", "'to' (" + last + ") is before 'from' (" + first + ")");
        }
        List<Period> periods;
        try {
            periods = PeriodCalendar.periodsBetween(g, first, last, MAX_PERIODS);
        } catch (IllegalArgumentException e) {
            throw Params.invalid("from", e.getMessage());
        }
        Instant now = clock.instant();
        List<KpiCalculator.Computed> values = reader.values(k, periods, now);
        if (accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv")) {
            return Response.ok(Csv.of(values), "text/csv").header("Content-Disposition",
                    "attachment; filename=\"" + key + "-" + g.wireName() + ".csv\"").build();
        }
        List<ObjectNode> out = values.stream().map(KpisResource::json).toList();
        for (int i = 0; i < periods.size(); i++) {
            Forecast f = forecasts.inline(k, periods.get(i), now);
            if (f != null) {
                out.get(i).set("forecast", JsonCodec.mapper().valueToTree(f));
            }
        }
        return Response.ok(out, MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/{key}/explain")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "committee", "project-owner", "analyst"})
    @Operation(summary = "A KPI's value for a period with what it means and what it was made from",
            description = "The value and status (as /values computes them), the definition and the status rule in plain words "
                    + "(fr, en), and the evidence: the events of the value's window that the measure takes, counted per type, "
                    + "the latest 20 of them (ids and pseudonymised subject only), and for duration and within the entities "
                    + "still open at the window's end (at most 50, with openEntitiesCount). period: YYYY-MM, YYYY-Qn, YYYY-Www "
                    + "or YYYY-MM-DD; default: the current period of the KPI's frequency. Unknown KPI 404, bad period 400.")
    public Explanation explain(@PathParam("key") String key,
                               @Parameter(description = "YYYY-MM, YYYY-Qn, YYYY-Www or YYYY-MM-DD") @QueryParam("period") String period) {
        CompiledKpi k = kpi(key);
        Instant now = clock.instant();
        Period p = periodOf(k, period, now);
        return explainer.explain(k, p, now);
    }

    @GET
    @Path("/{key}/forecast")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "committee", "project-owner", "analyst"})
    @Operation(summary = "A KPI's projected value at the end of a period, with its 80 % interval and projected status",
            description = "For the open period: the value so far (current), the projected end value (value) with the bounds of "
                    + "its 80 % interval (low, high; null when the method gives none), the projected status (target, critical "
                    + "threshold, direction), daysElapsed and daysRemaining, the method of the measure type (seasonal, level, "
                    + "union-growth, carried, none) and crossesCriticalInDays when the trajectory goes past the critical threshold "
                    + "before the period ends. A closed period's forecast is its final value (method final, interval zero). "
                    + "period: YYYY-MM, YYYY-Qn, YYYY-Www or YYYY-MM-DD; default: the current period of the KPI's frequency. "
                    + "Unknown KPI 404; bad period, or one that has not started, 400.")
    public Forecast forecast(@PathParam("key") String key,
                             @Parameter(description = "YYYY-MM, YYYY-Qn, YYYY-Www or YYYY-MM-DD") @QueryParam("period") String period) {
        CompiledKpi k = kpi(key);
        Instant now = clock.instant();
        Period p = periodOf(k, period, now);
        if (!forecasts.started(p, now)) {
            throw Params.invalid("period", "the period starting " + p.start() + " has not started; a forecast is for the open "
                    + "period or a closed one");
        }
        return forecasts.forecast(k, p, now);
    }

    static ObjectNode json(KpiCalculator.Computed c) {
        ObjectNode node = JsonCodec.mapper().valueToTree(c.value());
        if (c.open() != null) {
            node.put("openEntities", c.open());
        }
        return node;
    }

    @POST
    @Path("/{key}/recompute")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(summary = "Rebuild a KPI's day states over [from, to] from the retained raw events, as a job",
            description = "202 with the job (also at Location: /kpi-jobs/{id}). Defaults: the whole retention window up to "
                    + "today. 'from' may not be older than the raw-event retention.")
    public Response recompute(@PathParam("key") String key, @QueryParam("from") String from, @QueryParam("to") String to)
            throws SQLException {
        CompiledKpi k = kpi(key);
        LocalDate[] range = range(from, to);
        JobView job = jobs.submit("recompute", k.project(), List.of(k.key()), range[0], range[1], identity.getPrincipal().getName());
        return Response.accepted(job).location(URI.create("/kpi-jobs/" + job.id())).build();
    }

    LocalDate[] range(String from, String to) {
        LocalDate last = to == null ? jobs.today() : Params.date("to", to);
        LocalDate first = from == null ? jobs.retainedSince() : Params.date("from", from);
        if (last.isBefore(first)) {
            throw Params.invalid("to", "'to' (" + last + ") is before 'from' (" + first + ")");
        }
        if (first.isBefore(jobs.retainedSince())) {
            throw Params.invalid("from", "raw events are retained since " + jobs.retainedSince() + "; older days cannot be rebuilt");
        }
        return new LocalDate[] {first, last};
    }
}
