package io.pilotage.governance.source;

import io.pilotage.contracts.Problem.FieldError;
import io.pilotage.contracts.definition.QualityRule;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Checks a source's data-quality rules (DESIGN §5.4) before ingestion is asked to apply them. */
public final class QualityRuleValidator {

    public static final Set<String> TYPES = Set.of("not_null", "between", "in_set", "matches_regex", "unique", "max_lateness", "type");
    public static final Set<String> CANONICAL_FIELDS = Set.of("id", "source", "project", "type", "occurredAt", "receivedAt",
            "entity", "subject", "value");
    public static final Set<String> VALUE_TYPES = Set.of("string", "number", "integer", "boolean");
    private static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9_.-]{0,63}$");
    private static final Pattern ATTRIBUTE = Pattern.compile("^attributes\\.[A-Za-z_][A-Za-z0-9_.-]{0,99}$");

    private QualityRuleValidator() {
    }

    public static List<FieldError> validate(List<QualityRule> rules, String at) {
        List<FieldError> e = new ArrayList<>();
        if (rules == null) {
            return e;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            String p = at + "[" + i + "].";
            QualityRule r = rules.get(i);
            if (r == null) {
                e.add(new FieldError(at + "[" + i + "]", "a rule is required"));
                continue;
            }
            if (r.name() == null || !NAME.matcher(r.name()).matches()) {
                e.add(new FieldError(p + "name", "required: 1-64 lower-case letters, digits, '.', '_' or '-'"));
            } else if (!names.add(r.name())) {
                e.add(new FieldError(p + "name", "duplicate rule name '" + r.name() + "'"));
            }
            if (r.type() == null || !TYPES.contains(r.type())) {
                e.add(new FieldError(p + "type", "unknown rule type '" + r.type() + "': one of " + String.join(", ", TYPES.stream().sorted().toList())));
                continue;
            }
            if (!r.type().equals("max_lateness")) {
                if (r.field() == null) {
                    e.add(new FieldError(p + "field", "required for " + r.type()));
                } else if (!CANONICAL_FIELDS.contains(r.field()) && !ATTRIBUTE.matcher(r.field()).matches()) {
                    e.add(new FieldError(p + "field", "unknown event field '" + r.field() + "': a canonical field ("
                            + String.join(", ", CANONICAL_FIELDS.stream().sorted().toList()) + ") or attributes.<name>"));
                }
            }
            switch (r.type()) {
                case "between" -> {
                    if (r.min() == null && r.max() == null) {
                        e.add(new FieldError(p + "min", "between needs min and/or max"));
                    } else if (r.min() != null && r.max() != null && r.min() > r.max()) {
                        e.add(new FieldError(p + "max", "must be at least min"));
                    }
                }
                case "in_set" -> {
                    if (r.values() == null || r.values().isEmpty()) {
                        e.add(new FieldError(p + "values", "in_set needs at least one value"));
                    }
                }
                case "matches_regex" -> {
                    if (r.regex() == null || r.regex().isEmpty()) {
                        e.add(new FieldError(p + "regex", "required for matches_regex"));
                    } else if (r.regex().length() > 500) {
                        e.add(new FieldError(p + "regex", "at most 500 characters"));
                    } else {
                        try {
                            Pattern.compile(r.regex());
                        } catch (PatternSyntaxException x) {
                            e.add(new FieldError(p + "regex", "not a valid regular expression: " + x.getDescription()));
                        }
                    }
                }
                case "max_lateness" -> {
                    if (r.maxLateness() == null || r.maxLateness().isNegative() || r.maxLateness().isZero()) {
                        e.add(new FieldError(p + "maxLateness", "required: a positive ISO-8601 duration such as PT1H"));
                    }
                }
                case "type" -> {
                    if (r.expectedType() == null || !VALUE_TYPES.contains(r.expectedType())) {
                        e.add(new FieldError(p + "expectedType", "one of boolean, integer, number, string"));
                    }
                }
                default -> {
                    // not_null, unique: field only
                }
            }
            if (r.mostly() != null && (r.mostly() <= 0 || r.mostly() > 1)) {
                e.add(new FieldError(p + "mostly", "the share that must pass: greater than 0, at most 1"));
            }
            if (r.severity() == null || !Set.of("reject", "flag").contains(r.severity())) {
                e.add(new FieldError(p + "severity", "required: reject (the event is refused) or flag (accepted and counted)"));
            }
        }
        return e;
    }
}
