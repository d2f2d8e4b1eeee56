package io.pilotage.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pilotage.gateway.support.FakeServices;
import io.pilotage.gateway.support.RecordingUpstream.Received;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Given a certificate (here a freshly generated self-signed one), the gateway serves HTTPS; and,
 * with the same profile (one restart fewer), per-client rate limits set low enough to reach.
 */
@QuarkusTest
@TestProfile(HttpsAndRateLimitTest.WithCertificateAndLowRateLimits.class)
@WithTestResource(FakeServices.class)
class HttpsAndRateLimitTest {

    /** Generates a self-signed certificate with the JDK's keytool and hands it to the gateway; 2 requests/s, burst 3. */
    public static class WithCertificateAndLowRateLimits implements QuarkusTestProfile {
        static final String PASSWORD = "test-only-keystore";

        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path dir = Files.createTempDirectory("gateway-tls");
                Path keystore = dir.resolve("gateway.p12");
                Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
                Process p = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "gateway",
                        "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2", "-dname", "CN=localhost",
                        "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                        "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD))
                        .redirectErrorStream(true).start();
                String output = new String(p.getInputStream().readAllBytes());
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IllegalStateException("keytool failed: " + output);
                }
                return Map.of(
                        "pilotage.gateway.rate-limit.requests-per-second", "2",
                        "pilotage.gateway.rate-limit.burst", "3",
                        "quarkus.http.ssl.certificate.key-store-file", keystore.toString(),
                        "quarkus.http.ssl.certificate.key-store-password", PASSWORD,
                        "quarkus.http.ssl.certificate.key-store-file-type", "PKCS12");
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @TestHTTPResource(value = "/", tls = true)
    URL https;

    @BeforeEach
    void reset() {
        FakeServices.resetAll();
    }

    @Test
    void servesTheApiOverHttpsWithHstsAndTellsTheServiceTheSchemeWasHttps() {
        assertThat(https.getProtocol()).isEqualTo("https");
        given().baseUri("https://localhost").port(https.getPort()).relaxedHTTPSValidation()
                .header("Authorization", "Bearer " + FakeServices.oidc().token("analyst"))
                .when().get("/kpis").then().statusCode(200)
                .header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        Received received = FakeServices.kpiEngine().single();
        assertThat(received.header("X-Forwarded-Proto")).isEqualTo("https");

        given().baseUri("https://localhost").port(https.getPort()).relaxedHTTPSValidation()
                .when().get("/kpis").then().statusCode(401)
                .body("type", equalTo("https://pilotage.io/problems/unauthenticated"));
    }

    @Test
    void aClientOverItsRateGetsA429ProblemWithRetryAfterWhileOthersGoOn() {
        String greedy = FakeServices.oidc().token(claims -> {
            claims.put("sub", "greedy-client");
            claims.put("realm_access", Map.of("roles", List.of("analyst")));
        });
        Response refused = null;
        for (int i = 0; i < 20 && refused == null; i++) {
            Response response = given().header("Authorization", "Bearer " + greedy).get("/kpis");
            if (response.statusCode() == 429) {
                refused = response;
            } else {
                assertThat(response.statusCode()).isEqualTo(200);
            }
        }
        assertThat(refused).as("a 429 once the burst of 3 is spent at 2 requests/s").isNotNull();
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(refused.jsonPath().getString("type")).isEqualTo("https://pilotage.io/problems/too-many-requests");
        assertThat(refused.jsonPath().getInt("status")).isEqualTo(429);
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 2L);
        // another client is not affected
        given().header("Authorization", "Bearer " + FakeServices.oidc().token("analyst"))
                .get("/kpis").then().statusCode(200);
    }
}
