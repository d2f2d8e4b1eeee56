package io.pilotage.console.view;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PagePeriodTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);

    @Test
    void monthsAndQuartersParseToTheirDays() {
        PagePeriod m = PagePeriod.parse("period", "2026-02", TODAY);
        assertThat(m.start()).isEqualTo(LocalDate.of(2026, 2, 1));
        assertThat(m.end()).isEqualTo(LocalDate.of(2026, 2, 28));
        PagePeriod q = PagePeriod.parse("period", "2026-q4", TODAY);
        assertThat(q.toString()).isEqualTo("2026-Q4");
        assertThat(q.start()).isEqualTo(LocalDate.of(2026, 10, 1));
        assertThat(q.end()).isEqualTo(LocalDate.of(2026, 12, 31));
    }

    @Test
    void noPeriodIsTheCurrentMonth() {
        assertThat(PagePeriod.parse("period", null, TODAY).toString()).isEqualTo("2026-12");
        assertThat(PagePeriod.parse("period", " ", TODAY).toString()).isEqualTo("2026-12");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-13", "2026-00", "2026-Q5", "26-10", "2026-10-01", "oct", "2026-W01", "<script>"})
    void aBadPeriodNamesTheParameterAndTheExpectedForm(String value) {
        assertThatThrownBy(() -> PagePeriod.parse("period", value, TODAY))
                .isInstanceOfSatisfying(BadParameter.class, e -> {
                    assertThat(e.parameter()).isEqualTo("period");
                    assertThat(e.value()).isEqualTo(value);
                    assertThat(e.expected()).contains("YYYY-MM").contains("YYYY-Qn");
                });
    }

    @Test
    void periodsStepAcrossYears() {
        PagePeriod jan = PagePeriod.parse("period", "2026-01", TODAY);
        assertThat(jan.previous().toString()).isEqualTo("2025-12");
        assertThat(jan.minus(11).toString()).isEqualTo("2025-02");
        assertThat(jan.next().toString()).isEqualTo("2026-02");
        PagePeriod q1 = PagePeriod.parse("period", "2026-Q1", TODAY);
        assertThat(q1.previous().toString()).isEqualTo("2025-Q4");
        assertThat(q1.lastPeriods(3)).extracting(PagePeriod::toString).containsExactly("2025-Q3", "2025-Q4", "2026-Q1");
    }

    @Test
    void thePickerOffersTwelveMonthsAndFourQuartersNewestFirst() {
        assertThat(PagePeriod.choices(TODAY)).extracting(PagePeriod::toString)
                .startsWith("2026-12", "2026-11").contains("2026-01", "2026-Q4", "2026-Q1").hasSize(16);
    }

    @Test
    void labelsAreInTheReadersLanguage() {
        assertThat(PagePeriod.parse("period", "2026-10", TODAY).label(Locale.FRENCH)).isEqualTo("octobre 2026");
        assertThat(PagePeriod.parse("period", "2026-10", TODAY).label(Locale.ENGLISH)).isEqualTo("October 2026");
        assertThat(PagePeriod.parse("period", "2026-Q3", TODAY).label(Locale.FRENCH)).isEqualTo("T3 2026");
        assertThat(PagePeriod.parse("period", "2026-Q3", TODAY).label(Locale.ENGLISH)).isEqualTo("Q3 2026");
    }
}
