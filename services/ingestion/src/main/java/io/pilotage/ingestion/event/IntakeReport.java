package io.pilotage.ingestion.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pilotage.contracts.Problem.FieldError;

import java.util.List;

/** What happened to each item of a {@code POST /events} request (DESIGN §2.3 batch responses). */
public record IntakeReport(int accepted, int duplicates, int rejected, List<ItemResult> items) {

    public enum Status { accepted, duplicate, rejected }

    /** One item's outcome; {@code errors} only for rejected items. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record ItemResult(int index, String id, Status status, List<FieldError> errors) {
    }

    public static IntakeReport of(List<ItemResult> items) {
        int accepted = 0;
        int duplicates = 0;
        int rejected = 0;
        for (ItemResult r : items) {
            switch (r.status()) {
                case accepted -> accepted++;
                case duplicate -> duplicates++;
                case rejected -> rejected++;
            }
        }
        return new IntakeReport(accepted, duplicates, rejected, List.copyOf(items));
    }
}
