package io.pilotage.kpi.rest;

import io.pilotage.contracts.Granularity;
import io.pilotage.contracts.KpiValue;
import io.pilotage.contracts.KpiValue.Period;
import io.pilotage.contracts.Problem;
import io.pilotage.kpi.aggregate.DailyCountRepository;
import io.pilotage.kpi.catalogue.CountKpi;
import io.pilotage.kpi.catalogue.CountSeries;
import io.pilotage.kpi.catalogue.KpiCatalogue;
import io.pilotage.kpi.period.PeriodCalendar;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Function;

/** KPI time series: {@code GET /kpis/{key}/values}. */
@Path("/kpis")
@Tag(name = "kpis")
@RolesAllowed({"admin", "committee", "project-owner", "analyst"})
public class KpiValuesResource {

    static final int MAX_PERIODS = 1000;

    private final KpiCatalogue catalogue;
    private final DailyCountRepository counts;
    private final PeriodCalendar calendar;
    private final Clock clock = Clock.systemUTC();

    public KpiValuesResource(KpiCatalogue catalogue, DailyCountRepository counts, PeriodCalendar calendar) {
        this.catalogue = catalogue;
        this.counts = counts;
        this.calendar = calendar;
    }

    @GET
    @Path("/{key}/values")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A KPI's values, one per period, oldest first",
            description = "Every period overlapping [from, to] is listed, periods without events as NO_DATA. "
                    + "Defaults: granularity day; to = today; from = 30 days, 12 weeks, 12 months or 8 quarters back.")
    public Uni<List<KpiValue>> values(@PathParam("key") String key,
                                      @Parameter(description = "day, week, month or quarter") @QueryParam("granularity") String granularity,
                                      @Parameter(description = "first day, ISO date") @QueryParam("from") String from,
                                      @Parameter(description = "last day, ISO date") @QueryParam("to") String to) {
        CountKpi kpi = catalogue.find(key).orElseThrow(() -> new ProblemException(
                Problem.forStatus(404, "no KPI with key '" + key + "'", "/kpis/" + key + "/values")));
        Granularity g = parse("granularity", granularity == null ? "day" : granularity, Granularity::parse);
        LocalDate last = to == null ? calendar.dayOf(clock.instant()) : parse("to", to, LocalDate::parse);
        LocalDate first = from == null ? PeriodCalendar.defaultFrom(g, last) : parse("from", from, LocalDate::parse);
        List<Period> periods;
        try {
            periods = PeriodCalendar.periodsBetween(g, first, last, MAX_PERIODS);
        } catch (IllegalArgumentException e) {
            throw invalid("from", e.getMessage());
        }
        LocalDate start = periods.getFirst().start();
        LocalDate end = periods.getLast().end();
        return counts.countsBetween(kpi.key(), start, end)
                .map(daily -> CountSeries.values(kpi, periods, daily, Instant.now(clock)));
    }

    private static <T> T parse(String field, String text, Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw invalid(field, e instanceof DateTimeParseException
                    ? "must be an ISO date (YYYY-MM-DD), got '" + text + "'" : e.getMessage());
        }
    }

    private static ProblemException invalid(String field, String reason) {
        return new ProblemException(Problem.invalid("invalid query parameter '" + field + "'", null,
                List.of(new Problem.FieldError(field, reason))));
    }
}
