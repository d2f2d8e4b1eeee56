package io.pilotage.ingestion.adapter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilotage.contracts.definition.SourceDefinition;
import io.pilotage.ingestion.adapter.qradar.QRadarOffenseAdapter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QRadarOffenseAdapterTest {

    private final SourceDefinition qradar = Fixtures.source("qradar-soc");

    @Test
    void aClosedFalsePositiveOffenseYieldsItsFourIncidentEvents() {
        var mapped = QRadarOffenseAdapter.map(qradar, Fixtures.json("qradar-offense-closed.json"));

        assertThat(mapped.events()).extracting(e -> e.get("type").asText())
                .containsExactly("incident.started", "incident.detected", "incident.resolved", "incident.closed");
        assertThat(mapped.events()).extracting(e -> e.get("occurredAt").asText())
                .containsExactly("2026-11-02T08:00:00Z", "2026-11-02T08:15:00Z", "2026-11-02T15:00:00Z", "2026-11-02T15:00:00Z");
        assertThat(mapped.events()).extracting(e -> e.get("entity").asText()).containsOnly("offense/1042");
        ObjectNode closed = mapped.events().get(3);
        assertThat(closed.get("id").asText()).isEqualTo("qradar-soc:offense:1042:incident.closed");
        assertThat(closed.get("attributes").get("false_positive").asBoolean()).isTrue();
        assertThat(closed.get("attributes").get("severity").asInt()).isEqualTo(7);
        assertThat(closed.get("attributes").get("assigned_to").asText()).isEqualTo("awa.traore");
    }

    @Test
    void anOpenOffenseYieldsStartedAndDetectedOnlyAndIdsStayTheSameAsItEvolves() {
        var open = (ObjectNode) Fixtures.json("qradar-offense-closed.json");
        open.put("status", "OPEN").putNull("close_time").putNull("closing_reason_id");

        var first = QRadarOffenseAdapter.map(qradar, open).events();
        var later = QRadarOffenseAdapter.map(qradar, Fixtures.json("qradar-offense-closed.json")).events();

        assertThat(first).extracting(e -> e.get("type").asText()).containsExactly("incident.started", "incident.detected");
        assertThat(later.subList(0, 2)).extracting(e -> e.get("id").asText())
                .containsExactlyElementsOf(first.stream().map(e -> e.get("id").asText()).toList());
    }

    @Test
    void aPolicyViolationIsNotAFalsePositiveAndAnOffenseWithoutStartIsNamed() {
        var real = ((ObjectNode) Fixtures.json("qradar-offense-closed.json")).put("closing_reason_id", 3);
        assertThat(QRadarOffenseAdapter.map(qradar, real).events().get(3).get("attributes").get("false_positive").asBoolean())
                .isFalse();
        var noStart = (ObjectNode) Fixtures.json("qradar-offense-closed.json");
        noStart.remove("start_time");
        assertThat(QRadarOffenseAdapter.map(qradar, noStart).field()).isEqualTo("start_time");
    }

    @Test
    void anOffenseWithAWrongStatusSeverityOrTimeIsRefusedWithTheFieldNamed() {
        var badStatus = ((ObjectNode) Fixtures.json("qradar-offense-closed.json")).put("status", "\u0000CLOSED");
        var noSeverity = (ObjectNode) Fixtures.json("qradar-offense-closed.json");
        noSeverity.remove("severity");
        var badSeverity = ((ObjectNode) Fixtures.json("qradar-offense-closed.json"));
        badSeverity.putArray("severity").add(1);
        var badClose = ((ObjectNode) Fixtures.json("qradar-offense-closed.json")).put("close_time", "soon");
        var closedWithoutTime = ((ObjectNode) Fixtures.json("qradar-offense-closed.json")).putNull("close_time");

        assertThat(QRadarOffenseAdapter.map(qradar, badStatus).field()).isEqualTo("status");
        assertThat(QRadarOffenseAdapter.map(qradar, noSeverity).field()).isEqualTo("severity");
        assertThat(QRadarOffenseAdapter.map(qradar, badSeverity).field()).isEqualTo("severity");
        assertThat(QRadarOffenseAdapter.map(qradar, badClose).field()).isEqualTo("close_time");
        assertThat(QRadarOffenseAdapter.map(qradar, closedWithoutTime).field()).isEqualTo("close_time");
        assertThat(QRadarOffenseAdapter.map(qradar, badStatus).events()).isEmpty();
    }
}
