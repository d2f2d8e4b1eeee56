package io.pilotage.governance.lesson;

import java.time.Instant;
import java.util.List;

/**
 * A lesson learned (REX, DESIGN §5.7).
 *
 * @param projects project keys it applies to
 * @param kpis     KPI keys it applies to (a review pack lists the lessons of its red KPIs)
 * @param version  for optimistic locking on replace
 */
public record Lesson(String id, String title, String cause, String lesson, String goodPractice, List<String> tags,
                     List<String> projects, List<String> kpis, Integer version, Instant updatedAt, String updatedBy) {

    public Lesson {
        tags = tags == null ? List.of() : List.copyOf(tags);
        projects = projects == null ? List.of() : List.copyOf(projects);
        kpis = kpis == null ? List.of() : List.copyOf(kpis);
    }
}
