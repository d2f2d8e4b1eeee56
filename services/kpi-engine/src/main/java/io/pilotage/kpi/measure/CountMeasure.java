package io.pilotage.kpi.measure;

import io.pilotage.contracts.CanonicalEvent;

import java.time.LocalDate;
import java.util.NavigableMap;

/** {@code count}: the number of accepted events in the window; NO_DATA when there is none. */
public final class CountMeasure implements MeasureKind<Long> {

    private final EventFilter filter;

    public CountMeasure(EventFilter filter) {
        this.filter = filter;
    }

    @Override
    public Long empty() {
        return 0L;
    }

    @Override
    public boolean accepts(CanonicalEvent event) {
        return filter.accepts(event);
    }

    @Override
    public Long add(Long state, CanonicalEvent event) {
        return state + 1;
    }

    @Override
    public Long merge(Long a, Long b) {
        return a + b;
    }

    @Override
    public MeasureValue evaluate(Window window, NavigableMap<LocalDate, Long> days) {
        long n = mergeDays(days, window.firstDay(), window.lastDay());
        return n == 0 ? MeasureValue.noData(0) : MeasureValue.exact(n, n);
    }

    @Override
    public byte[] encode(Long state) {
        return Codec.write(out -> out.writeLong(state));
    }

    @Override
    public Long decode(byte[] bytes) {
        return Codec.read(bytes, in -> in.readLong());
    }
}
