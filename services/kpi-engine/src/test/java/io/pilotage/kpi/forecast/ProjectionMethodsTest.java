package io.pilotage.kpi.forecast;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The three projection methods on plain numbers. */
class ProjectionMethodsTest {

    private static DayOfWeek[] dows(LocalDate first, int n) {
        DayOfWeek[] d = new DayOfWeek[n];
        for (int i = 0; i < n; i++) {
            d[i] = first.plusDays(i).getDayOfWeek();
        }
        return d;
    }

    @Test
    void seasonalExtrapolatesEachDayLeftAtItsWeekdaysLevel() {
        // history: 10 a weekday, nothing at weekends, for 8 weeks ending Sunday 2026-11-29
        LocalDate first = LocalDate.parse("2026-10-05");
        int n = 56;
        DayOfWeek[] hd = dows(first, n);
        double[] hv = new double[n];
        for (int i = 0; i < n; i++) {
            hv[i] = hd[i].getValue() >= 6 ? 0 : 10;
        }
        // today Monday 2026-11-30 with half the day left, then Tuesday 1 ... no: a week left: Tue..Sun (5 weekdays incl. today's half)
        DayOfWeek[] d = dows(LocalDate.parse("2026-11-30"), 7);
        double[] w = {0.5, 1, 1, 1, 1, 1, 1};
        Projection p = Seasonal.project(100, 20.5, hd, hv, d, w, true);
        // shrinkage towards 1 (one pseudo-day at the mean, 50/7) keeps weekends slightly above 0, weekdays below 10
        double mean = 50.0 / 7;
        double weekday = (8 * 10 + mean) / 9 / mean;
        double weekend = mean / 9 / mean;
        double level = 200 / (20 * weekday + 8 * weekend); // the last 28 days: 20 weekdays of 10
        double expected = 100 + level * weekday * (0.5 + 4) + level * weekend * 2;
        assertThat(p.value()).isCloseTo(expected, within(1e-9));
        assertThat(p.low()).isBetween(100.0, p.value());
        assertThat(p.high()).isGreaterThan(p.value());
        assertThat(p.path()).hasSize(7);
        assertThat(p.path()[6]).isCloseTo(p.value(), within(1e-9));
        assertThat(p.path()[5]).isLessThan(p.path()[6]);
    }

    @Test
    void seasonalWithoutHistoryUsesTheRateSoFarWithAPoissonInterval() {
        DayOfWeek[] d = dows(LocalDate.parse("2026-12-08"), 24);
        double[] w = new double[24];
        Arrays.fill(w, 1);
        w[0] = 0;
        Projection p = Seasonal.project(80, 8, new DayOfWeek[0], new double[0], d, w, true);
        assertThat(p.value()).isCloseTo(80 + 10 * 23, within(1e-9));
        assertThat(p.high() - p.value()).isGreaterThan(Math.sqrt(230));
        assertThat(p.low()).isGreaterThanOrEqualTo(80);
    }

    @Test
    void seasonalNeverProjectsACountBelowItsValueSoFar() {
        DayOfWeek[] hd = dows(LocalDate.parse("2026-11-01"), 20);
        double[] hv = new double[20];
        hv[19] = 500; // one burst: huge variance
        Projection p = Seasonal.project(500, 8, hd, hv, dows(LocalDate.parse("2026-11-21"), 3), new double[] {0, 1, 1}, true);
        assertThat(p.low()).isEqualTo(500);
    }

    @Test
    void levelMixesTheValueSoFarWithTheDaysLeftAndTakesItsIntervalFromTheDaysSpread() {
        // 20 history days alternating 40 % and 60 %, 10 entities a day; so far 50 % over 100 entities
        int n = 20;
        double[] v = new double[n];
        double[] wt = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = i % 2 == 0 ? 40 : 60;
            wt[i] = 10;
        }
        double[] left = new double[11];
        Arrays.fill(left, 1);
        left[0] = 0;
        Projection p = DayLevel.project(50.0, 100, v, wt, 10, left, false);
        assertThat(p.value()).isCloseTo(50, within(1e-9));
        double sigma = Math.sqrt(100.0 * 20 / 19);
        // the level is known from the window's 10 days so far
        double half = Projection.Z80 * (100.0 / 200) * sigma * Math.sqrt(1.0 / 10 + 1.0 / 10);
        assertThat(p.high() - p.value()).isCloseTo(half, within(1e-9));
        assertThat(p.low()).isCloseTo(50 - half, within(1e-9));
    }

    @Test
    void levelFollowsARecentTrend() {
        // the window's 14 days: 80 % for a week, then 60 % for the last week; so far 70 %
        int n = 14;
        double[] v = new double[n];
        double[] wt = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = i < 7 ? 80 : 60;
            wt[i] = 10;
        }
        double[] left = new double[15];
        Arrays.fill(left, 1);
        left[0] = 0;
        Projection p = DayLevel.project(70.0, 140, v, wt, 14, left, true);
        // level = 70 + (60 - 70) = 60; 140 entities so far at 70, 140 more at 60
        assertThat(p.value()).isCloseTo(65, within(1e-9));
        assertThat(p.path()[0]).isCloseTo(70, within(1e-9));
        assertThat(p.path()[14]).isCloseTo(65, within(1e-9));
    }

    @Test
    void levelWithoutValueSoFarStartsFromTheHistory() {
        Projection p = DayLevel.project(null, 0, new double[] {10, 20}, new double[] {1, 3}, 0, new double[] {1, 1}, true);
        assertThat(p.value()).isCloseTo(17.5, within(1e-9));
        assertThat(DayLevel.project(null, 0, new double[] {Double.NaN}, new double[] {0}, 0, new double[] {1}, true)).isNull();
    }

    @Test
    void unionGrowthAddsWhatTheUnionGainedGoingBackOverTheDaysLeft() {
        // the union over the last L days: 100, 180, 240, 280, 300, 310 (saturating)
        double[] curve = {100, 180, 240, 280, 300, 310};
        Projection p = UnionGrowth.project(curve, 2, 3); // window of 5 days, 2 known, 3 left
        assertThat(p.path()[0]).isEqualTo(180);
        assertThat(p.value()).isEqualTo(300);
        assertThat(p.low()).isBetween(180.0, 300.0);
        assertThat(p.high()).isGreaterThan(300);
        assertThat(p.path()).containsExactly(180, 240, 280, 300);
    }

    @Test
    void unionGrowthExtendsAShortCurveByHeapsLaw() {
        // f(L) = 100 L^0.5 exactly
        double[] curve = new double[9];
        for (int l = 1; l <= 9; l++) {
            curve[l - 1] = 100 * Math.sqrt(l);
        }
        assertThat(UnionGrowth.heapsExponent(curve)).isCloseTo(0.5, within(1e-9));
        Projection p = UnionGrowth.project(curve, 9, 7); // 16 days: 400
        assertThat(p.value()).isCloseTo(400, within(1e-6));
    }
}
