package io.pilotage.ingestion.event;

import io.pilotage.contracts.CanonicalEvent;
import io.pilotage.contracts.Problem.FieldError;
import io.pilotage.ingestion.event.EventBodyReader.Body;
import io.pilotage.ingestion.event.EventBodyReader.Item;
import io.pilotage.ingestion.event.IntakeReport.ItemResult;
import io.pilotage.ingestion.event.IntakeReport.Status;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The ingestion pipeline for canonical events: validate every item, pseudonymise the valid ones,
 * publish them, and report per item. The returned stage completes only once every accepted event
 * is acknowledged by the publisher (for Kafka: {@code acks=all}); if any publication fails, the
 * stage fails and nothing is reported as accepted.
 */
public final class EventIntake {

    private final EventValidator validator;
    private final SubjectPseudonymizer pseudonymizer;
    private final Function<CanonicalEvent, CompletionStage<Void>> publisher;
    private final Clock clock;

    public EventIntake(EventValidator validator, SubjectPseudonymizer pseudonymizer,
                       Function<CanonicalEvent, CompletionStage<Void>> publisher, Clock clock) {
        this.validator = validator;
        this.pseudonymizer = pseudonymizer;
        this.publisher = publisher;
        this.clock = clock;
    }

    public CompletionStage<IntakeReport> ingest(Body body) {
        List<ItemResult> results = new ArrayList<>(body.items().size());
        List<CompletableFuture<Void>> publications = new ArrayList<>();
        for (int i = 0; i < body.items().size(); i++) {
            Item item = body.items().get(i);
            String prefix = body.batch() ? "[" + i + "]." : "";
            if (item.parseError() != null) {
                results.add(new ItemResult(i, null, Status.rejected,
                        List.of(new FieldError("[" + i + "]", item.parseError()))));
                continue;
            }
            EventValidator.Result result = validator.validate(item.node(), prefix);
            if (!result.valid()) {
                results.add(new ItemResult(i, idOf(item), Status.rejected, result.errors()));
                continue;
            }
            CanonicalEvent event = pseudonymizer.apply(result.event()).withReceivedAt(clock.instant());
            publications.add(publisher.apply(event).toCompletableFuture());
            results.add(new ItemResult(i, event.id(), Status.accepted, List.of()));
        }
        return CompletableFuture.allOf(publications.toArray(CompletableFuture[]::new))
                .thenApply(done -> IntakeReport.of(results));
    }

    private static String idOf(Item item) {
        return item.node() != null && item.node().isObject() && item.node().path("id").isTextual()
                ? item.node().get("id").asText()
                : null;
    }
}
