package io.pilotage.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pilotage.contracts.JsonCodec;

/**
 * Every kind of caller the role-matrix tests need, with real tokens of the test instance's
 * Keycloak: the five roles, and the tokens that must all be refused (expired, another issuer,
 * another audience, another signing key, {@code alg: none}, a tampered payload).
 */
public final class Callers {

    /** A caller: a label, and the Authorization header value it sends (null: none). */
    public record Caller(String label, String role, String authorization) {
        boolean valid() {
            return role != null;
        }
    }

    private Callers() {
    }

    private static String tokenEndpoint(String realm) {
        return PilotageStack.variable("PILOTAGE_KEYCLOAK_URL") + "/realms/" + realm + "/protocol/openid-connect/token";
    }

    static String clientCredentials(String clientId, String secret) {
        return given().formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId).formParam("client_secret", secret)
                .when().post(tokenEndpoint("pilotage"))
                .then().statusCode(200).extract().path("access_token");
    }

    /** One caller per realm role (project-owner: user {@code owner}, who owns erp and cybersecurity). */
    public static Map<String, Caller> roles() {
        return Map.of(
                "admin", new Caller("admin", "admin", bearer(Tokens.user("admin"))),
                "committee", new Caller("committee", "committee", bearer(Tokens.user("committee"))),
                "project-owner", new Caller("project-owner (owner)", "project-owner", bearer(Tokens.user("owner"))),
                "analyst", new Caller("analyst", "analyst", bearer(Tokens.user("analyst"))),
                "ingest", new Caller("ingest (service account)", "ingest", bearer(Tokens.ingestServiceAccount())));
    }

    /** Callers that must get a 401 wherever a token is required. */
    public static java.util.List<Caller> refused() {
        String admin = Tokens.user("admin");
        return java.util.List.of(
                new Caller("no token", null, null),
                new Caller("not a bearer scheme", null, "Basic YWRtaW46YWRtaW4tcGFzcw=="),
                new Caller("expired token", null, bearer(expired())),
                new Caller("token of another issuer (master realm)", null, bearer(otherIssuer())),
                new Caller("token for another audience", null,
                        bearer(clientCredentials("pilotage-test-other-audience", "other-audience-dev-secret"))),
                new Caller("token signed by another key (same kid)", null, bearer(resignedWithAnotherKey(admin))),
                new Caller("alg none", null, bearer(algNone(admin))),
                new Caller("tampered payload (analyst made admin)", null, bearer(tampered(Tokens.user("analyst")))));
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    /** A real token of a client whose tokens live 2 s, once it has expired. */
    static String expired() {
        String token = clientCredentials("pilotage-test-short-lived", "short-lived-dev-secret");
        long exp = claims(token).get("exp").asLong();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> Instant.now().getEpochSecond() > exp + 1);
        return token;
    }

    /** A real token of the master realm's admin (another issuer, another key). */
    static String otherIssuer() {
        return given().formParam("grant_type", "password").formParam("client_id", "admin-cli")
                .formParam("username", PilotageStack.variable("PILOTAGE_KEYCLOAK_ADMIN"))
                .formParam("password", PilotageStack.variable("PILOTAGE_KEYCLOAK_ADMIN_PASSWORD"))
                .when().post(tokenEndpoint("master"))
                .then().statusCode(200).extract().path("access_token");
    }

    static String resignedWithAnotherKey(String token) {
        String signingInput = token.substring(0, token.lastIndexOf('.'));
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            PrivateKey key = generator.generateKeyPair().getPrivate();
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String algNone(String token) {
        String[] parts = token.split("\\.");
        ObjectNode header = (ObjectNode) json(parts[0]);
        header.put("alg", "none");
        return b64(JsonCodec.encode(header)) + "." + parts[1] + ".";
    }

    static String tampered(String token) {
        String[] parts = token.split("\\.");
        ObjectNode claims = (ObjectNode) json(parts[1]);
        ((ObjectNode) claims.get("realm_access")).putArray("roles").add("admin");
        return parts[0] + "." + b64(JsonCodec.encode(claims)) + "." + parts[2];
    }

    static JsonNode claims(String token) {
        return json(token.split("\\.")[1]);
    }

    private static JsonNode json(String base64Url) {
        try {
            return JsonCodec.mapper().readTree(Base64.getUrlDecoder().decode(base64Url));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
