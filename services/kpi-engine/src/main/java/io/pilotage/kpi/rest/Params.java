package io.pilotage.kpi.rest;

import io.pilotage.contracts.KpiValue.Period;
import io.pilotage.contracts.Problem;
import io.pilotage.kpi.period.PeriodParser;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Function;

/** Query-parameter parsing that answers 400 problems naming the parameter. */
final class Params {

    private Params() {
    }

    static <T> T parse(String field, String text, Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw invalid(field, e instanceof DateTimeParseException
                    ? "must be an ISO date (YYYY-MM-DD), got '" + text + "'" : e.getMessage());
        }
    }

    static LocalDate date(String field, String text) {
        return parse(field, text, LocalDate::parse);
    }

    static final String PERIOD_FORMS = "YYYY-MM, YYYY-Qn, YYYY-Www or YYYY-MM-DD";

    /** A period as the scorecard takes it; the 400 problem names the parameter and the accepted forms. */
    static Period period(String field, String text) {
        try {
            return PeriodParser.parse(text);
        } catch (IllegalArgumentException e) {
            String reason = e.getMessage();
            throw invalid(field, reason.contains("expected") ? reason : reason + "; expected " + PERIOD_FORMS);
        }
    }

    static ProblemException invalid(String field, String reason) {
        return new ProblemException(Problem.invalid("invalid query parameter '" + field + "'", null,
                List.of(new Problem.FieldError(field, reason))));
    }

    static ProblemException invalidProject(String project) {
        Problem p = new Problem(Problem.forStatus(404, "no project '" + project + "' has KPIs", null).type(), "Not found", 404,
                "no project '" + project + "' has KPIs", null, List.of(new Problem.FieldError("project", "unknown project")), null);
        return new ProblemException(p);
    }

    static ProblemException notFound(String detail) {
        return new ProblemException(Problem.forStatus(404, detail, null));
    }
}
