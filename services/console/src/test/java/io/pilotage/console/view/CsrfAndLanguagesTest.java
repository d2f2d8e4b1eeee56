package io.pilotage.console.view;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsrfAndLanguagesTest {

    private final Csrf csrf = new Csrf("0123456789abcdef0123456789abcdef");

    @Test
    void aTokenIsValidForItsOwnSessionOnly() {
        String token = csrf.token("alice|s1");
        assertThat(csrf.valid("alice|s1", token)).isTrue();
        assertThat(csrf.valid("alice|s2", token)).isFalse();
        assertThat(csrf.valid("bob|s1", token)).isFalse();
        assertThat(csrf.valid("alice|s1", null)).isFalse();
        assertThat(csrf.valid("alice|s1", "")).isFalse();
        assertThat(csrf.valid("alice|s1", token.substring(1))).isFalse();
    }

    @Test
    void anotherSecretGivesAnotherToken() {
        assertThat(new Csrf("ffffffffffffffffffffffffffffffff").token("alice|s1")).isNotEqualTo(csrf.token("alice|s1"));
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> new Csrf("short")).hasMessageContaining("32");
    }

    @Test
    void theSwitchWinsThenTheBrowsersLanguageThenFrench() {
        assertThat(Languages.resolve("en", "fr-FR,fr;q=0.9")).isEqualTo(Locale.ENGLISH);
        assertThat(Languages.resolve(null, "en-US,en;q=0.9,fr;q=0.8")).isEqualTo(Locale.ENGLISH);
        assertThat(Languages.resolve(null, "de-DE,de;q=0.9,en;q=0.5")).isEqualTo(Locale.ENGLISH);
        assertThat(Languages.resolve("xx", "de")).isEqualTo(Locale.FRENCH);
        assertThat(Languages.resolve(null, "not a header;;;q=x")).isEqualTo(Locale.FRENCH);
        assertThat(Languages.resolve(null, null)).isEqualTo(Locale.FRENCH);
    }
}
