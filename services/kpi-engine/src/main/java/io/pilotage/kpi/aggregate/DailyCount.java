package io.pilotage.kpi.aggregate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Objects;

/** One KPI's event count on one local day (table {@code daily_count}). */
@Entity
@Table(name = "daily_count")
@IdClass(DailyCount.Key.class)
public class DailyCount {

    @Id
    public String kpi;

    @Id
    public LocalDate day;

    @Column(nullable = false)
    public long count;

    /** Composite key. */
    public static class Key implements Serializable {
        public String kpi;
        public LocalDate day;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(kpi, k.kpi) && Objects.equals(day, k.day);
        }

        @Override
        public int hashCode() {
            return Objects.hash(kpi, day);
        }
    }
}
