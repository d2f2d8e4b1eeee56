package io.pilotage.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pilotage.gateway.support.FakeServices;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/** What the gateway answers itself: every error an RFC 9457 problem with the request id. */
@QuarkusTest
@WithTestResource(FakeServices.class)
class GatewayErrorsTest {

    @BeforeEach
    void reset() {
        FakeServices.resetAll();
    }

    @AfterEach
    void releaseSlowRequests() {
        FakeServices.kpiEngine().releaseSlowRequests();
    }

    @Test
    void unknownRouteIsA404Problem() {
        given()
                .header("X-Request-Id", "req-404")
                .when().get("/nothing/here")
                .then().statusCode(404)
                .header("X-Request-Id", "req-404")
                .contentType("application/problem+json")
                .body("type", equalTo("https://pilotage.io/problems/not-found"))
                .body("title", equalTo("Not found"))
                .body("status", equalTo(404))
                .body("detail", equalTo("No Pilotage API route for GET /nothing/here."))
                .body("instance", equalTo("/nothing/here"))
                .body("requestId", equalTo("req-404"));
    }

    @Test
    void quarkusInternalsAreNotExposed() {
        given().when().get("/q/dev-ui").then().statusCode(404).contentType("application/problem+json");
        given().when().get("/q/arc").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "owner", roles = "project-owner")
    void downUpstreamIsA503ProblemWithRetryAfter() {
        given()
                .when().get("/alerts?project=erp")
                .then().statusCode(503)
                .header("Retry-After", "5")
                .contentType("application/problem+json")
                .body("type", equalTo("https://pilotage.io/problems/unavailable"))
                .body("title", equalTo("Service unavailable"))
                .body("status", equalTo(503))
                .body("detail", equalTo("The alerting service is not reachable (connection refused). Try again later."))
                .body("instance", equalTo("/alerts"));
    }

    @Test
    @TestSecurity(user = "ana", roles = "analyst")
    void slowUpstreamIsA504Problem() {
        long start = System.nanoTime();
        given()
                .when().get("/kpis/mobile.mau/slow")
                .then().statusCode(504)
                .contentType("application/problem+json")
                .body("type", equalTo("https://pilotage.io/problems/timeout"))
                .body("detail", equalTo("The kpi-engine service did not answer within 1000 ms."));
        assertThat((System.nanoTime() - start) / 1_000_000).isBetween(900L, 10_000L);
        assertThat(FakeServices.kpiEngine().single().uri()).isEqualTo("/kpis/mobile.mau/slow");
    }

    @Test
    @TestSecurity(user = "ingestor", roles = "ingest")
    void announcedOversizedBodyIsA413ProblemWithoutForwarding() {
        given()
                .contentType("application/x-ndjson")
                .body(new byte[1024 * 1024 + 1])
                .when().post("/events")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("https://pilotage.io/problems/payload-too-large"))
                .body("detail", equalTo("The request body exceeds the limit of 1048576 bytes."));
        assertThat(FakeServices.ingestion().received()).isEmpty();
    }

    @Test
    void aSourceAdaptersSecretPathIsNotEchoedInProblems() {
        given()
                .contentType("application/json")
                .body(new byte[1024 * 1024 + 1])
                .when().post("/sources/odoo-prod/odoo/s3cr3t")
                .then().statusCode(413)
                .body("instance", equalTo("/sources/{source}/{odoo|ga4|qradar}/**"))
                .body("detail", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("s3cr3t")));
    }

    @Test
    void streamedOversizedBodyIsA413Problem() throws InterruptedException {
        double before = rejectedTooLarge();
        byte[] body = new byte[2 * 1024 * 1024];
        HttpRequest request = HttpRequest.newBuilder(GatewayForwardingTest.gateway("/events"))
                .version(HttpClient.Version.HTTP_1_1)
                .header("Authorization", "Bearer " + FakeServices.oidc().token("ingest"))
                .header("Content-Type", "application/x-ndjson")
                // no Content-Length: sent chunked, so only counting the bytes can catch it
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();

        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.body()).contains("https://pilotage.io/problems/payload-too-large");
        } catch (IOException closedWhileStillSending) {
            // the gateway answers 413 and closes the connection; a client still sending may only see the close
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> rejectedTooLarge() == before + 1);
        assertThat(FakeServices.ingestion().received())
                .allSatisfy(partial -> assertThat(partial.body().length).isLessThanOrEqualTo(1024 * 1024));
    }

    private static double rejectedTooLarge() {
        String metrics = io.pilotage.gateway.support.Management.management().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(line -> line.startsWith("pilotage_gateway_rejected_total{reason=\"too_large\"}"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }

    @Test
    void encodedSlashesAreA400Problem() {
        given()
                .urlEncodingEnabled(false)
                .when().get("/kpis/a%2F..%2F..%2Faudit")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://pilotage.io/problems/bad-request"))
                .body("detail", startsWith("The path contains an encoded '/'"));
    }
}
