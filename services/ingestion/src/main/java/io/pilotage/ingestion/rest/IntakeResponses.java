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
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** Turns an intake's outcome into the HTTP answer shared by {@code /events}, CSV and the adapters. */
final class IntakeResponses {

    private IntakeResponses() {
    }

    /** The intake's report, with any failure other than a broker's as a storage failure (503, never 500). */
    static Uni<IntakeReport> run(Supplier<CompletionStage<IntakeReport>> intake) {
        return Uni.createFrom().completionStage(intake)
                .onFailure(CompletionException.class).transform(Throwable::getCause)
                .onFailure(e -> !(e instanceof PublicationFailedException) && !(e instanceof StorageUnavailableException)
                        && !(e instanceof RuntimeException && e.getClass().getName().startsWith("io.pilotage.ingestion.event")))
                .transform(StorageUnavailableException::new);
    }

    /**
     * A single event: 202 with its id, or 400 with its failing fields. A batch: 202 with the
     * per-item report when at least one item was accepted or a duplicate, else 400 with every item's errors.
     */
    static Response respond(EventBodyReader.Body body, IntakeReport report, String path) {
        if (report.accepted() == 0 && report.duplicates() == 0) {
            List<Problem.FieldError> errors = report.items().stream().flatMap(i -> i.errors().stream()).toList();
            String detail = body.batch()
                    ? "all " + report.rejected() + " events were rejected"
                    : "the event was rejected: " + errors.size() + " invalid field(s)";
            return ProblemMapper.response(Problem.invalid(detail, path, errors));
        }
        if (!body.batch()) {
            IntakeReport.ItemResult only = report.items().getFirst();
            return Response.accepted(Map.of("id", only.id(), "status", only.status().name()))
                    .type(MediaType.APPLICATION_JSON).build();
        }
        return Response.accepted(report).type(MediaType.APPLICATION_JSON).build();
    }
}
