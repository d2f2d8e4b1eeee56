package io.pilotage.ingestion.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotage.contracts.Problem.FieldError;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class EventValidatorTest {

    private static final Instant NOW = Instant.parse("2026-11-02T10:00:00Z");
    private final EventValidator validator = new EventValidator(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(5));
    private final ObjectMapper mapper = new ObjectMapper();

    private JsonNode json(String s) throws Exception {
        return mapper.readTree(s);
    }

    @Test
    void acceptsAFullEventAndKeepsEveryField() throws Exception {
        var result = validator.validate(json("""
                {"id":"odoo-prod:account.move:4711","source":"odoo-prod","project":"erp","type":"document.validated",
                 "occurredAt":"2026-11-02T09:14:03+01:00","entity":"account.move/4711","subject":"awa@example.ml",
                 "value":125000,"attributes":{"currency":"XOF","automated":true,"lines":3,"rate":0.5}}"""), "");

        assertThat(result.errors()).isEmpty();
        assertThat(result.event().occurredAt()).isEqualTo(Instant.parse("2026-11-02T08:14:03Z"));
        assertThat(result.event().value()).isEqualTo(125000.0);
        assertThat(result.event().attributes()).containsEntry("currency", "XOF").containsEntry("automated", true)
                .containsEntry("lines", 3L).containsEntry("rate", 0.5);
        assertThat(result.event().receivedAt()).isNull();
    }

    @Test
    void reportsEveryMissingRequiredField() throws Exception {
        var result = validator.validate(json("{}"), "");

        assertThat(result.errors()).extracting(FieldError::field)
                .containsExactlyInAnyOrder("id", "source", "project", "type", "occurredAt");
        assertThat(result.errors()).allSatisfy(e -> assertThat(e.reason()).isEqualTo("is required"));
    }

    @Test
    void rejectsWrongTypesWithTheTypeFound() throws Exception {
        var result = validator.validate(json("""
                {"id":42,"source":"s","project":"erp","type":"t","occurredAt":"2026-11-02T09:00:00Z","value":"12",
                 "attributes":{"nested":{"a":1}}}"""), "[3].");

        assertThat(result.errors()).containsExactlyInAnyOrder(
                new FieldError("[3].id", "must be a string, got a number"),
                new FieldError("[3].value", "must be a number, got a string"),
                new FieldError("[3].attributes.nested", "must be a string, number or boolean, got an object"));
    }

    @Test
    void rejectsTimestampsWithoutOffsetOrUnparseable() throws Exception {
        for (String bad : new String[] {"2026-11-02 09:14:03", "2026-11-02T09:14:03", "yesterday", "1730538843"}) {
            var result = validator.validate(json("""
                    {"id":"1","source":"s","project":"erp","type":"t","occurredAt":"%s"}""".formatted(bad)), "");
            assertThat(result.errors()).singleElement()
                    .satisfies(e -> assertThat(e.field()).isEqualTo("occurredAt"))
                    .satisfies(e -> assertThat(e.reason()).startsWith("must be an ISO-8601 timestamp"));
        }
    }

    @Test
    void acceptsClockSkewButNotTheFutureBeyondIt() throws Exception {
        String template = """
                {"id":"1","source":"s","project":"erp","type":"t","occurredAt":"%s"}""";
        assertThat(validator.validate(json(template.formatted("2026-11-02T10:04:59Z")), "").valid()).isTrue();

        var late = validator.validate(json(template.formatted("2026-11-02T10:05:01Z")), "");
        assertThat(late.errors()).singleElement()
                .isEqualTo(new FieldError("occurredAt", "is in the future beyond the allowed clock skew of 300 s"));
    }

    @Test
    void rejectsUnknownFieldsSoTyposAreNotSilentlyDropped() throws Exception {
        var result = validator.validate(json("""
                {"id":"1","source":"s","project":"erp","type":"t","occurredAt":"2026-11-02T09:00:00Z","occured_at":"x"}"""), "");

        assertThat(result.errors()).containsExactly(new FieldError("occured_at", "is not a field of a canonical event"));
    }

    @Test
    void rejectsBadIdentifierShapes() throws Exception {
        var result = validator.validate(json("""
                {"id":" ","source":"Odoo Prod","project":"erp","type":"Document Validated","occurredAt":"2026-11-02T09:00:00Z"}"""), "");

        assertThat(result.errors()).extracting(FieldError::field).containsExactlyInAnyOrder("id", "source", "type");
    }

    @Test
    void rejectsANonObjectItem() throws Exception {
        var result = validator.validate(json("[1,2]"), "[0].");

        assertThat(result.errors()).containsExactly(new FieldError("[0]", "must be a JSON object, got an array"));
    }

    @Test
    void rejectsNonFiniteAndOversizedValues() throws Exception {
        String longId = "x".repeat(EventValidator.MAX_ID_LENGTH + 1);
        var result = validator.validate(json("""
                {"id":"%s","source":"s","project":"erp","type":"t","occurredAt":"2026-11-02T09:00:00Z","value":1e400}"""
                .formatted(longId)), "");

        assertThat(result.errors()).extracting(FieldError::field).containsExactlyInAnyOrder("id", "value");
    }

    @Test
    void controlCharactersAndUnpairedSurrogatesAreRefusedNamingTheField() throws Exception {
        var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree("""
                {"id":"a\\u0000b","source":"s","project":"erp","type":"audit.error","occurredAt":"2026-11-02T09:00:00Z",
                 "entity":"doc\\u001f1","subject":"x\\ud800","attributes":{"note":"line1\\nline2","bad":"\\u0000","k\\u0007":"v"}}""");

        var result = validator.validate(node, "");

        assertThat(result.errors()).extracting(e -> e.field())
                .containsExactlyInAnyOrder("id", "entity", "subject", "attributes.bad", "attributes.k\u0007");
        assertThat(result.errors().getFirst().reason()).contains("NUL");
    }

    @Test
    void theHandWrittenShapeChecksAgreeWithTheirPatterns() {
        java.util.Random random = new java.util.Random(3);
        String alphabet = "az09._-AZ /é\u0000";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder sb = new StringBuilder();
            for (int i = random.nextInt(n % 100 == 0 ? 140 : 12); i > 0; i--) {
                sb.append(random.nextInt(4) == 0 ? alphabet.charAt(random.nextInt(alphabet.length()))
                        : (char) ('a' + random.nextInt(26)));
            }
            String s = sb.toString();
            assertThat(EventValidator.matches(EventValidator.KEY, s)).as(s).isEqualTo(EventValidator.KEY.matcher(s).matches());
            assertThat(EventValidator.matches(EventValidator.TYPE, s)).as(s).isEqualTo(EventValidator.TYPE.matcher(s).matches());
        }
    }
}
