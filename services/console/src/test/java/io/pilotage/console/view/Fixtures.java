package io.pilotage.console.view;

import io.pilotage.console.api.Api;
import io.pilotage.contracts.Granularity;
import io.pilotage.contracts.KpiStatus;
import io.pilotage.contracts.KpiValue;
import io.pilotage.contracts.definition.Direction;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Answers of the services as the console reads them, for the view tests. */
final class Fixtures {

    private Fixtures() {
    }

    static KpiValue value(String kpi, String project, String month, Double value, KpiStatus status, Instant computedAt) {
        LocalDate start = LocalDate.parse(month + "-01");
        return new KpiValue(kpi, project, new KpiValue.Period(Granularity.MONTH, start, start.plusMonths(1).minusDays(1)), value,
                "%", 99.0, status, 100, true, null, 1, computedAt);
    }

    static Api.Kpi kpi(String key, String project, Direction direction, Double target, Double warning, Double critical,
                       KpiValue latest) {
        return new Api.Kpi(key, project, Map.of("fr", "Disponibilité " + key, "en", "Uptime " + key), "%", direction, target,
                new Api.Thresholds(warning, critical), "daily", "owner", null, "uptime", 1, latest, "exact");
    }

    static Api.Line line(KpiValue current, KpiValue previous, Direction d) {
        Double change = current.value() != null && previous.value() != null ? current.value() - previous.value() : null;
        Double pct = change == null ? null : 100 * change / previous.value();
        String trend = change == null ? null : change > 0 ? "up" : change < 0 ? "down" : "flat";
        Boolean improving = change == null || change == 0 ? null : (change > 0) == (d == Direction.HIGHER_IS_BETTER);
        return new Api.Line(current.kpi(), null, current.unit(), d, current.target(), current, previous, change, pct, trend, improving,
                null);
    }

    static Api.Scorecard card(String project, List<Api.Line> lines) {
        return new Api.Scorecard(project, lines.get(0).current().period(), lines.get(0).previous().period(), Map.of(), lines);
    }
}
