package io.pilotage.ingestion.support;

import org.eclipse.microprofile.config.ConfigProvider;

import static io.restassured.RestAssured.given;

/** Real access tokens of the harness' Keycloak demo users (password grant of {@code pilotage-web}, password {@code <user>-pass}). */
public final class Tokens {

    private Tokens() {
    }

    public static String of(String user) {
        String endpoint = ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class)
                + "/protocol/openid-connect/token";
        return given().formParam("grant_type", "password").formParam("client_id", "pilotage-web")
                .formParam("username", user).formParam("password", user + "-pass")
                .when().post(endpoint).then().statusCode(200).extract().path("access_token");
    }

    /** The {@code Authorization} header's value for {@code user}. */
    public static String bearer(String user) {
        return "Bearer " + of(user);
    }
}
