package io.pilotage.kpi.measure;

import org.apache.datasketches.theta.CompactThetaSketch;
import org.apache.datasketches.theta.ThetaSketch;
import org.apache.datasketches.theta.ThetaSetOperationBuilder;
import org.apache.datasketches.theta.ThetaUnion;

import java.lang.foreign.MemorySegment;

/**
 * A mergeable set of distinct values (subjects, entities...) as a Theta sketch of Apache
 * DataSketches with {@link #LG_K} (k = 65 536 nominal entries): the set is <b>exact</b> while it
 * holds fewer than about k values; beyond, estimates have a relative standard error of
 * 1/√k ≈ 0.39 % (≈ 0.78 % at 95 % confidence). Unions, intersections and differences (cohorts,
 * retention) stay within the same bounds. {@link #add} mutates; every other operation returns a
 * new set.
 */
public final class SubjectSet {

    public static final int LG_K = 16;

    /** The set as an immutable sketch, until something is added. */
    private CompactThetaSketch compact;
    /** The set while values are added. */
    private ThetaUnion union;

    private SubjectSet(CompactThetaSketch compact) {
        this.compact = compact;
    }

    private static ThetaUnion newUnion() {
        return new ThetaSetOperationBuilder().setLogNominalEntries(LG_K).buildUnion();
    }

    public static SubjectSet empty() {
        return new SubjectSet(EMPTY);
    }

    private static final CompactThetaSketch EMPTY = newUnion().getResult();

    public static SubjectSet of(String... values) {
        SubjectSet s = empty();
        for (String v : values) {
            s.add(v);
        }
        return s;
    }

    public SubjectSet add(String value) {
        if (union == null) {
            union = newUnion();
            union.union(compact);
            compact = null;
        }
        union.update(value);
        return this;
    }

    public CompactThetaSketch sketch() {
        return union != null ? union.getResult() : compact;
    }

    public SubjectSet union(SubjectSet other) {
        return unionAll(java.util.List.of(this, other));
    }

    /** The union of many sets in one pass. */
    public static SubjectSet unionAll(java.util.Collection<SubjectSet> sets) {
        ThetaUnion u = newUnion();
        for (SubjectSet s : sets) {
            u.union(s.sketch());
        }
        return new SubjectSet(u.getResult());
    }

    public static SubjectSet of(ThetaSketch sketch) {
        return new SubjectSet(sketch.compact());
    }

    public SubjectSet minus(SubjectSet other) {
        return of(new ThetaSetOperationBuilder().buildANotB().aNotB(sketch(), other.sketch()));
    }

    public SubjectSet intersect(SubjectSet other) {
        return of(new ThetaSetOperationBuilder().setLogNominalEntries(LG_K).buildIntersection().intersect(sketch(), other.sketch()));
    }

    public double estimate() {
        return sketch().getEstimate();
    }

    public long count() {
        return Math.round(estimate());
    }

    public boolean exact() {
        return !sketch().isEstimationMode();
    }

    /** Relative error bound at 95 % confidence (two standard deviations); 0 when exact. */
    public double errorBound() {
        CompactThetaSketch s = sketch();
        double e = s.getEstimate();
        return !s.isEstimationMode() || e == 0 ? 0 : (s.getUpperBound(2) - e) / e;
    }

    public byte[] toBytes() {
        return sketch().toByteArray();
    }

    public static SubjectSet fromBytes(byte[] bytes) {
        return new SubjectSet(CompactThetaSketch.heapify(MemorySegment.ofArray(bytes)));
    }
}
