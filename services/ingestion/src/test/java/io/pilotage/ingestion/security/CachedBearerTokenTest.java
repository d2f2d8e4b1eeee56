package io.pilotage.ingestion.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The verified-token cache with real tokens of the harness' Keycloak: a token verified once is
 * answered from the cache and still authorizes exactly what its roles allow; a token with a wrong
 * signature is refused although the genuine one is cached; an expired token is refused although it
 * was cached.
 */
@QuarkusTest
class CachedBearerTokenTest {

    @Inject
    VerifiedTokenIdentities identities;

    private static String tokenEndpoint() {
        return ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class)
                + "/protocol/openid-connect/token";
    }

    private static String clientToken(String client, String secret) {
        return given().formParam("grant_type", "client_credentials").formParam("client_id", client)
                .formParam("client_secret", secret)
                .when().post(tokenEndpoint()).then().statusCode(200).extract().path("access_token");
    }

    private static String userToken(String user) {
        return given().formParam("grant_type", "password").formParam("client_id", "pilotage-web")
                .formParam("username", user).formParam("password", user + "-pass")
                .when().post(tokenEndpoint()).then().statusCode(200).extract().path("access_token");
    }

    private static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    private static String event() {
        String id = "token-cache-" + UUID.randomUUID();
        return """
                {"id":"%s","source":"it-token-cache","project":"erp","type":"audit.checked","occurredAt":"%s"}"""
                .formatted(id, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    private static int postEvent(String token) {
        return as(token).contentType(ContentType.JSON).body(event()).when().post("/events").then().extract().statusCode();
    }

    @Test
    void aCachedTokenStillAuthorizesWhatItsRolesAllowAndNothingMore() {
        String ingest = clientToken("pilotage-ingest-client", "ingest-client-dev-secret");
        long hits = identities.cache().hits();

        assertThat(postEvent(ingest)).isEqualTo(202);
        assertThat(postEvent(ingest)).isEqualTo(202);
        // role ingest may not read the quarantine, from the cache as well
        as(ingest).when().get("/quarantine?limit=1").then().statusCode(403);
        assertThat(identities.cache().hits() - hits).isGreaterThanOrEqualTo(2);

        String analyst = userToken("analyst");
        as(analyst).when().get("/quarantine?limit=1").then().statusCode(200);
        long analystHits = identities.cache().hits();
        as(analyst).when().get("/quarantine?limit=1").then().statusCode(200);
        // an analyst may read, never ingest: the cached identity has the analyst's roles only
        assertThat(postEvent(analyst)).isEqualTo(403);
        assertThat(identities.cache().hits() - analystHits).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aWrongSignatureIsRefusedWhileTheGenuineTokenIsCached() {
        String genuine = clientToken("pilotage-ingest-client", "ingest-client-dev-secret");
        assertThat(postEvent(genuine)).isEqualTo(202);
        assertThat(postEvent(genuine)).isEqualTo(202);

        String[] parts = genuine.split("\\.");
        String otherKey = resignedWithAnotherKey(parts[0] + "." + parts[1]);
        String claimsWithAnotherSignature = parts[0] + "." + parts[1] + "." + flipped(parts[2]);
        for (String forged : new String[] {otherKey, claimsWithAnotherSignature}) {
            as(forged).contentType(ContentType.JSON).body(event()).when().post("/events")
                    .then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
            // refusals are never remembered: the same forgery is refused again
            assertThat(postEvent(forged)).isEqualTo(401);
        }
        assertThat(postEvent(genuine)).isEqualTo(202);
    }

    @Test
    void anExpiredTokenIsRefusedAlthoughItWasCached() {
        // a client whose tokens live 2 s (role admin); its first use verifies it, and a verified
        // token is remembered until its exp
        String shortLived = clientToken("pilotage-test-short-lived", "short-lived-dev-secret");
        assertThat(postEvent(shortLived)).isEqualTo(202);

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> postEvent(shortLived) == 401);
        // and stays refused: not from the cache, not from anything else
        assertThat(postEvent(shortLived)).isEqualTo(401);
        assertThat(identities.cache().find(shortLived)).isNull();
    }

    private static String flipped(String base64UrlSignature) {
        byte[] signature = Base64.getUrlDecoder().decode(base64UrlSignature);
        signature[signature.length / 2] ^= 0x01;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }

    private static String resignedWithAnotherKey(String signingInput) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(generator.generateKeyPair().getPrivate());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
