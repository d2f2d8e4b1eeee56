package io.pilotage.kpi.job;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A recompute, replay or backfill job as the API shows it.
 *
 * @param state               {@code queued}, {@code running}, {@code done}, {@code cancelled} or {@code failed}
 * @param totalEvents         raw events in the range when the job was submitted
 * @param doneEvents          raw events processed so far
 * @param lastDayDone         the job resumes after this day (e.g. after a restart)
 * @param estimatedSecondsLeft from the rate so far; null before the first day is done
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobView(UUID id, String kind, String project, List<String> kpis, LocalDate from, LocalDate to, String state,
                      long totalEvents, long doneEvents, LocalDate lastDayDone, Double estimatedSecondsLeft,
                      boolean cancelRequested, String error, String requestedBy, Instant createdAt, Instant startedAt,
                      Instant finishedAt) {

    public double progress() {
        return totalEvents == 0 ? ("done".equals(state) ? 1.0 : 0.0) : Math.min(1.0, (double) doneEvents / totalEvents);
    }
}
