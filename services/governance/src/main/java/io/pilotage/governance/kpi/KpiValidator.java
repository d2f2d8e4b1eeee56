package io.pilotage.governance.kpi;

import io.pilotage.contracts.Problem.FieldError;
import io.pilotage.contracts.definition.Direction;
import io.pilotage.contracts.definition.KpiDefinition;
import io.pilotage.contracts.definition.Measure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a KPI definition against the KPI language (DESIGN §3.1, {@code docs/kpi-language.md}) and
 * reports every problem with the path of the failing field, prefixed by the caller's
 * {@code at} (e.g. {@code kpis[2].}).
 */
public final class KpiValidator {

    public static final Pattern KEY = Pattern.compile("^[a-z0-9][a-z0-9_.-]{0,99}$");
    public static final Pattern EVENT_TYPE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$");
    public static final Pattern ATTRIBUTE = Pattern.compile("^[A-Za-z_][A-Za-z0-9_.-]{0,99}$");
    public static final Set<String> UNITS = Set.of("%", "XOF", "ms", "s", "h", "d", "count", "users", "score");
    public static final Set<String> FREQUENCIES = Set.of("daily", "weekly", "monthly", "quarterly");
    public static final Set<String> MEASURE_TYPES = Set.of("count", "sum", "avg", "min", "max", "percentile", "ratio",
            "distinct", "duration", "within", "retention", "uptime", "latest");
    /** The canonical event fields a measure may read; attributes are {@code attributes.<name>}. */
    public static final Set<String> EVENT_FIELDS = Set.of("value", "subject", "entity", "id", "type", "source", "project");

    private KpiValidator() {
    }

    public static List<FieldError> validate(KpiDefinition k, String project, String at) {
        List<FieldError> e = new ArrayList<>();
        if (k == null) {
            e.add(new FieldError(at.isEmpty() ? "body" : at.substring(0, at.length() - 1), "a KPI definition is required"));
            return e;
        }
        if (k.key() == null || k.key().isBlank()) {
            e.add(err(at, "key", "required"));
        } else if (!KEY.matcher(k.key()).matches()) {
            e.add(err(at, "key", "must be 1-100 lower-case letters, digits, '.', '_' or '-'"));
        }
        if (k.project() != null && !k.project().equals(project)) {
            e.add(err(at, "project", "is '" + k.project() + "' but the KPI is filed under project '" + project + "'"));
        }
        if (k.name().isEmpty() || k.name().values().stream().allMatch(v -> v == null || v.isBlank())) {
            e.add(err(at, "name", "required: a display name in fr and/or en"));
        } else {
            k.name().keySet().stream().filter(l -> !l.equals("fr") && !l.equals("en"))
                    .forEach(l -> e.add(err(at, "name." + l, "unknown language: fr or en")));
        }
        if (k.unit() == null) {
            e.add(err(at, "unit", "required: one of " + sorted(UNITS)));
        } else if (!UNITS.contains(k.unit())) {
            e.add(err(at, "unit", "unknown unit '" + k.unit() + "': one of " + sorted(UNITS)));
        }
        if (k.direction() == null) {
            e.add(err(at, "direction", "required: higher_is_better or lower_is_better"));
        }
        if (k.target() == null) {
            e.add(err(at, "target", "required: the value the KPI must reach"));
        } else if (!Double.isFinite(k.target())) {
            e.add(err(at, "target", "must be a finite number"));
        }
        thresholds(k, at, e);
        if (k.frequency() == null) {
            e.add(err(at, "frequency", "required: one of " + sorted(FREQUENCIES)));
        } else if (!FREQUENCIES.contains(k.frequency())) {
            e.add(err(at, "frequency", "unknown frequency '" + k.frequency() + "': one of " + sorted(FREQUENCIES)));
        }
        if (k.owner() == null || k.owner().isBlank()) {
            e.add(err(at, "owner", "required: the accountable person"));
        }
        KpiDefinition.Window w = k.window();
        if (!"calendar".equals(w.kind()) && !"rolling".equals(w.kind())) {
            e.add(err(at, "window.kind", "unknown window '" + w.kind() + "': calendar or rolling"));
        } else if (w.rolling() && (w.days() == null || w.days() < 1 || w.days() > 366)) {
            e.add(err(at, "window.days", "a rolling window needs 1 to 366 days"));
        } else if (!w.rolling() && w.days() != null) {
            e.add(err(at, "window.days", "only a rolling window has days"));
        }
        if (k.measure() == null) {
            e.add(err(at, "measure", "required"));
        } else {
            measure(k.measure(), at + "measure.", e);
        }
        return e;
    }

    /** Warning and critical must lie on the bad side of the target, critical beyond warning. */
    private static void thresholds(KpiDefinition k, String at, List<FieldError> e) {
        if (k.thresholds() == null || k.direction() == null || k.target() == null) {
            return;
        }
        Double warning = k.thresholds().warning();
        Double critical = k.thresholds().critical();
        boolean higher = k.direction() == Direction.HIGHER_IS_BETTER;
        String side = higher ? "below" : "above";
        if (warning != null && (higher ? warning > k.target() : warning < k.target())) {
            e.add(err(at, "thresholds.warning", "is on the wrong side of the target " + num(k.target()) + ": for "
                    + k.direction().wireName() + " it must be at or " + side + " the target"));
        }
        if (critical != null && (higher ? critical > k.target() : critical < k.target())) {
            e.add(err(at, "thresholds.critical", "is on the wrong side of the target " + num(k.target()) + ": for "
                    + k.direction().wireName() + " it must be at or " + side + " the target"));
        }
        if (warning != null && critical != null && (higher ? critical > warning : critical < warning)) {
            e.add(err(at, "thresholds.critical", "must be at or " + side + " the warning threshold " + num(warning)
                    + " for " + k.direction().wireName()));
        }
    }

