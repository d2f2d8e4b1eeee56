package io.pilotage.kpi.measure;

import io.pilotage.contracts.CanonicalEvent;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The open-interval state of {@code duration} and {@code within}: per entity, its earliest start
 * event and every end event seen, plus the attribute its limit depends on (from the earliest start
 * that carries it). The interval of an entity is its first start and the first end at or after it;
 * ends without a start are kept (a later-arriving start may pair with them) but never measured.
 * Immutable.
 */
public record EntityIntervals(Map<String, Times> entities) {

    public static final EntityIntervals EMPTY = new EntityIntervals(Map.of());

    /** One entity's times. {@code start} may be null (ends only). */
    public record Times(Instant start, TreeSet<Instant> ends, String limitKey) {

        /** The first end at or after the start, or null while open (or without a start). */
        public Instant firstEnd() {
            return start == null ? null : ends.ceiling(start);
        }

        Times merge(Times o) {
            TreeSet<Instant> allEnds = new TreeSet<>(ends);
            allEnds.addAll(o.ends);
            boolean mine = o.start == null || (start != null && !o.start.isBefore(start));
            Instant s = mine ? start : o.start;
            String key = mine ? (limitKey != null ? limitKey : o.limitKey) : (o.limitKey != null ? o.limitKey : limitKey);
            return new Times(s, allEnds, key);
        }
    }

    public EntityIntervals {
        entities = Map.copyOf(entities);
    }

    /** This state with one more start or end event. */
    public EntityIntervals plus(CanonicalEvent e, Set<String> startTypes, String limitAttribute) {
        boolean isStart = startTypes.contains(e.type());
        TreeSet<Instant> ends = new TreeSet<>();
        if (!isStart) {
            ends.add(e.occurredAt());
        }
        Object key = isStart && limitAttribute != null ? e.attributes().get(limitAttribute) : null;
        Times t = new Times(isStart ? e.occurredAt() : null, ends, key == null ? null : String.valueOf(key));
        return merge(new EntityIntervals(Map.of(e.entity(), t)));
    }

    public EntityIntervals merge(EntityIntervals other) {
        if (other.entities.isEmpty()) {
            return this;
        }
        if (entities.isEmpty()) {
            return other;
        }
        Map<String, Times> all = new HashMap<>(entities);
        other.entities.forEach((k, v) -> all.merge(k, v, Times::merge));
        return new EntityIntervals(all);
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(entities.size());
        for (Map.Entry<String, Times> en : entities.entrySet()) {
            out.writeUTF(en.getKey());
            Times t = en.getValue();
            out.writeBoolean(t.start != null);
            if (t.start != null) {
                out.writeLong(t.start.toEpochMilli());
            }
            out.writeInt(t.ends.size());
            for (Instant i : t.ends) {
                out.writeLong(i.toEpochMilli());
            }
            Codec.writeNullableString(out, t.limitKey);
        }
    }

    static EntityIntervals read(DataInputStream in) throws IOException {
        int n = in.readInt();
        Map<String, Times> m = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            String entity = in.readUTF();
            Instant start = in.readBoolean() ? Instant.ofEpochMilli(in.readLong()) : null;
            int ne = in.readInt();
            TreeSet<Instant> ends = new TreeSet<>();
            for (int j = 0; j < ne; j++) {
                ends.add(Instant.ofEpochMilli(in.readLong()));
            }
            m.put(entity, new Times(start, ends, Codec.readNullableString(in)));
        }
        return new EntityIntervals(m);
    }
}
