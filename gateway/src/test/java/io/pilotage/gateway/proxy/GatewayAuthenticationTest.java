package io.pilotage.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pilotage.gateway.support.FakeServices;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * Every way a request can fail authentication is answered with an RFC 9457 problem (never
 * Quarkus' bare 401), and nothing reaches a service. Tokens are real RS256 JWTs verified by
 * quarkus-oidc against the fake realm's JWKS.
 */
@QuarkusTest
@WithTestResource(FakeServices.class)
class GatewayAuthenticationTest {

    @BeforeEach
    void reset() {
        FakeServices.resetAll();
    }

    @Test
    void noTokenIsA401Problem() {
        given()
                .when().get("/kpis")
                .then().statusCode(401)
                .header("WWW-Authenticate", "Bearer realm=\"pilotage\"")
                .header("Cache-Control", "no-store")
                .contentType("application/problem+json")
                .body("type", equalTo("https://pilotage.io/problems/unauthenticated"))
                .body("title", equalTo("Authentication required"))
                .body("status", equalTo(401))
                .body("detail", equalTo("GET /kpis requires a bearer token: send 'Authorization: Bearer <access token>' "
                        + "with an access token of the Pilotage realm."))
                .body("instance", equalTo("/kpis"))
                .body("requestId", matchesPattern("[0-9a-f-]{36}"));
        assertNothingForwarded();
    }

    @Test
    void anotherAuthorizationSchemeIsNoToken() {
        given()
                .header("Authorization", "Basic YWRtaW46YWRtaW4tcGFzcw==")
                .when().delete("/projects/erp")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("https://pilotage.io/problems/unauthenticated"))
                .body("instance", equalTo("/projects/erp"));
        assertNothingForwarded();
    }

    @Test
    void garbageTokenIsA401Problem() {
        invalidToken("not-a-jwt")
                .body("detail", containsString("not a valid access token"));
    }

    @Test
    void expiredTokenIsA401Problem() {
        invalidToken(FakeServices.oidc().expiredToken("admin"))
                .body("detail", equalTo("The bearer token has expired: get a new access token."));
    }

    @Test
    void tokenForAnotherAudienceIsA401Problem() {
        invalidToken(FakeServices.oidc().token(claims -> {
            claims.put("aud", List.of("account", "some-other-api"));
            claims.put("realm_access", Map.of("roles", List.of("admin")));
        })).body("detail", containsString("not issued for this API"));
    }

    @Test
    void tokenWithoutAudienceIsA401Problem() {
        invalidToken(FakeServices.oidc().token(claims -> {
            claims.remove("aud");
            claims.put("realm_access", Map.of("roles", List.of("admin")));
        })).body("detail", containsString("not issued for this API"));
    }

    @Test
    void tokenFromAnotherIssuerIsA401Problem() {
        invalidToken(FakeServices.oidc().token(claims -> {
            claims.put("iss", "http://127.0.0.1:1/realms/elsewhere");
            claims.put("realm_access", Map.of("roles", List.of("admin")));
        })).body("detail", containsString("not issued by the Pilotage realm"));
    }

    @Test
    void tokenSignedByAnotherKeyIsA401Problem() {
        invalidToken(FakeServices.oidc().tokenSignedByAnotherKey("admin"));
    }

    @Test
    void tamperedClaimsAreA401Problem() {
        String genuine = FakeServices.oidc().token("analyst");
        String[] parts = genuine.split("\\.");
        String forgedClaims = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1])).replace("\"analyst\"", "\"admin\"").getBytes());
        invalidToken(parts[0] + "." + forgedClaims + "." + parts[2]);
    }

    @Test
    void aValidTokenGoesThrough() {
        given()
                .header("Authorization", "Bearer " + FakeServices.oidc().token("admin"))
                .when().post("/kpis/mobile.mau/recompute")
                .then().statusCode(202);
        assertThat(FakeServices.kpiEngine().single().uri()).isEqualTo("/kpis/mobile.mau/recompute");
    }

    @Test
    void aValidTokenWithoutAPilotageRoleIsForbidden() {
        given()
                .header("Authorization", "Bearer " + FakeServices.oidc().token("offline_access", "uma_authorization"))
                .when().get("/kpis")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://pilotage.io/problems/forbidden"))
                .body("detail", equalTo("GET /kpis requires one of the roles admin, analyst, committee, project-owner; "
                        + "the token has no Pilotage role."));
        assertNothingForwarded();
    }

    @Test
    void rolesComeFromTheRealmAccessClaim() {
        given()
                .header("Authorization", "Bearer " + FakeServices.oidc().token(claims -> {
                    claims.put("realm_access", Map.of("roles", List.of("analyst")));
                    claims.put("resource_access", Map.of("pilotage-web", Map.of("roles", List.of("admin"))));
                    claims.put("groups", List.of("admin"));
                }))
                .when().post("/kpis/mobile.mau/recompute")
                .then().statusCode(403)
                .body("detail", containsString("the token has the roles analyst"));
        assertNothingForwarded();
    }

    private ValidatableResponse invalidToken(String token) {
        ValidatableResponse response = given()
                .header("Authorization", "Bearer " + token)
                .when().get("/kpis/mobile.mau/values")
                .then().statusCode(401)
                .header("WWW-Authenticate", "Bearer realm=\"pilotage\", error=\"invalid_token\"")
                .contentType("application/problem+json")
                .body("type", equalTo("https://pilotage.io/problems/invalid-token"))
                .body("title", equalTo("Invalid bearer token"))
                .body("status", equalTo(401))
                .body("instance", equalTo("/kpis/mobile.mau/values"))
                .body("detail", org.hamcrest.Matchers.not(containsString(token)));
        assertNothingForwarded();
        return response;
    }

    private static void assertNothingForwarded() {
        assertThat(FakeServices.ingestion().received()).isEmpty();
        assertThat(FakeServices.kpiEngine().received()).isEmpty();
        assertThat(FakeServices.governance().received()).isEmpty();
    }
}
