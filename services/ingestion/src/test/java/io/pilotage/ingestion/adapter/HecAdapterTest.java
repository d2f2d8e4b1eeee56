package io.pilotage.ingestion.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilotage.contracts.definition.SourceDefinition;
import io.pilotage.ingestion.adapter.splunk.HecAdapter;
import io.pilotage.ingestion.event.BoundedJsonReader;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HecAdapterTest {

    private final SourceDefinition splunk = Fixtures.source("splunk-soc");

    private static List<JsonNode> envelopes(String body) {
        List<JsonNode> out = new ArrayList<>();
        new BoundedJsonReader(BoundedJsonReader.Limits.DEFAULT).readConcatenated(body.getBytes(StandardCharsets.UTF_8),
                (i, n) -> out.add(n));
        return out;
    }

    @Test
    void concatenatedEnvelopesMapToCanonicalEvents() {
        List<JsonNode> batch = envelopes(Fixtures.text("splunk-hec-batch.txt"));

        assertThat(batch).hasSize(2);
        var opened = HecAdapter.map(splunk, batch.get(0), Instant.now());
        assertThat(opened.get("type").asText()).isEqualTo("vulnerability.opened");
        assertThat(opened.get("id").asText()).isEqualTo("splunk-soc:V-77");
        assertThat(opened.get("entity").asText()).isEqualTo("vulnerability/CVE-2026-1234/srv-billing-01");
        assertThat(opened.get("occurredAt").asText()).isEqualTo("2026-11-02T09:14:03.123Z");
        assertThat(opened.get("value").asDouble()).isEqualTo(9.8);
        assertThat(opened.get("attributes").get("severity").asText()).isEqualTo("critical");
        assertThat(opened.get("attributes").get("host").asText()).isEqualTo("scanner-01");
        var fixed = HecAdapter.map(splunk, batch.get(1), Instant.now());
        assertThat(fixed.get("type").asText()).isEqualTo("vulnerability.fixed");
        assertThat(fixed.get("occurredAt").asText()).isEqualTo("2026-11-03T09:14:03Z");
    }

    @Test
    void envelopeErrorsAreHecCodesWithTheEventNumber() {
        assertThat(HecAdapter.check(envelopes("{\"host\":\"x\"}").getFirst(), 3))
                .isEqualTo(HecAdapter.HecResponse.eventRequired(3));
        assertThat(HecAdapter.check(envelopes("{\"event\":\"  \"}").getFirst(), 0).code()).isEqualTo(13);
        assertThat(HecAdapter.check(envelopes("{\"event\":\"x\",\"time\":\"yesterday\"}").getFirst(), 1).code()).isEqualTo(6);
        assertThat(HecAdapter.check(envelopes("[1]").getFirst(), 0).code()).isEqualTo(6);
        assertThat(HecAdapter.HecResponse.INVALID_TOKEN.httpStatus()).isEqualTo(403);
        assertThat(HecAdapter.HecResponse.TOKEN_REQUIRED.httpStatus()).isEqualTo(401);
    }
}
