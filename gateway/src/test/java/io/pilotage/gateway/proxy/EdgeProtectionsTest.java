package io.pilotage.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pilotage.gateway.support.FakeServices;
import io.pilotage.gateway.support.RecordingUpstream.Received;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * What the edge adds to every request: its own X-Forwarded-* headers, security headers, CORS for
 * browsers, problems for 405 and 415 (but not for Splunk HEC's bodies; 429: {@link HttpsAndRateLimitTest}).
 */
@QuarkusTest
@WithTestResource(FakeServices.class)
class EdgeProtectionsTest {

    @BeforeEach
    void reset() {
        FakeServices.resetAll();
    }

    @Test
    void theClientsForwardedHeadersAreReplacedByTheGatewaysOwn() {
        given().header("Authorization", "Bearer " + FakeServices.oidc().token("analyst"))
                .header("X-Forwarded-For", "10.6.6.6")
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "evil.example")
                .header("X-Real-IP", "10.6.6.6")
                .header("Forwarded", "for=10.6.6.6;proto=https")
                .when().get("/kpis").then().statusCode(200);

        Received received = FakeServices.kpiEngine().single();
        assertThat(received.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
        assertThat(received.header("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(received.header("X-Forwarded-Host")).doesNotContain("evil.example");
        assertThat(received.header("X-Real-IP")).isNull();
        assertThat(received.header("Forwarded")).isNull();
    }

    @Test
    void everyResponseCarriesSecurityHeaders() {
        for (Response response : new Response[] {
                given().header("Authorization", "Bearer " + FakeServices.oidc().token("analyst")).get("/kpis"),
                given().get("/kpis"),
                given().get("/nothing-here"),
                given().get("/q/health/live")}) {
            assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(response.header("Content-Security-Policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'");
            assertThat(response.header("Strict-Transport-Security")).as("plain HTTP").isNull();
        }
    }

    @Test
    void aMethodNoRouteAcceptsOnAKnownPathIsA405ProblemWithAllow() {
        given().when().delete("/openapi").then().statusCode(405)
                .contentType("application/problem+json")
                .header("Allow", "GET, HEAD")
                .body("type", equalTo("https://pilotage.io/problems/method-not-allowed"))
                .body("status", equalTo(405))
                .body("requestId", notNullValue());
        given().when().get("/services/collector/event").then().statusCode(405).header("Allow", "POST");
    }

    @Test
    void aContentTypeThatIsNoMediaTypeIsA415ProblemAndGoesNoFurther() {
        for (String contentType : new String[] {"garbage", "*/*", "application/*"}) {
            given().header("Authorization", "Bearer " + FakeServices.oidc().token("admin")).header("Content-Type", contentType)
                    .body("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)).when().post("/projects/erp/kpis").then().statusCode(415)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://pilotage.io/problems/unsupported-media-type"));
        }
        assertThat(FakeServices.governance().received()).isEmpty();
    }

    @Test
    void aBodyWithoutContentTypeIsA415Problem() throws Exception {
        // java.net.http sends no Content-Type unless told (RestAssured always adds one)
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + io.restassured.RestAssured.port + "/events"))
                        .header("Authorization", "Bearer " + FakeServices.oidc().token("ingest"))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("https://pilotage.io/problems/unsupported-media-type").contains("Content-Type");
        assertThat(FakeServices.ingestion().received()).isEmpty();
    }

    @Test
    void splunkHecTakesABodyWithoutContentTypeAsHecDoes() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + io.restassured.RestAssured.port;
        java.net.http.HttpResponse<String> event = client.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/services/collector/event"))
                        .header("Authorization", "Splunk 3f2c9a1e-hec-token")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"event\":\"x\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        // chunked, without a length either
        java.net.http.HttpResponse<String> raw = client.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/services/collector/raw?sourcetype=access"))
                        .header("Authorization", "Splunk 3f2c9a1e-hec-token")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                                () -> new java.io.ByteArrayInputStream("line one\nline two\n".getBytes()))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(event.statusCode()).isEqualTo(202);
        assertThat(raw.statusCode()).isEqualTo(202);
        assertThat(FakeServices.ingestion().received()).hasSize(2).allSatisfy(r -> {
            assertThat(r.header("Content-Type")).isNull();
            assertThat(r.header("Authorization")).isEqualTo("Splunk 3f2c9a1e-hec-token");
        });
        assertThat(FakeServices.ingestion().received()).extracting(Received::bodyText)
                .containsExactlyInAnyOrder("{\"event\":\"x\"}", "line one\nline two\n");
        assertThat(FakeServices.ingestion().received()).extracting(Received::uri)
                .containsExactlyInAnyOrder("/services/collector/event", "/services/collector/raw?sourcetype=access");
        // the exemption is HEC's alone: another source adapter still says what its body is
        java.net.http.HttpResponse<String> odoo = client.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/sources/odoo-prod/odoo/s3cr3t-segment"))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(odoo.statusCode()).isEqualTo(415);
        assertThat(FakeServices.ingestion().received()).hasSize(2);
    }

    @Test
    void corsPreflightFromAnAllowedOriginIsAnsweredWithoutAToken() {
        given().header("Origin", FakeServices.BROWSER_ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .when().options("/events").then().statusCode(200)
                .header("Access-Control-Allow-Origin", FakeServices.BROWSER_ORIGIN)
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Headers", containsString("Authorization"));
        given().header("Authorization", "Bearer " + FakeServices.oidc().token("analyst"))
                .header("Origin", FakeServices.BROWSER_ORIGIN)
                .when().get("/kpis").then().statusCode(200)
                .header("Access-Control-Allow-Origin", FakeServices.BROWSER_ORIGIN)
                .header("Access-Control-Expose-Headers", containsString("X-Request-Id"));
    }

    @Test
    void corsRefusesOtherOrigins() {
        given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .when().options("/events").then()
                .header("Access-Control-Allow-Origin", nullValue());
    }
}
