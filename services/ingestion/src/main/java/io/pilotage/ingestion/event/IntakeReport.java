package io.pilotage.ingestion.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.Problem.FieldError;

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
     * directly into bytes: for 500 items the data-binding serializer cost a few per cent of the
     * request, and a string built first then encoded two copies more.
     */
    public byte[] json() {
        Ascii out = new Ascii(64 + items.size() * 56);
        out.append("{\"accepted\":").append(accepted).append(",\"duplicates\":").append(duplicates)
                .append(",\"rejected\":").append(rejected).append(",\"items\":[");
        for (int i = 0; i < items.size(); i++) {
            ItemResult item = items.get(i);
            if ((item.errors() != null && !item.errors().isEmpty()) || item.status() == null) {
                return JsonCodec.encode(this);
            }
            out.append(i == 0 ? "{\"index\":" : ",{\"index\":").append(item.index());
            if (item.id() != null && !item.id().isEmpty()) {
                if (!JsonCodec.isPlainText(item.id())) {
                    return JsonCodec.encode(this);
                }
                out.append(",\"id\":\"").append(item.id()).append("\"");
            }
            out.append(",\"status\":\"").append(item.status().name()).append("\"}");
        }
        return out.append("]}").bytes();
    }

    /** ASCII text written straight into a growing array (every string appended is ASCII). */
    private static final class Ascii {
        private byte[] b;
        private int n;

        Ascii(int capacity) {
            b = new byte[capacity];
        }

        @SuppressWarnings("deprecation")
        Ascii append(String s) {
            room(s.length());
            s.getBytes(0, s.length(), b, n);   // the low byte of each character: ASCII only here
            n += s.length();
            return this;
        }

        Ascii append(int v) {
            if (v < 0) {
                return append(Integer.toString(v));
            }
            room(10);
            n = JsonCodec.digits(b, n, v);
            return this;
        }

        private void room(int more) {
            if (n + more > b.length) {
                b = java.util.Arrays.copyOf(b, Math.max(b.length * 2, n + more));
            }
        }

        byte[] bytes() {
            return n == b.length ? b : java.util.Arrays.copyOf(b, n);
        }
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
