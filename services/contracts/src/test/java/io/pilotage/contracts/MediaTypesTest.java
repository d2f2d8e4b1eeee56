package io.pilotage.contracts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MediaTypesTest {

    @Test
    void aMediaTypeIsTypeSlashSubtypeWithoutWildcard() {
        assertThat(MediaTypes.isConcrete("application/json")).isTrue();
        assertThat(MediaTypes.isConcrete("application/cloudevents+json; charset=UTF-8")).isTrue();
        assertThat(MediaTypes.isConcrete(" text/csv ;;;=")).isTrue();
        assertThat(MediaTypes.isConcrete("application/x-www-form-urlencoded")).isTrue();
        assertThat(MediaTypes.isConcrete("garbage")).isFalse();
        assertThat(MediaTypes.isConcrete("*/*")).isFalse();
        assertThat(MediaTypes.isConcrete("application/*")).isFalse();
        assertThat(MediaTypes.isConcrete("application/json/x")).isFalse();
        assertThat(MediaTypes.isConcrete("")).isFalse();
        assertThat(MediaTypes.isConcrete(null)).isFalse();
    }
}