    static void measure(Measure m, String at, List<FieldError> e) {
        if (m.type() == null) {
            e.add(err(at, "type", "required: one of " + sorted(MEASURE_TYPES)));
            return;
        }
        if (!MEASURE_TYPES.contains(m.type())) {
            e.add(err(at, "type", "unknown measure type '" + m.type() + "': one of " + sorted(MEASURE_TYPES)));
            return;
        }
        eventTypes(m.events(), at + "events", e);
        eventTypes(m.start(), at + "start", e);
        eventTypes(m.end(), at + "end", e);
        eventTypes(m.cohort(), at + "cohort", e);
        eventTypes(m.up(), at + "up", e);
        eventTypes(m.down(), at + "down", e);
        if (m.field() != null) {
            field(m.field(), at + "field", e);
        }
        for (Map.Entry<String, Object> w : m.where().entrySet()) {
            if (!ATTRIBUTE.matcher(w.getKey()).matches()) {
                e.add(new FieldError(at + "where." + w.getKey(), "not an attribute name"));
            }
        }
        if (m.precision() != null && !Set.of("exact", "sketch").contains(m.precision())) {
            e.add(err(at, "precision", "unknown precision '" + m.precision() + "': exact or sketch"));
        }
        switch (m.type()) {
            case "count", "sum", "avg", "min", "max", "latest" -> requireList(m.events(), at, "events", e);
            case "percentile" -> {
                requireList(m.events(), at, "events", e);
                if (m.percentile() == null || m.percentile() <= 0 || m.percentile() >= 100) {
                    e.add(err(at, "percentile", "required: a percentile between 0 and 100 (exclusive), e.g. 90"));
                }
            }
            case "ratio" -> {
                if (m.numerator() == null) {
                    e.add(err(at, "numerator", "required for a ratio"));
                } else {
                    measure(m.numerator(), at + "numerator.", e);
                }
                if (m.denominator() == null) {
                    e.add(err(at, "denominator", "required for a ratio"));
                } else {
                    measure(m.denominator(), at + "denominator.", e);
                }
            }
            case "distinct" -> {
                // events may be empty (any event); field defaults to subject
            }
            case "duration" -> {
                requireList(m.start(), at, "start", e);
                requireList(m.end(), at, "end", e);
                if (m.stat() != null && !Set.of("avg", "p50", "p90").contains(m.stat())) {
                    e.add(err(at, "stat", "unknown statistic '" + m.stat() + "': avg, p50 or p90"));
                }
            }
            case "within" -> {
                requireList(m.start(), at, "start", e);
                requireList(m.end(), at, "end", e);
                Measure.Limit l = m.limit();
                if (l == null) {
                    e.add(err(at, "limit", "required for within: days, and/or attribute with byValue"));
                } else {
                    if (l.days() == null && l.byValue().isEmpty()) {
                        e.add(err(at, "limit", "needs days, or attribute and byValue"));
                    }
                    if (l.days() != null && l.days() <= 0) {
                        e.add(err(at, "limit.days", "must be positive"));
                    }
                    if (!l.byValue().isEmpty() && (l.attribute() == null || !ATTRIBUTE.matcher(l.attribute()).matches())) {
                        e.add(err(at, "limit.attribute", "required with byValue: the attribute whose value selects the limit"));
                    }
                    l.byValue().forEach((v, d) -> {
                        if (d == null || d <= 0) {
                            e.add(err(at, "limit.byValue." + v, "must be a positive number of days"));
                        }
                    });
                }
            }
            case "retention" -> {
                requireList(m.cohort(), at, "cohort", e);
                if (m.day() == null || m.day() < 1 || m.day() > 366) {
                    e.add(err(at, "day", "required: the day N (1 to 366) on which activity is checked"));
                }
                if (m.mode() != null && !Set.of("on", "on_or_after").contains(m.mode())) {
                    e.add(err(at, "mode", "unknown mode '" + m.mode() + "': on or on_or_after"));
                }
            }
            case "uptime" -> {
                requireList(m.up(), at, "up", e);
                requireList(m.down(), at, "down", e);
            }
            default -> throw new IllegalStateException(m.type());
        }
    }

    private static void field(String field, String path, List<FieldError> e) {
        boolean ok = EVENT_FIELDS.contains(field)
                || (field.startsWith("attributes.") && ATTRIBUTE.matcher(field.substring("attributes.".length())).matches());
        if (!ok) {
            e.add(new FieldError(path, "unknown event field '" + field + "': one of " + sorted(EVENT_FIELDS)
                    + " or attributes.<name>"));
        }
    }

    private static void eventTypes(List<String> types, String path, List<FieldError> e) {
        for (int i = 0; i < types.size(); i++) {
            String t = types.get(i);
            if (t == null || !EVENT_TYPE.matcher(t).matches()) {
                e.add(new FieldError(path + "[" + i + "]", "not an event type name"));
            }
        }
    }

    private static void requireList(List<String> list, String at, String field, List<FieldError> e) {
        if (list.isEmpty()) {
            e.add(err(at, field, "required: at least one event type"));
        }
    }

    private static FieldError err(String at, String field, String reason) {
        return new FieldError(at + field, reason);
    }

    private static String sorted(Set<String> s) {
        return String.join(", ", s.stream().sorted().toList());
    }

    private static String num(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
