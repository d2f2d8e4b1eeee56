package io.pilotage.governance.review;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A committee review with its frozen scorecard snapshot, decisions and actions.
 *
 * @param kind   {@code monthly} (operational) or {@code quarterly} (strategic)
 * @param period {@code 2026-10} for a monthly review, {@code 2026-Q3} for a quarterly one
 */
public record Review(UUID id, String committee, String kind, String period, LocalDate heldOn, List<String> projects,
                     List<String> attendees, List<ProjectScorecard> snapshot, Instant createdAt, String createdBy,
                     List<Decision> decisions, List<Action> actions) {

    /** One project's scorecard as it was when the review was created. */
    public record ProjectScorecard(String project, List<ScorecardKpi> kpis) {
    }

    /** The KPIs of the snapshot that were RED. */
    public List<ScorecardKpi> redKpis() {
        return snapshot.stream().flatMap(p -> p.kpis().stream()).filter(ScorecardKpi::red).toList();
    }

    public Review with(List<Decision> d, List<Action> a) {
        return new Review(id, committee, kind, period, heldOn, projects, attendees, snapshot, createdAt, createdBy, d, a);
    }

    public record Decision(UUID id, UUID review, String text, List<String> kpis, Instant createdAt, String createdBy) {
    }

    /**
     * @param status {@code open}, {@code in_progress}, {@code done} or {@code cancelled}
     * @param overdue past its due date and neither done nor cancelled
     */
    public record Action(UUID id, UUID review, String title, String owner, LocalDate dueDate, String status, int version,
                         Instant updatedAt, String updatedBy, boolean overdue) {
    }
}
