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
import java.util.Map;

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
    void aRawBodyIsOneEventPerLineTheQueryGivingTheEnvelopesFields() {
        String body = "{\"action\": \"incident_prevented\", \"id\": \"R-1\", \"severity\": \"high\"}\r\n"
                + "\n"
                + "Nov  2 09:14:03 fw-01 blocked 10.1.2.3 -> 41.73.0.9:445\n"
                + "  {not json at all}  \n"
                + "[1, 2]";
        Map<String, String> query = new java.util.HashMap<>();
        query.put("host", "fw-01");
        query.put("sourcetype", "fw:syslog");
        query.put("source", " ");
        query.put("index", null);

        HecAdapter.Raw raw = HecAdapter.rawEnvelopes(body.getBytes(StandardCharsets.UTF_8), query, new BoundedJsonReader(BoundedJsonReader.Limits.DEFAULT));

        assertThat(raw.problem()).isNull();
        assertThat(raw.envelopes()).hasSize(4);
        assertThat(raw.envelopes()).allSatisfy(e -> {
            assertThat(e.get("host").asText()).isEqualTo("fw-01");
            assertThat(e.get("sourcetype").asText()).isEqualTo("fw:syslog");
            assertThat(e.has("source")).as("a blank parameter is left out").isFalse();
            assertThat(e.has("index")).isFalse();
            assertThat(HecAdapter.check(e, 0)).isNull();
        });
        assertThat(raw.envelopes().get(0).get("event").isObject()).isTrue();
        assertThat(raw.envelopes().get(1).get("event").asText()).isEqualTo("Nov  2 09:14:03 fw-01 blocked 10.1.2.3 -> 41.73.0.9:445");
        assertThat(raw.envelopes().get(2).get("event").asText()).isEqualTo("  {not json at all}  ");
        assertThat(raw.envelopes().get(3).get("event").asText()).as("JSON, but not an object: text").isEqualTo("[1, 2]");

        // the JSON line maps through the source's mapping as an /event envelope would
        var mapped = HecAdapter.map(splunk, raw.envelopes().getFirst(), Instant.parse("2026-11-02T09:15:00Z"));
        assertThat(mapped.get("type").asText()).isEqualTo("incident.prevented");
        assertThat(mapped.get("id").asText()).isEqualTo("splunk-soc:R-1");
        assertThat(mapped.get("occurredAt").asText()).isEqualTo("2026-11-02T09:15:00Z");
        assertThat(mapped.get("attributes").get("sourcetype").asText()).isEqualTo("fw:syslog");
        assertThat(mapped.get("attributes").get("host").asText()).isEqualTo("fw-01");
        // a text line has no action: the line's envelope itself is refused on type (quarantined as sent, not lost)
        assertThat(HecAdapter.map(splunk, raw.envelopes().get(1), Instant.now()).has("type")).isFalse();
        var item = HecAdapter.item(splunk, raw.envelopes().get(1), Instant.now());
        assertThat(item.node()).isSameAs(raw.envelopes().get(1));
        assertThat(item.errorField()).isEqualTo("type");
        assertThat(item.parseError()).startsWith("is required").contains("event.action");
        assertThat(HecAdapter.item(splunk, raw.envelopes().getFirst(), Instant.now()).parseError()).isNull();
    }

    @Test
    void aRawBodyPastTheLimitsIsInvalidDataFormatAtItsLine() {
        var limits = new BoundedJsonReader(new BoundedJsonReader.Limits(2, 8, 8_192, 256));
        assertThat(HecAdapter.rawEnvelopes("a\nb\nc\n".getBytes(StandardCharsets.UTF_8), Map.of(), limits).problem())
                .isEqualTo(HecAdapter.HecResponse.invalidDataFormat(2));
        var shallow = new BoundedJsonReader(new BoundedJsonReader.Limits(10, 2, 8_192, 256));
        assertThat(HecAdapter.rawEnvelopes("x\n{\"a\":{\"b\":{\"c\":1}}}\n".getBytes(StandardCharsets.UTF_8), Map.of(), shallow).problem())
                .isEqualTo(HecAdapter.HecResponse.invalidDataFormat(1));
        assertThat(HecAdapter.rawEnvelopes(" \n\t\r\n".getBytes(StandardCharsets.UTF_8), Map.of(), shallow).envelopes()).isEmpty();
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
