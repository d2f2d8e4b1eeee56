package io.pilotage.ingestion.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.Problem.FieldError;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** What happened to each item of a {@code POST /events} request (DESIGN §2.3 batch responses). */
public record IntakeReport(int accepted, int duplicates, int rejected, List<ItemResult> items) {

    public enum Status { accepted, duplicate, rejected }

    /** One item's outcome; {@code errors} only for rejected items. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record ItemResult(int index, String id, Status status, List<FieldError> errors) {
    }

    /**
     * This report as {@code JsonCodec.encode} writes it. A report of accepted and duplicate items
     * whose ids are printable ASCII without {@code "} or {@code \} (nearly every one) is written
     * directly: for 500 items the data-binding serializer cost a few per cent of the request.
     */
    public byte[] json() {
        StringBuilder sb = new StringBuilder(64 + items.size() * 64);
        sb.append("{\"accepted\":").append(accepted).append(",\"duplicates\":").append(duplicates)
                .append(",\"rejected\":").append(rejected).append(",\"items\":[");
        for (int i = 0; i < items.size(); i++) {
            ItemResult item = items.get(i);
            if ((item.errors() != null && !item.errors().isEmpty()) || item.status() == null) {
                return JsonCodec.encode(this);
            }
            sb.append(i == 0 ? "{\"index\":" : ",{\"index\":").append(item.index());
            if (item.id() != null && !item.id().isEmpty()) {
                if (!JsonCodec.isPlainText(item.id())) {
                    return JsonCodec.encode(this);
                }
                sb.append(",\"id\":\"").append(item.id()).append('"');
            }
            sb.append(",\"status\":\"").append(item.status().name()).append("\"}");
        }
        return sb.append("]}").toString().getBytes(StandardCharsets.US_ASCII);
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
