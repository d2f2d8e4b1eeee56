package io.pilotage.governance.support;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Requests as a demo user, with a real Keycloak token. */
public final class Api {

    /** YAML bodies ("KPIs as code") are sent as text. */
    private static final io.restassured.config.RestAssuredConfig CONFIG = io.restassured.RestAssured.config()
            .encoderConfig(io.restassured.config.EncoderConfig.encoderConfig()
                    .encodeContentTypeAs("application/yaml", ContentType.TEXT));

    private Api() {
    }

    public static RequestSpecification as(String username) {
        return given().config(CONFIG).log().ifValidationFails().auth().oauth2(Tokens.of(username)).contentType(ContentType.JSON);
    }

    /** A project key of this test's own. */
    public static String uniqueKey(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String projectJson(String key, String owner) {
        return """
                {"key": "%s", "name": "Test %s", "objective": "Measure things", "sponsor": "Direction des tests",
                 "owners": ["%s"], "status": "active"}""".formatted(key, key, owner);
    }

    /** Creates a project as admin, owned by {@code owner}. */
    public static void createProject(String key, String owner) {
        as("admin").body(projectJson(key, owner)).when().post("/projects").then().statusCode(201);
    }
}
