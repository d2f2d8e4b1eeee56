package io.pilotage.kpi.measure;

import io.pilotage.contracts.CanonicalEvent;

import java.time.LocalDate;
import java.util.NavigableMap;

/**
 * {@code percentile}: the p-th percentile (nearest rank, default p90) of a numeric field over the
 * window's accepted events that carry it; exact up to {@link Quantiles#EXACT_LIMIT} values, a KLL
 * sketch beyond (then {@code exact=false}, {@code errorBound} = the sketch's normalized rank error).
 */
public final class PercentileMeasure implements MeasureKind<Quantiles> {

    private final EventFilter filter;
    private final String field;
    private final double p;

    public PercentileMeasure(EventFilter filter, String field, Double percentile) {
        this.filter = filter;
        this.field = field == null ? "value" : field;
        this.p = percentile == null ? 90 : percentile;
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
        }
    }

    @Override
    public Quantiles empty() {
        return Quantiles.EMPTY;
    }

    @Override
    public boolean accepts(CanonicalEvent event) {
        return filter.accepts(event) && EventFilter.number(event, field) != null;
    }

    @Override
    public Quantiles add(Quantiles state, CanonicalEvent event) {
        return state.plus(EventFilter.number(event, field));
    }

    @Override
    public Quantiles merge(Quantiles a, Quantiles b) {
        return a.merge(b);
    }

    @Override
    public MeasureValue evaluate(Window window, NavigableMap<LocalDate, Quantiles> days) {
        Quantiles q = mergeDays(days, window.firstDay(), window.lastDay());
        if (q.count() == 0) {
            return MeasureValue.noData(0);
        }
        return new MeasureValue(q.percentile(p), q.count(), q.exact(), q.exact() ? null : q.rankError(), null);
    }

    @Override
    public byte[] encode(Quantiles state) {
        return Codec.write(state::write);
    }

    @Override
    public Quantiles decode(byte[] bytes) {
        return Codec.read(bytes, Quantiles::read);
    }
}
