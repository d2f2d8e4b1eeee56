package io.pilotage.ingestion.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every test of {@link EventsResourceTest} once more with the events route off, so that JSON and
 * NDJSON bodies are answered by the JAX-RS resource, the path every other content type takes: both
 * must answer alike.
 */
@QuarkusTest
@TestProfile(EventsResourceJaxRsTest.JaxRsOnly.class)
class EventsResourceJaxRsTest extends EventsResourceTest {

    public static class JaxRsOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pilotage.ingestion.events-route.enabled", "false");
        }
    }

    @Test
    void theRouteTakesJsonAndNdjsonWhateverTheirParametersAndLeavesEveryOtherTypeToJaxRs() {
        assertThat(EventsRoute.kind("application/json")).isFalse();
        assertThat(EventsRoute.kind("Application/JSON; charset=UTF-8")).isFalse();
        assertThat(EventsRoute.kind("application/x-ndjson")).isTrue();
        assertThat(EventsRoute.kind("application/cloudevents+json")).isNull();
        assertThat(EventsRoute.kind("text/csv")).isNull();
        assertThat(EventsRoute.kind(null)).isNull();
    }
}
