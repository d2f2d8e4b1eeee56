package io.pilotage.console.view;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SilencesTest {

    @Test
    void aSilenceMutesOneKpiOfOneProjectForTheChosenDuration() {
        Instant now = Instant.parse("2026-12-07T10:00:00Z");
        Map<String, Object> body = Silences.body("erp", "erp.uptime", " maintenance ", now, Silences.duration("4h"));
        assertThat(body.get("matchers")).isEqualTo(List.of(Map.of("name", "project", "value", "erp", "regex", false),
                Map.of("name", "kpi", "value", "erp.uptime", "regex", false)));
        assertThat(body).containsEntry("reason", "maintenance").containsEntry("endsAt", "2026-12-07T14:00:00Z");
        assertThat(Silences.duration("7d")).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void anUnofferedDurationIsRefusedByName() {
        assertThatThrownBy(() -> Silences.duration("forever")).isInstanceOfSatisfying(BadParameter.class,
                e -> assertThat(e.parameter()).isEqualTo("duration"));
    }
}
