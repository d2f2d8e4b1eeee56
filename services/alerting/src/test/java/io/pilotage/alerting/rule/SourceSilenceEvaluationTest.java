package io.pilotage.alerting.rule;

import io.pilotage.alerting.state.AlertInput;
import io.pilotage.contracts.SourceStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code source_silent} rules from the per-source status records, plain Java. */
class SourceSilenceEvaluationTest {

    private static final Instant NOW = Instant.parse("2026-11-02T09:00:00Z");
    private static final AlertRule RULE = new AlertRule("r-1", RuleKind.SOURCE_SILENT, "erp", null, "odoo-prod",
            Severity.CRITICAL, null, 1, Duration.ofHours(1));

    private static SourceStatus status(String instance, Instant lastEventAt, Instant at) {
        return new SourceStatus("odoo-prod", "erp", instance, lastEventAt, 5, 4, 0, 1, 0, 0, at);
    }

    private static Optional<AlertInput> evaluate(SourceActivity activity) {
        return RuleEvaluator.evaluateSourceSilence(RULE, activity.of("odoo-prod"), NOW);
    }

    @Test
    void aSourceNeverReportedIsNoData() {
        assertThat(evaluate(new SourceActivity())).containsInstanceOf(AlertInput.NoData.class);
    }

    @Test
    void aSourceReportedWithoutAnyEventSinceStartIsNoData() {
        SourceActivity a = new SourceActivity();
        a.apply(status("i-1", null, NOW));
        assertThat(evaluate(a)).containsInstanceOf(AlertInput.NoData.class);
    }

    @Test
    void theNewestLastEventOfAllInstancesDecides() {
        SourceActivity a = new SourceActivity();
        a.apply(status("i-1", NOW.minus(Duration.ofHours(3)), NOW));
        a.apply(status("i-2", NOW.minus(Duration.ofMinutes(59)), NOW));
        assertThat(evaluate(a)).containsInstanceOf(AlertInput.Clear.class);

        SourceActivity old = new SourceActivity();
        old.apply(status("i-1", NOW.minus(Duration.ofHours(3)), NOW));
        old.apply(status("i-2", NOW.minus(Duration.ofMinutes(61)), NOW));
        AlertInput in = evaluate(old).orElseThrow();
        assertThat(in).isInstanceOf(AlertInput.Breach.class);
        assertThat(((AlertInput.Breach) in).threshold()).isEqualTo(3600.0);
        assertThat(((AlertInput.Breach) in).value()).isEqualTo(61 * 60.0);
    }

    @Test
    void anOlderRecordOfAnInstanceNeverReplacesANewerOne() {
        SourceActivity a = new SourceActivity();
        a.apply(status("i-1", NOW.minus(Duration.ofMinutes(5)), NOW));
        a.apply(status("i-1", NOW.minus(Duration.ofHours(5)), NOW.minus(Duration.ofHours(4))));
        assertThat(evaluate(a)).containsInstanceOf(AlertInput.Clear.class);
    }

    @Test
    void exactlyTheDurationIsNotYetSilent() {
        SourceActivity a = new SourceActivity();
        a.apply(status("i-1", NOW.minus(Duration.ofHours(1)), NOW));
        assertThat(evaluate(a)).containsInstanceOf(AlertInput.Clear.class);
    }

    @Test
    void otherRuleKindsAndInvalidRecordsAreRefused() {
        AlertRule noData = new AlertRule("r-2", RuleKind.NO_DATA, "erp", "erp.x", null, Severity.WARNING, null, 1,
                Duration.ofHours(1));
        assertThat(RuleEvaluator.evaluateSourceSilence(noData, Optional.empty(), NOW)).isEmpty();
        assertThat(SourceActivity.invalid(null)).contains("empty source status");
        assertThat(SourceActivity.invalid(new SourceStatus(" ", "erp", "i", null, 0, 0, 0, 0, 0, 0, NOW)))
                .contains("source is required");
        assertThat(SourceActivity.invalid(new SourceStatus("s", "erp", null, null, 0, 0, 0, 0, 0, 0, NOW)))
                .contains("instance is required");
        assertThat(SourceActivity.invalid(status("i-1", NOW, NOW))).isEmpty();
    }
}
