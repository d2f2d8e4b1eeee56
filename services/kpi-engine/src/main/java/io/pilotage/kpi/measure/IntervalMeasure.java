package io.pilotage.kpi.measure;

import io.pilotage.contracts.CanonicalEvent;

import java.time.LocalDate;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;

/** What {@code duration} and {@code within} share: the per-entity interval state and its lookback. */
abstract class IntervalMeasure implements MeasureKind<EntityIntervals> {

    protected final Set<String> startTypes;
    protected final Set<String> endTypes;
    protected final String limitAttribute;
    private final int lookback;

    IntervalMeasure(List<String> start, List<String> end, String limitAttribute, int lookbackDays) {
        if (start.isEmpty() || end.isEmpty()) {
            throw new IllegalArgumentException("a duration or within measure needs 'start' and 'end' event types");
        }
        this.startTypes = Set.copyOf(start);
        this.endTypes = Set.copyOf(end);
        this.limitAttribute = limitAttribute;
        this.lookback = lookbackDays;
    }

    @Override
    public EntityIntervals empty() {
        return EntityIntervals.EMPTY;
    }

    @Override
    public boolean accepts(CanonicalEvent e) {
        return e.entity() != null && (startTypes.contains(e.type()) || endTypes.contains(e.type()));
    }

    @Override
    public EntityIntervals add(EntityIntervals state, CanonicalEvent event) {
        return state.plus(event, startTypes, limitAttribute);
    }

    @Override
    public EntityIntervals merge(EntityIntervals a, EntityIntervals b) {
        return a.merge(b);
    }

    @Override
    public boolean dependsOnTime() {
        return true;
    }

    @Override
    public int lookbackDays() {
        return lookback;
    }

    /** Every entity seen from the lookback to the window's last day. */
    protected EntityIntervals history(Window window, NavigableMap<LocalDate, EntityIntervals> days) {
        return mergeDays(days, window.firstDay().minusDays(lookback), window.lastDay());
    }

    @Override
    public byte[] encode(EntityIntervals state) {
        return Codec.write(state::write);
    }

    @Override
    public EntityIntervals decode(byte[] bytes) {
        return Codec.read(bytes, EntityIntervals::read);
    }
}
