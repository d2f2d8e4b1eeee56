package io.pilotage.alerting.it;

import io.pilotage.contracts.definition.Direction;
import io.pilotage.contracts.definition.KpiDefinition;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

/** What the API tests share: real Keycloak tokens, a consumer known to evaluate, a KPI of the test's own. */
abstract class ApiTestBase {

    static final LocalDate LAST_MONTH = Harness.LAST_MONTH;
    static final LocalDate THIS_MONTH = Harness.THIS_MONTH;
    static String admin;
    static String owner;
    static String ownerMobile;
    static String analyst;
    private static int probedPort = -1;

    @BeforeAll
    static void tokens() {
        admin = Harness.token("admin");
        owner = Harness.token("owner");
        ownerMobile = Harness.token("owner-mobile");
        analyst = Harness.token("analyst");
    }

    /** Once per application start, with the application listening (RestAssured knows its port from here on). */
    @BeforeEach
    void consumerEvaluates() {
        // test-port=0: every application start (profile change) listens on a new port
        if (probedPort != io.restassured.RestAssured.port) {
            Harness.awaitEvaluating(() -> as(admin));
            probedPort = io.restassured.RestAssured.port;
        }
    }

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** A project of the test's own, owned by {@code owner}, with one KPI: higher is better, 80 / 70 / 60. */
    static KpiDefinition newKpi() {
        String project = Harness.newProject();
        KpiDefinition k = Harness.publishKpi(project, List.of("owner"), Direction.HIGHER_IS_BETTER, 80, 70, 60);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(admin).queryParam("project", project)
                .get("/alert-rules").then().statusCode(200).body("id", hasItem("threshold-critical")));
        return k;
    }
}
