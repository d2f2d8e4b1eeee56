package io.pilotage.ingestion.quality;

import io.pilotage.contracts.CanonicalEvent;
import io.pilotage.contracts.definition.QualityRule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Evaluates a source's data-quality rules (DESIGN §5.4) on one event at a time: {@code not_null},
 * {@code between}, {@code in_set}, {@code matches_regex}, {@code max_lateness}, {@code type}
 * ({@code unique} needs the ledger and is checked by the intake, see
 * {@link #uniqueRules(List)}).
 *
 * <p>{@code mostly} and severity: a failure of a {@code flag} rule never rejects (the event is
 * accepted and flagged). A failure of a {@code reject} rule rejects the event unless the rule's
 * pass rate over the source's recent events (a window of the last {@value #WINDOW} evaluations,
 * this one included) stays at or above {@code mostly}; then the event is accepted and flagged.
 * With the default {@code mostly = 1} every failure of a {@code reject} rule rejects.
 */
public final class QualityEvaluator {

    static final int WINDOW = 1000;

    /** One failed rule for one event; {@code reject} tells whether it rejects the event. */
    public record Failure(String rule, String field, String message, boolean reject) {
    }

    private final Map<String, PassRateWindow> windows = new ConcurrentHashMap<>();
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    /** Every failing rule of {@code source} for {@code event}, received at {@code receivedAt}. */
    public List<Failure> evaluate(String source, List<QualityRule> rules, CanonicalEvent event, Instant receivedAt) {
        if (rules.isEmpty()) {
            return List.of();
        }
        List<Failure> failures = new ArrayList<>(0);
        for (QualityRule rule : rules) {
            if ("unique".equals(rule.type())) {
                continue;
            }
            String why = check(rule, event, receivedAt);
            boolean passed = why == null;
            double passRate = windows.computeIfAbsent(source + "\u0000" + ruleName(rule), k -> new PassRateWindow(WINDOW))
                    .record(passed);
            if (!passed) {
                failures.add(new Failure(ruleName(rule), fieldOf(rule), why, rejects(rule, passRate)));
            }
        }
        return failures;
    }

    /** Records the outcome of a {@code unique} rule the intake checked, and says whether it rejects. */
    public Failure uniqueFailure(String source, QualityRule rule, boolean passed) {
        double passRate = windows.computeIfAbsent(source + "\u0000" + ruleName(rule), k -> new PassRateWindow(WINDOW))
                .record(passed);
        return passed ? null : new Failure(ruleName(rule), rule.field(),
                "must be unique among the source's events; this value was seen before", rejects(rule, passRate));
    }

    /** The {@code unique} rules among {@code rules} (derived once per source, {@code SourceRegistry.Intake}). */
    public static List<QualityRule> uniqueRules(List<QualityRule> rules) {
        return rules.stream().filter(r -> "unique".equals(r.type()) && r.field() != null).toList();
    }

    /**
     * {@code rules} without their {@code max_lateness} ones: what a history import applies, its
     * events being old on purpose (derived once per source, {@code SourceRegistry.Intake}).
     */
    public static List<QualityRule> withoutLateness(List<QualityRule> rules) {
        return rules.stream().filter(r -> !"max_lateness".equals(r.type())).toList();
    }

    private static boolean rejects(QualityRule rule, double passRate) {
        boolean rejectSeverity = rule.severity() == null || "reject".equalsIgnoreCase(rule.severity());
        return rejectSeverity && passRate < rule.mostlyOrDefault();
    }

    public static String ruleName(QualityRule rule) {
        return rule.name() != null ? rule.name() : rule.type() + (rule.field() != null ? ":" + rule.field() : "");
    }

    private static String fieldOf(QualityRule rule) {
        return "max_lateness".equals(rule.type()) ? "occurredAt" : rule.field();
    }

    /** Why the event fails the rule, or null when it passes (a missing value passes every rule but not_null and type). */
    String check(QualityRule rule, CanonicalEvent event, Instant receivedAt) {
        Object v = rule.field() == null ? null : valueOf(event, rule.field());
        return switch (rule.type() == null ? "" : rule.type()) {
            case "not_null" -> v == null || (v instanceof String s && s.isBlank()) ? "is required" : null;
            case "between" -> {
                if (v == null) {
                    yield null;
                }
                if (!(v instanceof Number n)) {
                    yield "must be a number between " + rule.min() + " and " + rule.max();
                }
                double d = n.doubleValue();
                yield (rule.min() != null && d < rule.min()) || (rule.max() != null && d > rule.max())
                        ? "must be between " + (rule.min() == null ? "-∞" : rule.min()) + " and "
                        + (rule.max() == null ? "+∞" : rule.max()) + ", got " + d
                        : null;
            }
            case "in_set" -> v == null || rule.values() == null
                    || rule.values().stream().anyMatch(allowed -> sameValue(allowed, v))
                    ? null : "must be one of " + rule.values();
            case "matches_regex" -> v == null || rule.regex() == null || pattern(rule.regex()).matcher(v.toString()).matches()
                    ? null : "must match " + rule.regex();
            case "max_lateness" -> {
                Duration max = rule.maxLateness();
                yield max == null || event.occurredAt() == null || !event.occurredAt().isBefore(receivedAt.minus(max))
                        ? null : "is more than " + max + " before reception";
            }
            case "type" -> typeProblem(rule.expectedType(), v);
            default -> null;
        };
    }

    private static String typeProblem(String expected, Object v) {
        if (expected == null) {
            return null;
        }
        boolean ok = switch (expected) {
            case "string" -> v instanceof String;
            case "number" -> v instanceof Number;
            case "integer" -> v instanceof Long || v instanceof Integer
                    || (v instanceof Double d && d == Math.rint(d) && !d.isInfinite());
            case "boolean" -> v instanceof Boolean;
            default -> true;
        };
        return ok ? null : "must be of type " + expected;
    }

    private static boolean sameValue(Object allowed, Object v) {
        if (allowed instanceof Number a && v instanceof Number b) {
            return a.doubleValue() == b.doubleValue();
        }
        return Objects.equals(String.valueOf(allowed), String.valueOf(v));
    }

    private Pattern pattern(String regex) {
        return patterns.computeIfAbsent(regex, r -> {
            try {
                return Pattern.compile(r);
            } catch (PatternSyntaxException e) {
                return Pattern.compile("(?s).*");
            }
        });
    }

    /** A canonical field ({@code id}, {@code type}, {@code value}, ...) or an attribute ({@code attributes.x} or {@code x}). */
    public static Object valueOf(CanonicalEvent e, String field) {
        return switch (field) {
            case "id" -> e.id();
            case "source" -> e.source();
            case "project" -> e.project();
            case "type" -> e.type();
            case "entity" -> e.entity();
            case "subject" -> e.subject();
            case "value" -> e.value();
            case "occurredAt" -> e.occurredAt() == null ? null : e.occurredAt().toString();
            default -> e.attributes().get(field.startsWith("attributes.") ? field.substring("attributes.".length()) : field);
        };
    }

    /** The pass rate of one rule over its last {@code size} evaluations. */
    static final class PassRateWindow {
        private final boolean[] ring;
        private int next;
        private int count;
        private int passed;

        PassRateWindow(int size) {
            this.ring = new boolean[size];
        }

        synchronized double record(boolean pass) {
            if (count == ring.length) {
                if (ring[next]) {
                    passed--;
                }
            } else {
                count++;
            }
            ring[next] = pass;
            if (pass) {
                passed++;
            }
            next = (next + 1) % ring.length;
            return (double) passed / count;
        }
    }
}
