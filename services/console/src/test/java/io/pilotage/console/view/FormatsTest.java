package io.pilotage.console.view;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class FormatsTest {

    private final Formats fr = new Formats(Locale.FRENCH, ZoneId.of("Africa/Bamako"));
    private final Formats en = new Formats(Locale.ENGLISH, ZoneId.of("Africa/Bamako"));

    @Test
    void numbersAreWrittenAsTheLocaleWritesThem() {
        assertThat(fr.number(71.234, "%")).isEqualTo("71,23 %");
        assertThat(en.number(71.234, "%")).isEqualTo("71.23 %");
        assertThat(fr.number(231877.4, "users")).isEqualTo("231 877 users");
        assertThat(en.number(231877.4, "users")).isEqualTo("231,877 users");
        assertThat(fr.number(null, "%")).isEqualTo("—");
        assertThat(en.number(2.0, null)).isEqualTo("2");
    }

    @Test
    void changesAreSigned() {
        assertThat(fr.signedPercent(3.25)).isEqualTo("+3,25 %");
        assertThat(en.signedPercent(-12.0)).isEqualTo("−12 %");
        assertThat(en.signedPercent(null)).isEmpty();
    }

    @Test
    void timesAreInTheKpisZone() {
        Instant at = Instant.parse("2026-12-07T23:30:00Z");
        Formats tokyo = new Formats(Locale.ENGLISH, ZoneId.of("Asia/Tokyo"));
        assertThat(en.dateTime(at)).contains("Dec 7, 2026").contains("11:30");
        assertThat(tokyo.dateTime(at)).contains("Dec 8, 2026").contains("8:30");
        assertThat(fr.dateTime(at)).contains("7 déc. 2026").contains("23:30");
        assertThat(en.iso(at)).isEqualTo("2026-12-07T23:30:00Z");
    }

    @Test
    void agesAreCoarse() {
        assertThat(fr.age(Duration.ofMinutes(12))).isEqualTo("12 min");
        assertThat(fr.age(Duration.ofHours(5))).isEqualTo("5 h");
        assertThat(fr.age(Duration.ofDays(3))).isEqualTo("3 j");
        assertThat(en.age(Duration.ofDays(3))).isEqualTo("3 d");
    }
}
