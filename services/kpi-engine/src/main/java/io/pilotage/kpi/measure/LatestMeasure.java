package io.pilotage.kpi.measure;

import io.pilotage.contracts.CanonicalEvent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.NavigableMap;

/**
 * {@code latest}: the field (default {@code value}) of the accepted event with the latest
 * {@code occurredAt} in the window; ties broken by the larger event id, so the result does not
 * depend on arrival order. NO_DATA when the window has none.
 */
public final class LatestMeasure implements MeasureKind<LatestMeasure.Latest> {

    /** The latest event so far: when, its id (tie-break), its value, and how many events were seen. */
    public record Latest(Instant at, String id, double value, long count) {
        static final Latest EMPTY = new Latest(null, null, 0, 0);

        static final Comparator<Latest> ORDER = Comparator.comparing(Latest::at).thenComparing(Latest::id);
    }

    private final EventFilter filter;
    private final String field;

    public LatestMeasure(EventFilter filter, String field) {
        this.filter = filter;
        this.field = field == null ? "value" : field;
    }

    @Override
    public Latest empty() {
        return Latest.EMPTY;
    }

    @Override
    public boolean accepts(CanonicalEvent event) {
        return filter.accepts(event) && EventFilter.number(event, field) != null;
    }

    @Override
    public Latest add(Latest s, CanonicalEvent e) {
        return merge(s, new Latest(e.occurredAt(), e.id(), EventFilter.number(e, field), 1));
    }

    @Override
    public Latest merge(Latest a, Latest b) {
        if (a.at == null) {
            return b;
        }
        if (b.at == null) {
            return a;
        }
        Latest later = Latest.ORDER.compare(a, b) >= 0 ? a : b;
        return new Latest(later.at, later.id, later.value, a.count + b.count);
    }

    @Override
    public MeasureValue evaluate(Window window, NavigableMap<LocalDate, Latest> days) {
        Latest s = mergeDays(days, window.firstDay(), window.lastDay());
        return s.at == null ? MeasureValue.noData(0) : MeasureValue.exact(s.value, s.count);
    }

    @Override
    public byte[] encode(Latest s) {
        return Codec.write(out -> {
            out.writeBoolean(s.at != null);
            if (s.at != null) {
                out.writeLong(s.at.getEpochSecond());
                out.writeInt(s.at.getNano());
                out.writeUTF(s.id);
                out.writeDouble(s.value);
                out.writeLong(s.count);
            }
        });
    }

    @Override
    public Latest decode(byte[] bytes) {
        return Codec.read(bytes, in -> in.readBoolean()
                ? new Latest(Instant.ofEpochSecond(in.readLong(), in.readInt()), in.readUTF(), in.readDouble(), in.readLong())
                : Latest.EMPTY);
    }
}
