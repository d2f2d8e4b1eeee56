package io.pilotage.ingestion.event;

import io.pilotage.contracts.CanonicalEvent;
import io.pilotage.contracts.RejectedEvent;
import io.pilotage.contracts.definition.QualityRule;
import io.pilotage.contracts.definition.SourceDefinition;
import io.pilotage.ingestion.dedupe.EventRef;
import io.pilotage.ingestion.quality.QualityEvaluator;
import io.pilotage.ingestion.source.SourceRegistry;
import io.pilotage.ingestion.event.IntakeReport.Status;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventIntakeTest {

    private static final Instant NOW = Instant.parse("2026-11-02T10:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final EventBodyReader reader = new EventBodyReader(new BoundedJsonReader(new BoundedJsonReader.Limits(3, 8, 100, 10)));
    private final List<CanonicalEvent> published = new ArrayList<>();
    private final List<RejectedEvent> rejected = new ArrayList<>();
    private final InMemoryEventLedger ledger = new InMemoryEventLedger();
    private final SourceRegistry sources = new SourceRegistry();

    private EventIntake intake(EventPublisher publisher) {
        return new EventIntake(new EventValidator(clock, Duration.ofMinutes(5)),
                new SubjectPseudonymizer("a-test-secret-of-32-bytes-000000"), sources, new QualityEvaluator(), ledger,
                publisher, r -> {
                    rejected.addAll(r);
                    return CompletableFuture.completedFuture(null);
                }, IntakeListener.NONE, clock);
    }

    private CompletionStage<Void> record(CanonicalEvent e) {
        published.add(e);
        return CompletableFuture.completedFuture(null);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void publishesValidItemsPseudonymisedAndStampedAndReportsEachItem() {
        var body = reader.readJson(bytes("""
                [{"id":"a","source":"s","project":"mobile-app","type":"session_start","occurredAt":"2026-11-02T09:00:00Z","subject":"+22370000000"},
                 {"id":"b","source":"s","project":"mobile-app","type":"session_start"}]"""));

        IntakeReport report = intake(this::record).ingest(body).toCompletableFuture().join();

        assertThat(report.accepted()).isEqualTo(1);
        assertThat(report.rejected()).isEqualTo(1);
        assertThat(report.items()).extracting(IntakeReport.ItemResult::status)
                .containsExactly(Status.accepted, Status.rejected);
        assertThat(report.items().get(1).id()).isEqualTo("b");
        assertThat(report.items().get(1).errors()).extracting(e -> e.field()).containsExactly("[1].occurredAt");
        assertThat(published).singleElement().satisfies(e -> {
            assertThat(e.subject()).startsWith("u_").doesNotContain("2237");
            assertThat(e.receivedAt()).isEqualTo(NOW);
        });
    }

    @Test
    void ndjsonMalformedLineRejectsOnlyThatLine() {
        var body = reader.readNdjson(bytes("""
                {"id":"a","source":"s","project":"erp","type":"audit.error","occurredAt":"2026-11-02T09:00:00Z"}
                {"id":"b",

                {"id":"c","source":"s","project":"erp","type":"audit.error","occurredAt":"2026-11-02T09:00:00Z"}
                """));

        IntakeReport report = intake(this::record).ingest(body).toCompletableFuture().join();

        assertThat(report.items()).extracting(IntakeReport.ItemResult::status)
                .containsExactly(Status.accepted, Status.rejected, Status.accepted);
        assertThat(report.items().get(1).errors().getFirst().reason()).startsWith("line 2 is malformed JSON");
        assertThat(published).extracting(CanonicalEvent::id).containsExactly("a", "c");
    }

    @Test
    void plainLinesSkipTheCharacterCheckAndEveryOtherLineStillGetsIt() {
        var body = reader.readNdjson(bytes("""
                {"id":"a","source":"s","project":"erp","type":"audit.error","occurredAt":"2026-11-02T09:00:00Z","attributes":{"k":"v"}}
                {"id":"b\\u0000","source":"s","project":"erp","type":"audit.error","occurredAt":"2026-11-02T09:00:00Z"}
                {"id":"d","source":"s","project":"erp","type":"audit.error","occurredAt":"2026-11-02T09:00:00Z","attributes":{"k":"\u007f"}}
                """));

        assertThat(body.items()).extracting(EventBodyReader.Item::plain).containsExactly(true, false, false);
        IntakeReport report = intake(this::record).ingest(body).toCompletableFuture().join();

        assertThat(report.items()).extracting(IntakeReport.ItemResult::status)
                .containsExactly(Status.accepted, Status.rejected, Status.rejected);
        assertThat(report.items().get(1).errors().getFirst().reason()).contains("NUL");
        assertThat(report.items().get(2).errors().getFirst().reason()).contains("U+007F");
    }

    @Test
    void anAdaptersRefusalIsQuarantinedUnderTheRuleItNamesOthersUnderTheRuleTheirMessageGives() {
        var notification = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                .put("_model", "stock.picking").put("_id", 12);
        var body = new EventBodyReader.Body(true, List.of(
                new EventBodyReader.Item(notification, "stock.picking is not a model configured for source odoo-prod",
                        "_model", false, "unmapped_model"),
                new EventBodyReader.Item(notification, "is required: the record's integer id", "_id")));

        IntakeReport report = intake(this::record).ingest(body, "odoo-prod").toCompletableFuture().join();

        assertThat(report.rejected()).isEqualTo(2);
        assertThat(rejected).extracting(r -> r.source()).containsOnly("odoo-prod");
        assertThat(rejected).flatExtracting(RejectedEvent::reasons)
                .extracting(r -> r.field() + " " + r.rule() + " " + r.message()).containsExactly(
                        "[0]._model unmapped_model stock.picking is not a model configured for source odoo-prod",
                        "[1]._id required is required: the record's integer id");
        assertThat(rejected.getFirst().payload()).contains("stock.picking");
        assertThat(published).isEmpty();
    }

    @Test
    void aFailedPublicationFailsTheWholeRequestSoNothingIsAcknowledged() {
        var body = reader.readJson(bytes("""
                {"id":"a","source":"s","project":"erp","type":"audit.error","occurredAt":"2026-11-02T09:00:00Z"}"""));

        var stage = intake(e -> CompletableFuture.failedFuture(new IllegalStateException("broker down"))).ingest(body);

        assertThatThrownBy(() -> stage.toCompletableFuture().join()).isInstanceOf(CompletionException.class)
                .hasRootCauseMessage("broker down");
    }

    @Test
    void theReportWaitsForEveryAcknowledgement() {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        var body = reader.readJson(bytes("""
                {"id":"a","source":"s","project":"erp","type":"audit.error","occurredAt":"2026-11-02T09:00:00Z"}"""));

        var stage = intake(e -> ack).ingest(body).toCompletableFuture();

        assertThat(stage).isNotDone();
        ack.complete(null);
        assertThat(stage.join().accepted()).isEqualTo(1);
    }

    @Test
    void malformedJsonAndOversizedBatchesAreRefusedWhole() {
        assertThatThrownBy(() -> reader.readJson(bytes("{\"id\": ")))
                .isInstanceOf(BoundedJsonReader.MalformedBodyException.class).hasMessageContaining("line 1");
        assertThatThrownBy(() -> reader.readJson(bytes("")))
                .isInstanceOf(BoundedJsonReader.MalformedBodyException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> reader.readJson(bytes("[{},{},{},{}]")))
                .isInstanceOf(BoundedJsonReader.LimitExceededException.class).hasMessageContaining("at most 3");
    }

    private static final String EVENT_A = """
            {"id":"a","source":"s","project":"erp","type":"audit.error","occurredAt":"2026-11-02T09:00:00Z"}""";

    @Test
    void aRepeatedIdIsADuplicateInTheSameRequestAndAcrossRequestsAndIsPublishedOnce() {
        IntakeReport first = intake(this::record).ingest(reader.readJson(bytes("[" + EVENT_A + "," + EVENT_A + "]")))
                .toCompletableFuture().join();
        IntakeReport again = intake(this::record).ingest(reader.readJson(bytes(EVENT_A))).toCompletableFuture().join();

        assertThat(first.items()).extracting(IntakeReport.ItemResult::status).containsExactly(Status.accepted, Status.duplicate);
        assertThat(again.items()).extracting(IntakeReport.ItemResult::status).containsExactly(Status.duplicate);
        assertThat(published).hasSize(1);
        assertThat(ledger.confirmed).contains(new EventRef("s", "a"));
    }

    @Test
    void aFailedPublicationReleasesTheClaimSoTheRetryIsAccepted() {
        var failing = intake(e -> CompletableFuture.failedFuture(new IllegalStateException("broker down")));
        assertThatThrownBy(() -> failing.ingest(reader.readJson(bytes(EVENT_A))).toCompletableFuture().join())
                .hasRootCauseMessage("broker down");

        IntakeReport retry = intake(this::record).ingest(reader.readJson(bytes(EVENT_A))).toCompletableFuture().join();

        assertThat(retry.accepted()).isEqualTo(1);
        assertThat(published).hasSize(1);
    }

    @Test
    void rejectedItemsGoToTheSinkWithEveryReasonAndNoRawPersonalData() {
        intake(this::record).ingest(reader.readJson(bytes("""
                {"id":"x","source":"s","project":"erp","type":"Bad Type","subject":"awa@example.ml"}""")))
                .toCompletableFuture().join();

        assertThat(rejected).singleElement().satisfies(r -> {
            assertThat(r.source()).isEqualTo("s");
            assertThat(r.reasons()).extracting(RejectedEvent.Reason::field).containsExactlyInAnyOrder("type", "occurredAt");
            assertThat(r.reasons()).extracting(RejectedEvent.Reason::rule).contains("required");
            assertThat(r.payload()).doesNotContain("awa@example.ml").contains("u_");
        });
        assertThat(published).isEmpty();
    }

    @Test
    void personalDataOutsideSubjectIsPseudonymisedInIdEntityAndAttributes() {
        sources.put(new SourceDefinition("crm", "erp", "generic", List.of(), java.util.Map.of(), List.of("customer"),
                List.of(), null, null), 1);
        intake(this::record).ingest(reader.readJson(bytes("""
                {"id":"signup:awa.traore@example.ml","source":"crm","project":"erp","type":"audit.error",
                 "occurredAt":"2026-11-02T09:00:00Z","entity":"line/+223 70 00 00 00",
                 "attributes":{"customer":"Awa Traore","note":"call 22370000000","amount":"125000","day":"2026-11-02"}}""")))
                .toCompletableFuture().join();

        assertThat(published).singleElement().satisfies(e -> {
            assertThat(e.id()).startsWith("signup:u_").doesNotContain("@");
            assertThat(e.entity()).startsWith("line/u_").doesNotContain("70 00");
            assertThat(e.attributes().get("customer").toString()).startsWith("u_");
            assertThat(e.attributes().get("note").toString()).startsWith("call u_");
            assertThat(e.attributes()).containsEntry("amount", "125000").containsEntry("day", "2026-11-02");
        });
    }

    @Test
    void aSourceWhosePolicyIsRejectRejectsPersonalLookingValuesNamingTheField() {
        sources.put(new SourceDefinition("strict", "erp", "generic", List.of(), java.util.Map.of("personalData", "reject"),
                List.of(), List.of(), null, null), 1);
        IntakeReport report = intake(this::record).ingest(reader.readJson(bytes("""
                {"id":"1","source":"strict","project":"erp","type":"audit.error","occurredAt":"2026-11-02T09:00:00Z",
                 "entity":"awa@example.ml"}"""))).toCompletableFuture().join();

        assertThat(report.items().getFirst().errors()).extracting(e -> e.field()).containsExactly("entity");
        assertThat(published).isEmpty();
        assertThat(rejected.getFirst().payload()).doesNotContain("awa@example.ml");
    }

    @Test
    void qualityRulesRejectOrFlagBySeverity() {
        sources.put(new SourceDefinition("q", "erp", "generic", List.of(), java.util.Map.of(), List.of(), List.of(
                new QualityRule("amount-range", "between", "value", 0.0, 1000.0, null, null, null, null, null, "reject"),
                new QualityRule("currency", "in_set", "attributes.currency", null, null, List.of("XOF"), null, null, null,
                        null, "flag")), null, null), 1);
        String tooBig = """
                {"id":"1","source":"q","project":"erp","type":"audit.error","occurredAt":"2026-11-02T09:00:00Z","value":5000}""";
        String euro = """
                {"id":"2","source":"q","project":"erp","type":"audit.error","occurredAt":"2026-11-02T09:00:00Z","value":5,
                 "attributes":{"currency":"EUR"}}""";

        IntakeReport report = intake(this::record).ingest(reader.readJson(bytes("[" + tooBig + "," + euro + "]")))
                .toCompletableFuture().join();

        assertThat(report.items()).extracting(IntakeReport.ItemResult::status).containsExactly(Status.rejected, Status.accepted);
        assertThat(report.items().getFirst().errors().getFirst().field()).isEqualTo("[0].value");
        assertThat(published.getFirst().attributes()).containsEntry(EventIntake.QUALITY_FLAGS, "currency");
    }

    @Test
    void aUniqueRuleRejectsARepeatedValueUnderAnotherId() {
        sources.put(new SourceDefinition("u", "erp", "generic", List.of(), java.util.Map.of(), List.of(), List.of(
                new QualityRule("one-invoice-number", "unique", "attributes.number", null, null, null, null, null, null,
                        null, "reject")), null, null), 1);
        String first = """
                {"id":"1","source":"u","project":"erp","type":"audit.error","occurredAt":"2026-11-02T09:00:00Z","attributes":{"number":"F-1"}}""";
        String second = first.replace("\"id\":\"1\"", "\"id\":\"2\"");

        intake(this::record).ingest(reader.readJson(bytes(first))).toCompletableFuture().join();
        IntakeReport report = intake(this::record).ingest(reader.readJson(bytes(second))).toCompletableFuture().join();

        assertThat(report.rejected()).isEqualTo(1);
        assertThat(rejected.getFirst().reasons().getFirst().rule()).isEqualTo("one-invoice-number");
        assertThat(published).hasSize(1);
    }
    private void lateSource() {
        sources.put(new SourceDefinition("late", "mobile-app", "ga4", List.of(), java.util.Map.of(), List.of(), List.of(
                new QualityRule("fresh", "max_lateness", null, null, null, null, null, Duration.ofHours(24), null, null,
                        "reject"),
                new QualityRule("amount-range", "between", "value", 0.0, 1000.0, null, null, null, null, null, "reject")),
                null, Duration.ofHours(72)), 1);
    }

    private static String lateEvent(String id, String occurredAt, double value) {
        return """
                {"id":"%s","source":"late","project":"mobile-app","type":"session_start","occurredAt":"%s","value":%s}"""
                .formatted(id, occurredAt, value);
    }

    @Test
    void liveIntakeRefusesEventsOlderThanTheSourcesLatenessAndItsMaxLatenessRule() {
        lateSource();
        var body = reader.readJson(bytes("[" + lateEvent("old", "2026-10-23T10:00:00Z", 5) + ","
                + lateEvent("day-and-half", "2026-11-01T00:00:00Z", 5) + "]"));

        IntakeReport report = intake(this::record).ingest(body, "late").toCompletableFuture().join();

        assertThat(report.items()).extracting(IntakeReport.ItemResult::status).containsExactly(Status.rejected, Status.rejected);
        assertThat(report.items().get(0).errors().getFirst().field()).isEqualTo("[0].occurredAt");
        assertThat(report.items().get(0).errors().getFirst().reason()).contains("PT72H");
        assertThat(report.items().get(1).errors().getFirst().reason()).startsWith("quality rule fresh");
        assertThat(published).isEmpty();
    }

    @Test
    void aHistoryImportLiftsOnlyTheLatenessLimitsAndReportsTheSpanOfWhatItAccepted() {
        lateSource();
        var body = reader.readJson(bytes("[" + lateEvent("old", "2026-10-23T10:00:00Z", 5) + ","
                + lateEvent("older", "2026-10-20T08:30:00Z", 7) + ","
                + lateEvent("too-big", "2026-10-01T00:00:00Z", 5000) + "]"));

        EventIntake.Imported imported = intake(this::record).importHistory(body, "late").toCompletableFuture().join();

        assertThat(imported.report().items()).extracting(IntakeReport.ItemResult::status)
                .containsExactly(Status.accepted, Status.accepted, Status.rejected);
        assertThat(imported.report().items().get(2).errors()).extracting(e -> e.field()).containsExactly("[2].value");
        assertThat(imported.earliest()).isEqualTo(Instant.parse("2026-10-20T08:30:00Z"));
        assertThat(imported.latest()).isEqualTo(Instant.parse("2026-10-23T10:00:00Z"));
        assertThat(published).extracting(CanonicalEvent::id).containsExactly("old", "older");
        assertThat(rejected).extracting(RejectedEvent::eventId).containsExactly("too-big");

        // imported again: a duplicate, as live
        EventIntake.Imported again = intake(this::record)
                .importHistory(reader.readJson(bytes(lateEvent("old", "2026-10-23T10:00:00Z", 5))), "late")
                .toCompletableFuture().join();
        assertThat(again.report().duplicates()).isEqualTo(1);
        assertThat(again.earliest()).isNull();

        // the same events live, afterwards: still refused for their age (nothing was lifted for good)
        IntakeReport live = intake(this::record).ingest(reader.readJson(bytes(lateEvent("new-old", "2026-10-23T10:00:00Z", 5))),
                "late").toCompletableFuture().join();
        assertThat(live.rejected()).isEqualTo(1);
    }

    @Test
    void aHistoryImportThatAcceptsNothingHasNoSpan() {
        lateSource();
        EventIntake.Imported imported = intake(this::record)
                .importHistory(reader.readJson(bytes(lateEvent("x", "2026-10-01T00:00:00Z", 5000))), "late")
                .toCompletableFuture().join();

        assertThat(imported.report().rejected()).isEqualTo(1);
        assertThat(imported.earliest()).isNull();
        assertThat(imported.latest()).isNull();
    }
}
