package io.pilotage.alerting.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;

import static io.pilotage.alerting.state.AlertState.ACKNOWLEDGED;
import static io.pilotage.alerting.state.AlertState.FIRING;
import static io.pilotage.alerting.state.AlertState.NO_DATA;
import static io.pilotage.alerting.state.AlertState.OK;
import static io.pilotage.alerting.state.AlertState.PENDING;
import static io.pilotage.alerting.state.AlertState.RESOLVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every state × every input, for an immediate rule (for = 1) and a patient one (for = 3). */
class AlertStateMachineTest {

    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);

    enum In { BREACH, CLEAR, NO_DATA, ACK }

    private static AlertInput input(In in) {
        return switch (in) {
            case BREACH -> new AlertInput.Breach(T1, 10.0, 20.0);
            case CLEAR -> new AlertInput.Clear(T1, 30.0);
            case NO_DATA -> new AlertInput.NoData(T1);
            case ACK -> new AlertInput.Acknowledge(T1, "owner", "on it");
        };
    }

    private static AlertInstance in(AlertState s, int consecutive) {
        return s == ACKNOWLEDGED
                ? new AlertInstance(s, consecutive, T0, "someone", T0, "earlier")
                : new AlertInstance(s, consecutive, T0, null, null, null);
    }

    /** state, consecutive before, input, for, expected state (null = refused), expected consecutive */
    static Stream<Arguments> table() {
        List<Arguments> rows = new ArrayList<>();
        for (int f : new int[] {1, 3}) {
            AlertState onFirstBreach = f == 1 ? FIRING : PENDING;
            rows.add(Arguments.of(OK, 0, In.BREACH, f, onFirstBreach, 1));
            rows.add(Arguments.of(OK, 0, In.CLEAR, f, OK, 0));
            rows.add(Arguments.of(OK, 0, In.NO_DATA, f, NO_DATA, 0));
            rows.add(Arguments.of(OK, 0, In.ACK, f, null, 0));

            rows.add(Arguments.of(PENDING, 1, In.BREACH, f, f <= 2 ? FIRING : PENDING, 2));
            rows.add(Arguments.of(PENDING, 2, In.BREACH, f, FIRING, 3));
            rows.add(Arguments.of(PENDING, 1, In.CLEAR, f, OK, 0));
            rows.add(Arguments.of(PENDING, 1, In.NO_DATA, f, NO_DATA, 0));
            rows.add(Arguments.of(PENDING, 1, In.ACK, f, null, 0));

            rows.add(Arguments.of(FIRING, 3, In.BREACH, f, FIRING, 4));
            rows.add(Arguments.of(FIRING, 3, In.CLEAR, f, RESOLVED, 0));
            rows.add(Arguments.of(FIRING, 3, In.NO_DATA, f, NO_DATA, 0));
            rows.add(Arguments.of(FIRING, 3, In.ACK, f, ACKNOWLEDGED, 3));

            rows.add(Arguments.of(ACKNOWLEDGED, 3, In.BREACH, f, ACKNOWLEDGED, 4));
            rows.add(Arguments.of(ACKNOWLEDGED, 3, In.CLEAR, f, RESOLVED, 0));
            rows.add(Arguments.of(ACKNOWLEDGED, 3, In.NO_DATA, f, NO_DATA, 0));
            rows.add(Arguments.of(ACKNOWLEDGED, 3, In.ACK, f, null, 0));

            rows.add(Arguments.of(RESOLVED, 0, In.BREACH, f, onFirstBreach, 1));
            rows.add(Arguments.of(RESOLVED, 0, In.CLEAR, f, OK, 0));
            rows.add(Arguments.of(RESOLVED, 0, In.NO_DATA, f, NO_DATA, 0));
            rows.add(Arguments.of(RESOLVED, 0, In.ACK, f, null, 0));

            rows.add(Arguments.of(NO_DATA, 0, In.BREACH, f, onFirstBreach, 1));
            rows.add(Arguments.of(NO_DATA, 0, In.CLEAR, f, RESOLVED, 0));
            rows.add(Arguments.of(NO_DATA, 0, In.NO_DATA, f, NO_DATA, 0));
            rows.add(Arguments.of(NO_DATA, 0, In.ACK, f, ACKNOWLEDGED, 0));
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}({1}) + {2} with for={3} -> {4}")
    @MethodSource("table")
    void everyStateTimesEveryInput(AlertState from, int consecutive, In in, int forEvaluations, AlertState expected,
                                   int expectedConsecutive) {
        AlertStateMachine machine = new AlertStateMachine(forEvaluations);
        AlertInstance before = in(from, consecutive);
        if (expected == null) {
            assertThatThrownBy(() -> machine.apply(before, input(in)))
                    .isInstanceOf(IllegalAlertTransition.class)
                    .satisfies(e -> assertThat(((IllegalAlertTransition) e).state()).isEqualTo(from));
            return;
        }
        Step step = machine.apply(before, input(in));
        assertThat(step.after().state()).isEqualTo(expected);
        assertThat(step.after().consecutive()).isEqualTo(expectedConsecutive);
        assertThat(step.transition()).isEqualTo(from != expected);
        if (step.transition()) {
            assertThat(step.after().since()).as("a new state starts at the input's time").isEqualTo(T1);
        } else {
            assertThat(step.after().since()).as("staying keeps the start of the state").isEqualTo(T0);
        }
    }

    @Test
    void theTableCoversEveryStateAndEveryInput() {
        EnumSet<AlertState> states = EnumSet.noneOf(AlertState.class);
        EnumSet<In> inputs = EnumSet.noneOf(In.class);
        table().forEach(a -> {
            states.add((AlertState) a.get()[0]);
            inputs.add((In) a.get()[2]);
        });
        assertThat(states).containsExactlyInAnyOrder(AlertState.values());
        assertThat(inputs).containsExactlyInAnyOrder(In.values());
    }

    @Test
    void acknowledgementRecordsWhoWhenAndComment() {
        Step step = new AlertStateMachine(1).apply(in(FIRING, 1), new AlertInput.Acknowledge(T1, "owner", "looking"));
        assertThat(step.after().acknowledgedBy()).isEqualTo("owner");
        assertThat(step.after().acknowledgedAt()).isEqualTo(T1);
        assertThat(step.after().ackComment()).isEqualTo("looking");
        assertThat(step.after().state().active()).as("an acknowledged alert stays visible").isTrue();
    }

    @Test
    void acknowledgementKeepsItsAuthorWhileBreachingContinues() {
        AlertStateMachine m = new AlertStateMachine(1);
        AlertInstance acked = m.apply(in(FIRING, 1), input(In.ACK)).after();
        Step again = m.apply(acked, input(In.BREACH));
        assertThat(again.after().acknowledgedBy()).isEqualTo("owner");
        assertThat(again.transition()).isFalse();
    }

    @Test
    void patientRuleFiresOnlyAfterForConsecutiveBreaches() {
        AlertStateMachine m = new AlertStateMachine(3);
        AlertInstance a = AlertInstance.initial(T0);
        a = m.apply(a, input(In.BREACH)).after();
        a = m.apply(a, input(In.BREACH)).after();
        assertThat(a.state()).isEqualTo(PENDING);
        a = m.apply(a, input(In.CLEAR)).after();
        assertThat(a.state()).as("a clear evaluation restarts the count").isEqualTo(OK);
        a = m.apply(a, input(In.BREACH)).after();
        a = m.apply(a, input(In.BREACH)).after();
        assertThat(a.state()).isEqualTo(PENDING);
        assertThat(m.apply(a, input(In.BREACH)).after().state()).isEqualTo(FIRING);
    }

    @Test
    void pendingWithoutChangeIsNotATransitionButCounts() {
        Step s = new AlertStateMachine(5).apply(in(PENDING, 1), input(In.BREACH));
        assertThat(s.transition()).isFalse();
        assertThat(s.unchanged()).isFalse();
        assertThat(s.after().consecutive()).isEqualTo(2);
    }

    @Test
    void forBelowOneIsRefused() {
        assertThatThrownBy(() -> new AlertStateMachine(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acknowledgementWithoutAuthorIsRefused() {
        assertThatThrownBy(() -> new AlertInput.Acknowledge(T1, " ", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
