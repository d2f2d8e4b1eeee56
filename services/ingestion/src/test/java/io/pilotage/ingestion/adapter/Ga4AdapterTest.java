package io.pilotage.ingestion.adapter;

import io.pilotage.contracts.definition.SourceDefinition;
import io.pilotage.ingestion.adapter.ga4.Ga4Adapter;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class Ga4AdapterTest {

    private final SourceDefinition ga4 = Fixtures.source("ga4-mobile");

    @Test
    void aBigQueryExportRowMapsNameTimestampUserValueAndAttributes() {
        var mapped = Ga4Adapter.fromExportRow(ga4, Fixtures.json("ga4-export-purchase.json"));

        var e = mapped.event();
        assertThat(e.get("type").asText()).isEqualTo("purchase");
        assertThat(e.get("occurredAt").asText()).isEqualTo("2026-11-02T09:14:03.123456Z");
        assertThat(e.get("subject").asText()).isEqualTo("+22370112233"); // pseudonymised by the intake
        assertThat(e.get("value").asDouble()).isEqualTo(1500.0);
        assertThat(e.get("attributes").get("currency").asText()).isEqualTo("XOF");
        assertThat(e.get("attributes").get("device_category").asText()).isEqualTo("mobile");
        assertThat(e.get("attributes").get("country").asText()).isEqualTo("Mali");
        assertThat(e.get("attributes").get("platform").asText()).isEqualTo("ANDROID");
        assertThat(e.get("id").asText()).startsWith("ga4-mobile:").contains(":1793610843123456:purchase:")
                .doesNotContain("22370112233");
        assertThat(Ga4Adapter.fromExportRow(ga4, Fixtures.json("ga4-export-purchase.json")).event().get("id"))
                .isEqualTo(e.get("id"));
    }

    @Test
    void aMeasurementProtocolBodyYieldsOneEventPerEventWithConfiguredTypes() {
        var mapped = Ga4Adapter.fromMeasurementProtocol(ga4, Fixtures.json("ga4-mp-body.json"), Instant.now());

        assertThat(mapped).extracting(m -> m.event().get("type").asText()).containsExactly("feedback.submitted", "first_open");
        assertThat(mapped.getFirst().event().get("value").asDouble()).isEqualTo(4.0);
        assertThat(mapped.getFirst().event().get("subject").asText()).isEqualTo("awa.traore@example.ml");
        assertThat(mapped.getFirst().event().get("occurredAt").asText()).isEqualTo("2026-11-02T09:14:03Z");
    }

    @Test
    void aPrivacyRequestAndItsClosingShareTheEntityOfTheirRequestId() {
        var mapped = Ga4Adapter.fromMeasurementProtocol(ga4, Fixtures.json("ga4-mp-privacy.json"), Instant.now());

        assertThat(mapped).extracting(m -> m.event().get("type").asText())
                .containsExactly("privacy.request.received", "privacy.request.closed");
        assertThat(mapped).extracting(m -> m.event().get("entity").asText())
                .containsOnly("privacy-request/DSR-2026-0042");
        assertThat(Ga4Adapter.fromMeasurementProtocol(ga4, Fixtures.json("ga4-mp-body.json"), Instant.now()))
                .as("events without a request id have no entity").allSatisfy(m -> assertThat(m.event().has("entity")).isFalse());
    }

    @Test
    void aRowWithoutTimestampOrNameIsNamed() {
        var row = (com.fasterxml.jackson.databind.node.ObjectNode) Fixtures.json("ga4-export-purchase.json");
        row.remove("event_timestamp");
        assertThat(Ga4Adapter.fromExportRow(ga4, row).field()).isEqualTo("event_timestamp");
        row.remove("event_name");
        assertThat(Ga4Adapter.fromExportRow(ga4, row).field()).isEqualTo("event_name");
    }
}
