package io.pilotage.ingestion.quality;

import io.pilotage.contracts.CanonicalEvent;
import io.pilotage.contracts.definition.QualityRule;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class QualityEvaluatorTest {

    private static final Instant NOW = Instant.parse("2026-11-02T10:00:00Z");
    private final QualityEvaluator evaluator = new QualityEvaluator();

    private static CanonicalEvent event(Double value, Map<String, Object> attributes, Instant at) {
        return new CanonicalEvent("1", "s", "erp", "audit.error", at, NOW, "doc/1", null, value, attributes);
    }

    private static QualityRule rule(String type, String field) {
        return new QualityRule(null, type, field, null, null, null, null, null, null, null, null);
    }

    @Test
    void eachRuleTypeChecksWhatItSays() {
        CanonicalEvent e = event(50.0, Map.of("currency", "XOF", "code", "AB-12", "n", 3L), NOW.minus(Duration.ofHours(2)));

        assertThat(evaluator.check(rule("not_null", "subject"), e, NOW)).isEqualTo("is required");
        assertThat(evaluator.check(rule("not_null", "entity"), e, NOW)).isNull();
        assertThat(evaluator.check(new QualityRule(null, "between", "value", 0.0, 10.0, null, null, null, null, null, null), e, NOW))
                .contains("between");
        assertThat(evaluator.check(new QualityRule(null, "in_set", "attributes.currency", null, null, List.of("XOF", "EUR"),
                null, null, null, null, null), e, NOW)).isNull();
        assertThat(evaluator.check(new QualityRule(null, "in_set", "currency", null, null, List.of("EUR"), null, null, null,
                null, null), e, NOW)).contains("one of");
        assertThat(evaluator.check(new QualityRule(null, "matches_regex", "code", null, null, null, "[A-Z]{2}-\\d+", null,
                null, null, null), e, NOW)).isNull();
        assertThat(evaluator.check(new QualityRule(null, "max_lateness", null, null, null, null, null, Duration.ofHours(1),
                null, null, null), e, NOW)).contains("before reception");
        assertThat(evaluator.check(new QualityRule(null, "type", "n", null, null, null, null, null, "integer", null, null), e, NOW))
                .isNull();
        assertThat(evaluator.check(new QualityRule(null, "type", "currency", null, null, null, null, null, "number", null, null),
                e, NOW)).contains("number");
    }

    @Test
    void mostlyToleratesFailuresWhileThePassRateHoldsAndFlagNeverRejects() {
        QualityRule mostly = new QualityRule("v", "between", "value", 0.0, 10.0, null, null, null, null, 0.5, "reject");
        QualityRule flag = new QualityRule("f", "not_null", "subject", null, null, null, null, null, null, null, "flag");
        CanonicalEvent good = event(5.0, Map.of(), NOW);
        CanonicalEvent bad = event(50.0, Map.of(), NOW);

        evaluator.evaluate("s", List.of(mostly), good, NOW);
        assertThat(evaluator.evaluate("s", List.of(mostly), bad, NOW)).singleElement()
                .satisfies(f -> assertThat(f.reject()).isFalse()); // 1 of 2 pass: 0.5 >= mostly
        assertThat(evaluator.evaluate("s", List.of(mostly), bad, NOW)).singleElement()
                .satisfies(f -> assertThat(f.reject()).isTrue()); // 1 of 3: below mostly
        assertThat(evaluator.evaluate("s", List.of(flag), bad, NOW)).singleElement()
                .satisfies(f -> assertThat(f.reject()).isFalse());
    }
}
