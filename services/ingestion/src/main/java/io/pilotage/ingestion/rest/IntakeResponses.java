package io.pilotage.ingestion.rest;

import io.pilotage.contracts.Problem;
import io.pilotage.ingestion.event.EventBodyReader;
import io.pilotage.ingestion.event.IntakeReport;
import io.pilotage.ingestion.publish.PublicationFailedException;
import io.pilotage.ingestion.publish.StorageUnavailableException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** Turns an intake's outcome into the HTTP answer shared by {@code /events}, CSV and the adapters. */
final class IntakeResponses {

    private IntakeResponses() {
    }

    /** The intake's report, with any failure other than a broker's as a storage failure (503, never 500). */
    static Uni<IntakeReport> run(Supplier<CompletionStage<IntakeReport>> intake) {
        return Uni.createFrom().completionStage(intake).onFailure().transform(IntakeResponses::classify);
    }

    /** An intake's failure as answered: the broker's and the reading's as they are, anything else a storage failure. */
    static Throwable classify(Throwable failure) {
        Throwable e = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (e instanceof PublicationFailedException || e instanceof StorageUnavailableException
                || (e instanceof RuntimeException && e.getClass().getName().startsWith("io.pilotage.ingestion.event"))) {
            return e;
        }
        return new StorageUnavailableException(e);
    }

    /** An answer as JAX-RS and the {@link EventsRoute} write it: status, media type, entity. */
    record Answer(int status, String mediaType, Object entity) {
    }

    /**
     * A single event: 202 with its id, or 400 with its failing fields. A batch: 202 with the
     * per-item report when at least one item was accepted or a duplicate, else 400 with every item's errors.
     */
    static Response respond(EventBodyReader.Body body, IntakeReport report, String path) {
        Answer a = answer(body.batch(), report, path);
        return Response.status(a.status()).type(a.mediaType()).entity(a.entity()).build();
    }

    /** @param batch whether the body was a batch (an array or NDJSON), not one event */
    static Answer answer(boolean batch, IntakeReport report, String path) {
        if (report.accepted() == 0 && report.duplicates() == 0) {
            List<Problem.FieldError> errors = report.items().stream().flatMap(i -> i.errors().stream()).toList();
            String detail = batch
                    ? "all " + report.rejected() + " events were rejected"
                    : "the event was rejected: " + errors.size() + " invalid field(s)";
            Problem problem = Problem.invalid(detail, path, errors);
            return new Answer(problem.status(), Problem.MEDIA_TYPE, problem);
        }
        if (!batch) {
            IntakeReport.ItemResult only = report.items().getFirst();
            return new Answer(202, MediaType.APPLICATION_JSON, new Single(only.id(), only.status().name()));
        }
        return new Answer(202, MediaType.APPLICATION_JSON, report);
    }

    /** The answer to one event: its id and status. */
    record Single(String id, String status) {
    }
}
