package io.pilotage.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import io.pilotage.contracts.JsonCodec;
import io.restassured.response.Response;

/**
 * The realm: the production base is hardened (and ships no user, no secret, no password grant),
 * and the running realm (base + dev overlay) behaves so: exact redirect URIs, PKCE required,
 * brute-force lockout, a generated master admin password.
 */
@ExtendWith(PilotageStack.class)
class KeycloakRealmIT {

    private static JsonNode base() throws IOException {
        Path file = Path.of(PilotageStack.variable("PILOTAGE_ROOT"), "infra", "keycloak", "realm-base.json");
        return JsonCodec.mapper().readTree(file.toFile());
    }

    private static JsonNode client(JsonNode realm, String clientId) {
        for (JsonNode client : realm.path("clients")) {
            if (client.path("clientId").asText().equals(clientId)) {
                return client;
            }
        }
        throw new AssertionError("no client " + clientId);
    }

    @Test
    void theProductionBaseIsHardenedAndShipsNoUserNorSecret() throws IOException {
        JsonNode realm = base();
        assertThat(realm.path("sslRequired").asText()).isEqualTo("external");
        assertThat(realm.path("bruteForceProtected").asBoolean()).isTrue();
        assertThat(realm.path("accessTokenLifespan").asInt()).isBetween(60, 900);
        assertThat(realm.path("revokeRefreshToken").asBoolean()).isTrue();
        assertThat(realm.has("users")).as("no users in the base").isFalse();
        List<String> roles = new ArrayList<>();
        realm.path("roles").path("realm").forEach(r -> roles.add(r.path("name").asText()));
        assertThat(roles).containsExactlyInAnyOrder("admin", "committee", "project-owner", "analyst", "ingest");
        for (JsonNode client : realm.path("clients")) {
            String id = client.path("clientId").asText();
            assertThat(client.has("secret")).as(id + " has no secret in the base").isFalse();
            assertThat(client.path("directAccessGrantsEnabled").asBoolean()).as(id + ": no password grant").isFalse();
            assertThat(client.path("implicitFlowEnabled").asBoolean()).as(id + ": no implicit flow").isFalse();
            client.path("redirectUris").forEach(uri -> assertThat(uri.asText()).as(id).doesNotContain("*"));
            client.path("webOrigins").forEach(origin -> assertThat(origin.asText()).as(id).doesNotContain("*"));
        }
        JsonNode web = client(realm, "pilotage-web");
        assertThat(web.path("publicClient").asBoolean()).isTrue();
        assertThat(web.path("attributes").path("pkce.code.challenge.method").asText()).isEqualTo("S256");
        assertThat(web.path("redirectUris")).isNotEmpty();
    }

    private static String authorize(String redirectUri, boolean pkce) {
        var request = given().redirects().follow(false)
                .queryParam("client_id", "pilotage-web").queryParam("response_type", "code")
                .queryParam("scope", "openid").queryParam("redirect_uri", redirectUri);
        if (pkce) {
            request.queryParam("code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
                    .queryParam("code_challenge_method", "S256");
        }
        Response response = request.get(PilotageStack.oidcUrl() + "/protocol/openid-connect/auth");
        return response.statusCode() + " " + (response.header("Location") == null ? "" : response.header("Location"));
    }

    @Test
    void theBrowserClientTakesOnlyItsExactRedirectUriAndRequiresPkce() {
        String swaggerRedirect = PilotageStack.variable("PILOTAGE_PUBLIC_URL") + "/swagger-ui/oauth2-redirect.html";
        assertThat(authorize("https://evil.example/swagger-ui/oauth2-redirect.html", true)).startsWith("400");
        assertThat(authorize(swaggerRedirect + "/../../steal", true)).startsWith("400");
        assertThat(authorize(swaggerRedirect, false)).startsWith("302").contains("error=invalid_request")
                .contains("code_challenge");
        assertThat(authorize(swaggerRedirect, true)).startsWith("200"); // the login page
    }

    @Test
    void repeatedWrongPasswordsLockTheAccount() {
        String token = PilotageStack.oidcUrl() + "/protocol/openid-connect/token";
        java.util.function.Function<String, Response> login = password -> given()
                .formParam("grant_type", "password").formParam("client_id", "pilotage-web")
                .formParam("username", "lockout-probe").formParam("password", password).post(token);
        // the account works (a fresh instance: the test locks it for a while)
        assertThat(login.apply("lockout-probe-pass").statusCode()).isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            login.apply("wrong-" + i).then().statusCode(400).body("error", org.hamcrest.Matchers.equalTo("invalid_grant"));
        }
        // now even the right password is refused, for a while
        login.apply("lockout-probe-pass").then().statusCode(400).body("error", org.hamcrest.Matchers.equalTo("invalid_grant"));
    }

    @Test
    void theMasterAdminHasAGeneratedPasswordNotAdmin() {
        String master = PilotageStack.variable("PILOTAGE_KEYCLOAK_URL") + "/realms/master/protocol/openid-connect/token";
        given().formParam("grant_type", "password").formParam("client_id", "admin-cli")
                .formParam("username", "admin").formParam("password", "admin")
                .post(master).then().statusCode(400).body("error", org.hamcrest.Matchers.equalTo("invalid_grant"));
        assertThat(PilotageStack.variable("PILOTAGE_KEYCLOAK_ADMIN_PASSWORD")).hasSizeGreaterThanOrEqualTo(32);
        given().formParam("grant_type", "password").formParam("client_id", "admin-cli")
                .formParam("username", PilotageStack.variable("PILOTAGE_KEYCLOAK_ADMIN"))
                .formParam("password", PilotageStack.variable("PILOTAGE_KEYCLOAK_ADMIN_PASSWORD"))
                .post(master).then().statusCode(200);
    }
}
