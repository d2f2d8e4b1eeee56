package io.pilotage.kpi.measure;

import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * A mergeable multiset of numbers for percentiles: the exact values while there are at most
 * {@link #EXACT_LIMIT}, a KLL sketch (Apache DataSketches, k = {@link #K}) beyond. A percentile p is
 * the nearest-rank one: the smallest value such that at least p % of the values are ≤ it (the
 * sketch's inclusive quantile, the same definition). Immutable.
 */
public final class Quantiles {

    /** Up to this many values are kept exactly. */
    public static final int EXACT_LIMIT = 10_000;
    /** KLL accuracy parameter: normalized rank error ≈ 1.3 % at 99 % confidence. */
    public static final int K = 200;

    public static final Quantiles EMPTY = new Quantiles(new double[0], null);

    private final double[] values; // sorted, when exact
    private final KllDoublesSketch sketch;

    private Quantiles(double[] values, KllDoublesSketch sketch) {
        this.values = values;
        this.sketch = sketch;
    }

    public static Quantiles of(double... values) {
        return EMPTY.plus(values);
    }

    public long count() {
        return sketch != null ? sketch.getN() : values.length;
    }

    public boolean exact() {
        return sketch == null;
    }

    /** Normalized rank error of the sketch (0 when exact). */
    public double rankError() {
        return sketch == null ? 0 : sketch.getNormalizedRankError(false);
    }

    public Quantiles plus(double... more) {
        if (sketch == null && values.length + more.length <= EXACT_LIMIT) {
            double[] all = Arrays.copyOf(values, values.length + more.length);
            System.arraycopy(more, 0, all, values.length, more.length);
            Arrays.sort(all);
            return new Quantiles(all, null);
        }
        KllDoublesSketch s = toSketch();
        for (double v : more) {
            s.update(v);
        }
        return new Quantiles(null, s);
    }

    public Quantiles merge(Quantiles other) {
        if (other.count() == 0) {
            return this;
        }
        if (count() == 0) {
            return other;
        }
        if (sketch == null && other.sketch == null) {
            return plus(other.values);
        }
        KllDoublesSketch s = toSketch();
        s.merge(other.sketch != null ? other.sketch : other.toSketch());
        return new Quantiles(null, s);
    }

    private KllDoublesSketch toSketch() {
        KllDoublesSketch s = KllDoublesSketch.newHeapInstance(K);
        if (sketch != null) {
            s.merge(sketch);
        } else {
            for (double v : values) {
                s.update(v);
            }
        }
        return s;
    }

    /** The p-th percentile (0 < p ≤ 100); NaN when empty. */
    public double percentile(double p) {
        if (count() == 0) {
            return Double.NaN;
        }
        if (sketch != null) {
            return sketch.getQuantile(p / 100.0, QuantileSearchCriteria.INCLUSIVE);
        }
        int rank = (int) Math.ceil(p / 100.0 * values.length);
        return values[Math.max(0, Math.min(values.length - 1, rank - 1))];
    }

    void write(DataOutputStream out) throws IOException {
        out.writeBoolean(sketch != null);
        if (sketch != null) {
            Codec.writeBytes(out, sketch.toByteArray());
        } else {
            out.writeInt(values.length);
            for (double v : values) {
                out.writeDouble(v);
            }
        }
    }

    static Quantiles read(DataInputStream in) throws IOException {
        if (in.readBoolean()) {
            return new Quantiles(null, KllDoublesSketch.heapify(MemorySegment.ofArray(Codec.readBytes(in))));
        }
        double[] v = new double[in.readInt()];
        for (int i = 0; i < v.length; i++) {
            v[i] = in.readDouble();
        }
        return new Quantiles(v, null);
    }
}
