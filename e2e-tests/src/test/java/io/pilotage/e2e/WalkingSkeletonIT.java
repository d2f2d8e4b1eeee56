package io.pilotage.e2e;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

/**
 * One event end to end, for real: a Keycloak token, the gateway, ingestion, Kafka, the KPI engine,
 * PostgreSQL, and back through the gateway.
 */
@ExtendWith(PilotageStack.class)
class WalkingSkeletonIT {

    private static String ingestToken;
    private static String analystToken;

    @BeforeAll
    static void tokens() {
        ingestToken = Tokens.ingestServiceAccount();
        analystToken = Tokens.user("analyst");
    }

    private static RequestSpecification gateway() {
        return given().baseUri(PilotageStack.gatewayUrl());
    }

    private static String auditError(String id, LocalDate day) {
        return """
                {"id":"%s","source":"e2e","project":"erp","type":"audit.error",
                 "occurredAt":"%sT11:00:00Z","entity":"audit/%s","subject":"awa.traore@example.ml"}"""
                .formatted(id, day, id);
    }

    @Test
    void anEventPostedThroughTheGatewayIsCountedAndReadBack() {
        // a day of its own, far in the past, so nothing else counts on it
        LocalDate day = LocalDate.of(2001, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(0, 8000));
        String id = "e2e-" + UUID.randomUUID();

        gateway().auth().oauth2(ingestToken).contentType(ContentType.JSON).body(auditError(id, day))
                .when().post("/events")
                .then().statusCode(202).body("id", equalTo(id)).body("status", equalTo("accepted"))
                .header("X-Request-Id", notNullValue());

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                gateway().auth().oauth2(analystToken)
                        .queryParam("granularity", "day").queryParam("from", day.toString()).queryParam("to", day.toString())
                        .when().get("/kpis/erp.audit_errors/values")
                        .then().statusCode(200).body("", hasSize(1))
                        .body("[0].kpi", equalTo("erp.audit_errors")).body("[0].value", equalTo(1.0f))
                        .body("[0].period.start", equalTo(day.toString())));
    }

    @Test
    void withoutATokenIt401s() {
        gateway().contentType(ContentType.JSON).body(auditError("e2e-" + UUID.randomUUID(), LocalDate.of(2001, 1, 1)))
                .when().post("/events")
                .then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
    }

    @Test
    void anAnalystPostingEventsIs403() {
        gateway().auth().oauth2(analystToken).contentType(ContentType.JSON)
                .body(auditError("e2e-" + UUID.randomUUID(), LocalDate.of(2001, 1, 1)))
                .when().post("/events")
                .then().statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
    }

    @Test
    void malformedJsonIs400Problem() {
        gateway().auth().oauth2(ingestToken).contentType(ContentType.JSON).body("{\"id\": \"broken\",")
                .when().post("/events")
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400)).body("detail", org.hamcrest.Matchers.startsWith("malformed JSON"));
    }

    @Test
    void theSeedProjectsAreServedByGovernance() {
        gateway().auth().oauth2(analystToken).queryParam("size", 500).when().get("/projects")
                .then().statusCode(200).body("key", org.hamcrest.Matchers.hasItems("erp", "mobile-app", "cybersecurity"));
    }
}
