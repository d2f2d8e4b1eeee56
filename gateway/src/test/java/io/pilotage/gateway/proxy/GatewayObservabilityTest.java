package io.pilotage.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.pilotage.gateway.support.FakeServices;
import io.pilotage.gateway.support.Management;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Health, metrics and the aggregated OpenAPI document: anonymous, served by the gateway. */
@QuarkusTest
@WithTestResource(FakeServices.class)
class GatewayObservabilityTest {

    @Test
    void livenessAndReadinessAreAnonymous() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("oidc-provider"));
        given().when().get("/q/health").then().statusCode(200);
    }

    @Test
    void metricsAreTaggedWithTheRouteTemplateNotThePath() {
        given().header("Authorization", "Bearer " + FakeServices.oidc().token("analyst"))
                .when().get("/kpis/erp.uptime/values").then().statusCode(200);
        given().when().get("/kpis/erp.uptime/values").then().statusCode(401);

        Management.management().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count{method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/kpis/**\"}"))
                .body(containsString("pilotage_gateway_upstream_seconds_count{outcome=\"2xx\",service=\"kpi-engine\"}"))
                .body(containsString("pilotage_gateway_rejected_total{reason=\"unauthenticated\"}"))
                .body(not(containsString("erp.uptime")));
    }

    @Test
    void metricsAreNotServedOnThePublicPort() {
        given().when().get("/q/metrics").then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://pilotage.io/problems/not-found"));
        given().header("Authorization", "Bearer " + FakeServices.oidc().token("admin"))
                .when().get("/q/metrics").then().statusCode(404);
        org.assertj.core.api.Assertions.assertThat(Management.port())
                .isNotEqualTo(io.restassured.RestAssured.port);
    }

    @Test
    void theSwaggerUiIsServedAndLogsInWithPkceAgainstTheRealm() {
        given().when().get("/swagger-ui/").then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("swagger-initializer.js"));
        given().when().get("/swagger-ui/swagger-initializer.js").then().statusCode(200)
                .body(containsString("usePkceWithAuthorizationCodeGrant: true"))
                .body(containsString("clientId: 'pilotage-web'"));
        given().when().get("/swagger-ui/swagger-ui-bundle.js").then().statusCode(200)
                .contentType(containsString("javascript"));
        given().when().get("/swagger-ui/oauth2-redirect.html").then().statusCode(200);
        given().when().get("/swagger-ui/../../etc/passwd").then().statusCode(404);
        given().when().get("/swagger-ui/nothing.js").then().statusCode(404)
                .contentType("application/problem+json");
        given().when().get("/openapi").then().statusCode(200)
                .body("components.securitySchemes.pilotage-login.type", equalTo("oauth2"))
                .body("components.securitySchemes.pilotage-login.flows.authorizationCode.authorizationUrl",
                        equalTo(FakeServices.oidc().realmUrl() + "/protocol/openid-connect/auth"));
    }

    @Test
    void openApiMergesTheServicesDocumentsKeepingOnlyWhatTheGatewayRoutesThere() {
        given().when().get("/openapi").then().statusCode(200)
                .contentType("application/json")
                .body("info.title", equalTo("Pilotage API"))
                .body("openapi", equalTo("3.1.0"))
                .body("paths", hasKey("/events"))
                .body("paths", hasKey("/kpis"))
                .body("paths.'/kpis/{key}/recompute'", hasKey("post"))
                .body("paths", hasKey("/projects/{project}/scorecard"))
                .body("paths", hasKey("/projects"))
                .body("paths.'/sources/{source}/odoo'", hasKey("post"))
                .body("paths.'/sources'", hasKey("post"))
                // ingestion's GET /sources/{source}/stats is not routed to ingestion: left out
                .body("paths", not(hasKey("/sources/{source}/stats")))
                .body("paths.'/sources/{source}'", hasKey("get"))
                .body("components.schemas", hasKey("Problem"))
                .body("components.securitySchemes.pilotage.scheme", equalTo("bearer"))
                .body("x-pilotage-unavailable", hasItem("alerting"));
        given().when().get("/q/openapi").then().statusCode(200).body("info.title", equalTo("Pilotage API"));
    }
}
