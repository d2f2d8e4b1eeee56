package io.pilotage.ingestion.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotage.contracts.CanonicalEvent;
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
    private final EventBodyReader reader = new EventBodyReader(new ObjectMapper(), 3);
    private final List<CanonicalEvent> published = new ArrayList<>();

    private EventIntake intake(java.util.function.Function<CanonicalEvent, CompletionStage<Void>> publisher) {
        return new EventIntake(new EventValidator(clock, Duration.ofMinutes(5)),
                new SubjectPseudonymizer("a-test-secret-of-32-bytes-000000"), publisher, clock);
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
                .isInstanceOf(EventBodyReader.MalformedBodyException.class).hasMessageContaining("line 1");
        assertThatThrownBy(() -> reader.readJson(bytes("")))
                .isInstanceOf(EventBodyReader.MalformedBodyException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> reader.readJson(bytes("[{},{},{},{}]")))
                .isInstanceOf(EventBodyReader.BatchTooLargeException.class).hasMessageContaining("at most 3");
    }
}
