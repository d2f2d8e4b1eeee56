package io.pilotage.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pilotage.gateway.support.FakeServices;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/**
 * The role matrix as the HTTP layer applies it, with identities from {@code @TestSecurity}
 * (the full matrix is {@code AccessPolicyTest}; tokens are {@code GatewayAuthenticationTest}).
 */
@QuarkusTest
@WithTestResource(FakeServices.class)
class GatewayAuthorizationTest {

    @BeforeEach
    void reset() {
        FakeServices.resetAll();
    }

    @Test
    @TestSecurity(user = "ingestor", roles = "ingest")
    void ingestCannotRead() {
        given()
                .when().get("/kpis")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://pilotage.io/problems/forbidden"))
                .body("title", equalTo("Forbidden"))
                .body("status", equalTo(403))
                .body("detail", equalTo("GET /kpis requires one of the roles admin, analyst, committee, project-owner; "
                        + "the token has the roles ingest."))
                .body("instance", equalTo("/kpis"));
        assertThat(FakeServices.kpiEngine().received()).isEmpty();
    }

    @Test
    @TestSecurity(user = "ingestor", roles = "ingest")
    void ingestPostsEvents() {
        given().contentType("application/json").body("{}")
                .when().post("/events")
                .then().statusCode(202);
        assertThat(FakeServices.ingestion().single().method()).isEqualTo("POST");
    }

    @Test
    @TestSecurity(user = "ana", roles = "analyst")
    void analystCannotRecompute() {
        given()
                .when().post("/kpis/mobile.mau/recompute")
                .then().statusCode(403)
                .body("detail", equalTo("POST /kpis/mobile.mau/recompute requires one of the roles admin; "
                        + "the token has the roles analyst."));
        assertThat(FakeServices.kpiEngine().received()).isEmpty();
    }

    @Test
    @TestSecurity(user = "ana", roles = "analyst")
    void analystReadsAndImportsCsv() {
        given().when().get("/portfolio/scorecard?period=2026-10").then().statusCode(200);
        given().contentType("text/csv").body("id,type\n1,x\n").when().post("/events/csv").then().statusCode(202);
        given().contentType("application/json").body("{}").when().post("/events").then().statusCode(403);
        assertThat(FakeServices.kpiEngine().single().uri()).isEqualTo("/portfolio/scorecard?period=2026-10");
        assertThat(FakeServices.ingestion().single().uri()).isEqualTo("/events/csv");
    }

    @Test
    @TestSecurity(user = "root", roles = "admin")
    void adminRecomputes() {
        given().when().post("/kpis/mobile.mau/recompute?from=2026-10-01&to=2026-10-31").then().statusCode(202);
        assertThat(FakeServices.kpiEngine().single().uri()).isEqualTo("/kpis/mobile.mau/recompute?from=2026-10-01&to=2026-10-31");
    }

    @Test
    @TestSecurity(user = "owner", roles = "project-owner")
    void projectOwnerEditsDefinitionsAndSourcesButNotProjects() {
        given().contentType("application/json").body("{}").when().put("/definitions/mobile.mau").then().statusCode(200);
        given().contentType("application/json").body("{}").when().post("/sources").then().statusCode(202);
        given().contentType("application/json").body("{}").when().put("/projects/erp").then().statusCode(403);
        given().contentType("application/json").body("{}").when().post("/reviews").then().statusCode(403);
        assertThat(FakeServices.governance().received()).extracting(r -> r.method() + " " + r.uri())
                .containsExactly("PUT /definitions/mobile.mau", "POST /sources");
    }

    @Test
    @TestSecurity(user = "owner", roles = "project-owner")
    void projectOwnerAcknowledgesAlerts() {
        // allowed, and forwarded to alerting, which is down in these tests
        given().when().post("/alerts/42/ack").then().statusCode(503);
    }

    @Test
    @TestSecurity(user = "chair", roles = "committee")
    void committeeRecordsReviewsButNotSilences() {
        given().contentType("application/json").body("{}").when().post("/reviews/2026-10/decisions").then().statusCode(202);
        given().contentType("application/json").body("{}").when().post("/actions").then().statusCode(202);
        given().contentType("application/json").body("{}").when().post("/silences").then().statusCode(403);
        given().when().delete("/definitions/mobile.mau").then().statusCode(403);
        assertThat(FakeServices.governance().received()).hasSize(2);
    }

    @Test
    @TestSecurity(user = "nobody", roles = "default-roles-pilotage")
    void aTokenWithoutAPilotageRoleReadsNothing() {
        given().when().get("/projects").then().statusCode(403)
                .body("detail", equalTo("GET /projects requires one of the roles admin, analyst, committee, project-owner; "
                        + "the token has no Pilotage role."));
    }
}
