package io.pilotage.ingestion.rest;

import io.pilotage.contracts.Topics;
import io.pilotage.contracts.definition.SourceDefinition;
import io.pilotage.ingestion.adapter.Fixtures;
import io.pilotage.ingestion.source.SourceRegistry;
import io.pilotage.ingestion.support.TopicWatcher;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated malformed payloads for every endpoint family (a fixed seed, so a failure replays):
 * truncated JSON, wrong types, huge strings and arrays, deep nesting, invalid UTF-8, control
 * characters, wrong content type, timestamps out of range, missing fields. Never a 5xx, always a
 * problem (or HEC's own error body) naming what is wrong, nothing published, and the service
 * healthy after.
 */
@QuarkusTest
@TestSecurity(user = "svc", roles = "ingest")
class BadInputFuzzTest {

    private static final String MARKER = "fz" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final Random random = new Random(20261102L);

    @Inject
    SourceRegistry sources;

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** A payload mutated so that it can no longer be a valid event. */
    private byte[] mutate(String valid, List<String> fields, int kind) {
        byte[] mutated = mutateOnce(valid, fields, kind);
        // a mutation that found nothing to change would be a valid payload: truncate it instead
        return java.util.Arrays.equals(mutated, bytes(valid)) ? bytes(valid.substring(0, valid.length() / 2)) : mutated;
    }

    private byte[] mutateOnce(String valid, List<String> fields, int kind) {
        String field = fields.get(random.nextInt(fields.size()));
        return switch (kind % 12) {
            case 0 -> bytes(valid.substring(0, 1 + random.nextInt(valid.length() - 2)));             // truncated
            case 1 -> bytes(valid.replaceFirst("\"" + field + "\":\\s*(\"[^\"]*\"|[-0-9.]+)", "\"" + field + "\":[1,{}]")); // wrong type
            case 2 -> bytes(valid.replaceFirst("\"" + field + "\":\\s*(\"[^\"]*\"|[-0-9.]+)", "\"" + field + "\":\"" + "x".repeat(20_000) + "\"")); // huge string
            case 3 -> bytes(valid.replaceFirst("\\{", "{\"deep\":" + "[".repeat(40 + random.nextInt(200)) + "]".repeat(0) + ""));                   // deep nesting, unclosed
            case 4 -> invalidUtf8(valid);
            case 5 -> bytes(valid.replaceFirst("\"" + field + "\":\\s*\"", "\"" + field + "\":\"\\\\u0000"));    // control character
            case 6 -> bytes(valid.replaceFirst("\"" + field + "\":\\s*(\"[^\"]*\"|[-0-9.]+),?", ""));         // missing field
            case 7 -> bytes(valid.replaceFirst("\\{", "{\"big\":[" + "1,".repeat(5_000) + "1],"));              // huge array
            case 8 -> bytes(valid.replaceAll("\"(occurredAt|time)\":\\s*\"[^\"]*\"", "\"$1\":\"+999999999-12-31T23:59:59Z\"")
                    .replaceAll("\"(event_timestamp|timestamp_micros)\":\\s*\"[0-9]+\"", "\"$1\":\"99999999999999999999\"")
                    .replaceAll("\"(start_time)\":\\s*[0-9]+", "\"$1\":-5")
                    .replaceAll("\"time\":\\s*[0-9]+", "\"time\":99999999999999"));                                       // out of range
            case 9 -> bytes("[" + valid + "," + valid.substring(0, valid.length() / 2));                         // truncated batch
            case 10 -> bytes(valid.replaceFirst("\"" + field + "\":\\s*\"", "\"" + field + "\":\"\\\\ud800"));   // lone surrogate
            default -> bytes("{\"" + field + "\":" + "{\"a\":".repeat(30) + "1" + "}".repeat(30) + "}");         // nested object
        };
    }

    /** A CSV import broken in one of the ways exports break. */
    private byte[] mutateCsv(String valid, int kind) {
        String[] lines = valid.split("\n");
        String header = lines[0];
        String row = lines[1];
        return switch (kind % 10) {
            case 0 -> bytes(header + "\n" + row.substring(0, row.indexOf(',', row.indexOf(',') + 1)) + "\n");       // ragged line
            case 1 -> bytes(header + "\n\"" + row + "\n");                                                     // unbalanced quote
            case 2 -> bytes(header + "\n" + row.replaceFirst(",", ",\u0000"));                                    // NUL in a cell
            case 3 -> bytes(header + "\n" + row.replaceFirst(",fz,", "," + "x".repeat(20_000) + ","));           // huge cell
            case 4 -> invalidUtf8(valid);
            case 5 -> bytes(header.replace(",occurredAt", "") + "\n" + row.substring(0, row.lastIndexOf(',')) + "\n"); // missing column
            case 6 -> bytes(valid.replaceAll("\\d{4}-\\d{2}-\\d{2}T[^\\n]*", "+999999999-12-31T23:59:59Z"));       // out of range
            case 7 -> bytes(header + "\n");                                                                        // no line
            case 8 -> bytes(header + ",x".repeat(300) + "\n" + row + "\n");                                       // too many columns
            default -> bytes(valid.replace("audit.error", "Audit Error!"));                                        // wrong type value
        };
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] invalidUtf8(String valid) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] b = bytes(valid);
        int at = b.length / 2;
        out.write(b, 0, at);
        out.write(0xC3);
        out.write(0x28);
        out.write(0xFF);
        out.write(b, at, b.length - at);
        return out.toByteArray();
    }

    private record Family(String name, int count, List<String> fields, Function<Integer, String> valid,
                          Function<byte[], Response> post, boolean hec) {
    }

    @Test
    void malformedPayloadsNeverGetA5xxAlwaysANamedProblemAndNothingIsPublished() {
        sources.put(new SourceDefinition("fz-odoo", "erp", "odoo", List.of(new SourceDefinition.SecretHash("sha256",
                io.pilotage.ingestion.source.SourceAuthenticator.hash("fz-secret"), null)),
                Fixtures.source("odoo-prod").mapping(), List.of(), List.of(), null, null), 1);
        String odooBody = Fixtures.json("odoo-account-move-posted.json").toString().replace("4711", "9" + Math.abs(MARKER.hashCode()));
        List<Family> families = List.of(
                new Family("events-json", 70, List.of("id", "source", "project", "type", "occurredAt"),
                        i -> "{\"id\":\"" + MARKER + "-" + i + "\",\"source\":\"fz\",\"project\":\"erp\",\"type\":\"audit.error\","
                                + "\"occurredAt\":\"" + now() + "\",\"entity\":\"doc/1\",\"subject\":\"s\",\"value\":1}",
                        b -> given().contentType("application/json").body(b).post("/events"), false),
                new Family("events-ndjson", 30, List.of("id", "type", "occurredAt"),
                        i -> "{\"id\":\"" + MARKER + "-n" + i + "\",\"source\":\"fz\",\"project\":\"erp\",\"type\":\"audit.error\","
                                + "\"occurredAt\":\"" + now() + "\"}",
                        b -> given().contentType("application/x-ndjson").body(b).post("/events"), false),
                new Family("cloudevents", 30, List.of("id", "type", "time", "source"),
                        i -> "{\"specversion\":\"1.0\",\"id\":\"" + MARKER + "-c" + i + "\",\"source\":\"fz\",\"type\":\"audit.error\","
                                + "\"time\":\"" + now() + "\",\"data\":{\"project\":\"erp\"}}",
                        b -> given().contentType("application/cloudevents+json").body(b).post("/events"), false),
                new Family("csv", 30, List.of("id", "type", "occurredAt"),
                        i -> "id,source,project,type,occurredAt\n" + MARKER + "-v" + i + ",fz,erp,audit.error," + now() + "\n",
                        b -> given().contentType("text/csv").body(b).post("/events/csv"), false),
                new Family("odoo", 40, List.of("_model", "state", "write_date", "amount_total"),
                        i -> odooBody,
                        b -> given().contentType("application/json").body(b).post("/sources/fz-odoo/odoo/fz-secret"), false),
                new Family("qradar", 40, List.of("id", "status", "start_time", "close_time", "severity"),
                        i -> Fixtures.json("qradar-offense-closed.json").toString().replace("\"id\":1042", "\"id\":" + (900_000_000 + i)),
                        b -> given().header(SourceAdapterResource.TOKEN_HEADER, "qradar-soc-demo-token").contentType("application/json")
                                .body(b).post("/sources/qradar-soc/qradar"), false),
                new Family("ga4", 40, List.of("event_name", "event_timestamp", "user_pseudo_id", "event_params"),
                        i -> Fixtures.json("ga4-export-purchase.json").toString().replace("9f8e7d6c5b4a39281706f5e4d3c2b1a0", MARKER + i),
                        b -> given().header(SourceAdapterResource.TOKEN_HEADER, "ga4-mobile-demo-token").contentType("application/json")
                                .body(b).post("/sources/ga4-mobile/ga4"), false),
                new Family("hec", 40, List.of("event"),
                        i -> "{\"time\":" + Instant.now().getEpochSecond() + ",\"host\":\"h\",\"event\":{\"action\":\"incident_prevented\","
                                + "\"id\":\"" + MARKER + "-h" + i + "\"}}",
                        b -> given().header("Authorization", "Splunk splunk-soc-demo-token").body(b).post("/services/collector/event"), true));

        List<String> failures = new ArrayList<>();
        int sent = 0;
        try (TopicWatcher events = TopicWatcher.open(Topics.EVENTS)) {
            for (Family f : families) {
                for (int i = 0; i < f.count(); i++) {
                    byte[] payload = f.name().equals("csv") ? mutateCsv(f.valid().apply(i), i) : mutate(f.valid().apply(i), f.fields(), i);
                    Response r = f.post().apply(payload);
                    sent++;
                    String body = r.asString();
                    if (r.statusCode() >= 500) {
                        failures.add(f.name() + "#" + i + " answered " + r.statusCode() + ": " + body);
                    } else if (r.statusCode() < 400 && !acceptable(f, r)) {
                        failures.add(f.name() + "#" + i + " accepted a malformed payload: " + r.statusCode() + " " + body);
                    } else if (!f.hec() && r.statusCode() >= 400
                            && !(r.contentType().startsWith("application/problem+json") && body.contains("\"detail\""))) {
                        failures.add(f.name() + "#" + i + " answered " + r.statusCode() + " without a problem: " + body);
                    }
                }
            }
            // a wrong content type for each family
            given().contentType("application/xml").body("<event/>").post("/events").then().statusCode(415);
            given().contentType("application/xml").body("<offense/>").header(SourceAdapterResource.TOKEN_HEADER, "qradar-soc-demo-token")
                    .post("/sources/qradar-soc/qradar").then().statusCode(415);
            events.poll();
            events.poll();
            assertThat(events.matching(MARKER)).as("events published from malformed payloads")
                    .extracting(r -> new String(r.value(), StandardCharsets.UTF_8)).isEmpty();
        }
        assertThat(sent).isGreaterThanOrEqualTo(300);
        assertThat(failures).isEmpty();
        given().get("/q/health/live").then().statusCode(200);
    }

    /**
     * Some mutations leave a valid document (a missing optional field, a duplicate of a field
     * already there): those may be accepted, but then they are not malformed; the check is that
     * the items that are malformed are reported rejected, which "accepted == 0" asserts for the
     * mutations that must break the event.
     */
    private static boolean acceptable(Family f, Response r) {
        if (f.hec()) {
            // HEC answers Success for envelopes it could read; what the mapping or validation refuses is
            // quarantined, never published (the topic check below)
            return r.statusCode() == 200 && r.asString().contains("\"code\":0");
        }
        Map<String, Object> json = r.jsonPath().getMap("");
        Object accepted = json.get("accepted");
        return accepted == null ? !"accepted".equals(json.get("status")) : ((Number) accepted).intValue() == 0;
    }
}
