package io.pilotage.e2e;

import static io.restassured.RestAssured.given;

/** Real tokens from the harness' Keycloak (realm {@code pilotage}, see infra/keycloak). */
public final class Tokens {

    /** The service-account client with role {@code ingest}. */
    public static final String INGEST_CLIENT = "pilotage-ingest-client";
    public static final String INGEST_CLIENT_SECRET = "ingest-client-dev-secret";
    /** The public client people log in with (password grant enabled for the demo realm). */
    public static final String WEB_CLIENT = "pilotage-web";

    private Tokens() {
    }

    private static String tokenEndpoint() {
        return PilotageStack.oidcUrl() + "/protocol/openid-connect/token";
    }

    public static String ingestServiceAccount() {
        return given().formParam("grant_type", "client_credentials")
                .formParam("client_id", INGEST_CLIENT).formParam("client_secret", INGEST_CLIENT_SECRET)
                .when().post(tokenEndpoint())
                .then().statusCode(200).extract().path("access_token");
    }

    /** A demo user's token; demo passwords are {@code <username>-pass}. */
    public static String user(String username) {
        return given().formParam("grant_type", "password").formParam("client_id", WEB_CLIENT)
                .formParam("username", username).formParam("password", username + "-pass")
                .when().post(tokenEndpoint())
                .then().statusCode(200).extract().path("access_token");
    }
}
