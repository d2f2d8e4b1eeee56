package io.pilotage.ingestion.rest;

import io.pilotage.contracts.definition.SourceDefinition;
import io.pilotage.ingestion.source.SourceRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** A source over its rate gets 429 with Retry-After; the events it sent meanwhile are not accepted. */
@QuarkusTest
@TestSecurity(user = "svc", roles = "ingest")
class RateLimitTest {

    @Inject
    SourceRegistry sources;

    @Test
    void overItsRateASourceGets429WithRetryAfter() {
        String source = "it-rate-" + UUID.randomUUID().toString().substring(0, 8);
        sources.put(new SourceDefinition(source, "erp", "generic", List.of(),
                Map.of("rateLimit", Map.of("perSecond", 1, "burst", 2)), List.of(), List.of(), null, null), 1);
        String event = """
                {"id":"%s","source":"%s","project":"erp","type":"audit.error","occurredAt":"%s"}""";
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();

        given().contentType(ContentType.JSON).body("[" + event.formatted("a", source, now) + "," + event.formatted("b", source, now) + "]")
                .when().post("/events").then().statusCode(202).body("accepted", equalTo(2));
        given().contentType(ContentType.JSON).body(event.formatted("c", source, now))
                .when().post("/events")
                .then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", notNullValue()).body("detail", containsString(source));
    }
}
