package io.pilotage.governance.support;

import org.eclipse.microprofile.config.ConfigProvider;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static io.restassured.RestAssured.given;

/**
 * Real access tokens of the demo users from the harness' Keycloak (realm {@code pilotage}, public
 * client {@code pilotage-web}, password {@code <user>-pass}), cached for the test run.
 */
public final class Tokens {

    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private Tokens() {
    }

    public static String of(String username) {
        return CACHE.computeIfAbsent(username, Tokens::fetch);
    }

    private static String fetch(String username) {
        String realm = ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class);
        return given().formParam("grant_type", "password").formParam("client_id", "pilotage-web")
                .formParam("username", username).formParam("password", username + "-pass")
                .when().post(realm + "/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }
}
