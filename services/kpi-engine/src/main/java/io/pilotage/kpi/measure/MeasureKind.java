package io.pilotage.kpi.measure;

import io.pilotage.contracts.CanonicalEvent;

import java.time.LocalDate;
import java.util.NavigableMap;

/**
 * One measure type of the KPI language (DESIGN §3.1) as a mergeable state: the engine keeps one
 * state per KPI per local day, built by {@link #add}ing that day's events, and a period's value is
 * {@link #evaluate}d from the states of its days (plus, for measures that need history, the
 * {@link #lookbackDays()} days before it). Adding a measure type means one new implementation and
 * one line in {@link Measures#of}.
 *
 * <p>Laws (checked by property tests): {@code merge} is associative, {@code empty()} is its
 * identity, and merging the states of several days gives the state of all their events.
 * {@code merge} never modifies its arguments; {@code add} may modify and return its argument.
 *
 * @param <S> the state
 */
public interface MeasureKind<S> {

    /** The state of no events. */
    S empty();

    /** Whether an event (already of the KPI's project) contributes to this measure. */
    boolean accepts(CanonicalEvent event);

    /** The state with one more accepted event of its day. */
    S add(S state, CanonicalEvent event);

    /** The state of the events of both states; arguments untouched. */
    S merge(S a, S b);

    /**
     * The value of a window from the states of its days. {@code days} holds the states from
     * {@code window.firstDay() - lookbackDays()} to {@code window.lastDay()}; days without events
     * may be absent.
     */
    MeasureValue evaluate(Window window, NavigableMap<LocalDate, S> days);

    /** How many days before a window the value also needs (cohorts, carried-forward states, open intervals). */
    default int lookbackDays() {
        return 0;
    }

    byte[] encode(S state);

    S decode(byte[] bytes);

    /** Merges many states at once (types with costly pairwise merges do it in one pass). */
    default S mergeAll(java.util.Collection<S> states) {
        S acc = empty();
        for (S s : states) {
            acc = merge(acc, s);
        }
        return acc;
    }

    /** Merges the states of the days in {@code [from, to]}. */
    default S mergeDays(NavigableMap<LocalDate, S> days, LocalDate from, LocalDate to) {
        return from.isAfter(to) ? empty() : mergeAll(days.subMap(from, true, to, true).values());
    }

    /**
     * Whether a window's value depends on when it is computed ({@code asOf}) and not only on its
     * days' states: such values of a window not yet over are never cached.
     */
    default boolean dependsOnTime() {
        return false;
    }
}
