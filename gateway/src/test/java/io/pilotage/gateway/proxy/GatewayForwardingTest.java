package io.pilotage.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pilotage.gateway.support.FakeServices;
import io.pilotage.gateway.support.RecordingUpstream;
import io.pilotage.gateway.support.RecordingUpstream.Received;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Requests that are allowed reach the right service exactly as the client sent them, and back. */
@QuarkusTest
@WithTestResource(FakeServices.class)
class GatewayForwardingTest {

    @BeforeEach
    void reset() {
        FakeServices.resetAll();
    }

    @Test
    void forwardsMethodPathQueryAndEndToEndHeadersWithTheToken() {
        String token = FakeServices.oidc().token("analyst");

        Response response = given()
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/csv")
                .header("X-Custom", "kept")
                .queryParam("project", "erp")
                .queryParam("from", "2026-10-01")
                .when().get("/kpis/mobile.mau/values")
                .then().statusCode(200)
                .header("X-Upstream", "kpi-engine")
                .body("service", equalTo("kpi-engine"))
                .extract().response();

        Received received = FakeServices.kpiEngine().single();
        assertThat(received.method()).isEqualTo("GET");
        assertThat(received.uri()).isEqualTo("/kpis/mobile.mau/values?project=erp&from=2026-10-01");
        assertThat(received.header("Authorization")).isEqualTo("Bearer " + token);
        assertThat(received.header("Accept")).isEqualTo("text/csv");
        assertThat(received.header("X-Custom")).isEqualTo("kept");
        assertThat(received.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
        assertThat(received.header("X-Forwarded-Proto")).isEqualTo("http");
        String requestId = received.header("X-Request-Id");
        assertThat(UUID.fromString(requestId).version()).isEqualTo(4);
        assertThat(response.header("X-Request-Id")).isEqualTo(requestId);
        assertThat(response.headers().getValues("Set-Cookie")).containsExactly("a=1", "b=2");
        assertThat(FakeServices.ingestion().received()).isEmpty();
        assertThat(FakeServices.governance().received()).isEmpty();
    }

    @Test
    void forwardsTheBodyAndRelaysTheUpstreamsStatusHeadersAndBody() {
        String body = "{\"id\":\"e-1\",\"source\":\"odoo-prod\",\"type\":\"document.validated\"}";

        given()
                .header("Authorization", "Bearer " + FakeServices.oidc().token("ingest"))
                .header("X-Request-Id", "client-req-42")
                .contentType("application/json")
                .body(body)
                .when().post("/events")
                .then().statusCode(202)
                .header("X-Request-Id", "client-req-42")
                .header("Content-Type", "application/json")
                .body("service", equalTo("ingestion"))
                .body("bodyLength", equalTo(body.length()));

        Received received = FakeServices.ingestion().single();
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.uri()).isEqualTo("/events");
        assertThat(received.bodyText()).isEqualTo(body);
        assertThat(received.header("Content-Type")).startsWith("application/json");
        assertThat(received.header("Content-Length")).isEqualTo(Integer.toString(body.length()));
        assertThat(received.header("X-Request-Id")).isEqualTo("client-req-42");
    }

    @Test
    void replacesAnInsaneRequestId() {
        Response response = given()
                .header("Authorization", "Bearer " + FakeServices.oidc().token("analyst"))
                .header("X-Request-Id", "<not sane>")
                .when().get("/projects")
                .then().statusCode(200)
                .extract().response();

        String forwarded = FakeServices.governance().single().header("X-Request-Id");
        assertThat(forwarded).isNotEqualTo("<not sane>");
        assertThat(UUID.fromString(forwarded)).isNotNull();
        assertThat(response.header("X-Request-Id")).isEqualTo(forwarded);
    }

    @Test
    void streamsAChunkedBodyUpstreamUnchanged() throws Exception {
        byte[] payload = new byte[512 * 1024];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 31 + 7);
        }
        HttpRequest request = HttpRequest.newBuilder(gateway("/events"))
                .version(HttpClient.Version.HTTP_1_1)
                .header("Authorization", "Bearer " + FakeServices.oidc().token("ingest"))
                .header("Content-Type", "application/x-ndjson")
                // an InputStream publisher without a known length: sent chunked
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(payload)))
                .build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(202);
        Received received = FakeServices.ingestion().single();
        assertThat(received.body()).isEqualTo(payload);
        assertThat(received.header("Content-Type")).isEqualTo("application/x-ndjson");
    }

    @Test
    void forwardsABodyReceivedOverHttp2() throws Exception {
        HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        // the first request upgrades the connection to HTTP/2 (h2c), the second one uses it
        http2.send(HttpRequest.newBuilder(gateway("/q/health/live")).build(), HttpResponse.BodyHandlers.discarding());
        HttpRequest request = HttpRequest.newBuilder(gateway("/events"))
                .header("Authorization", "Bearer " + FakeServices.oidc().token("ingest"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream("[{\"id\":\"h2\"}]".getBytes())))
                .build();

        HttpResponse<String> response = http2.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(FakeServices.ingestion().single().bodyText()).isEqualTo("[{\"id\":\"h2\"}]");
    }

    @Test
    void relaysAChunkedResponse() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(gateway("/kpis/export/chunked"))
                .header("Authorization", "Bearer " + FakeServices.oidc().token("analyst"))
                .build();

        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());

        assertThat(response.statusCode()).isEqualTo(200);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int i = 0; i < 64; i++) {
            expected.write(RecordingUpstream.kilobyte(i));
        }
        try (InputStream body = response.body()) {
            assertThat(body.readAllBytes()).isEqualTo(expected.toByteArray());
        }
    }

    @Test
    void dropsHopByHopHeaders() {
        given()
                .header("Authorization", "Bearer " + FakeServices.oidc().token("analyst"))
                .header("Connection", "keep-alive, X-Hop")
                .header("X-Hop", "secret for the next hop only")
                .header("Keep-Alive", "timeout=5")
                .header("Proxy-Authorization", "Basic Zm9vOmJhcg==")
                .header("TE", "trailers")
                .when().get("/portfolio/scorecard")
                .then().statusCode(200);

        Received received = FakeServices.kpiEngine().single();
        assertThat(received.headers()).doesNotContainKeys("x-hop", "keep-alive", "proxy-authorization", "te");
        assertThat(received.header("Host")).isEqualTo(FakeServices.kpiEngine().url().substring("http://".length()));
    }

    @Test
    void relaysUpstreamErrorsUnchanged() {
        given()
                .header("Authorization", "Bearer " + FakeServices.oidc().token("project-owner"))
                .contentType("application/json")
                .body("{}")
                .when().put("/definitions/mobile.mau/status/409")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:test:409"))
                .body("title", equalTo("Upstream says 409"));
    }

    @Test
    void relaysHeadWithoutABody() {
        given()
                .header("Authorization", "Bearer " + FakeServices.oidc().token("committee"))
                .when().head("/reviews/2026-10")
                .then().statusCode(200)
                .header("X-Upstream", "governance");

        assertThat(FakeServices.governance().single().method()).isEqualTo("HEAD");
    }

    @Test
    void sourceAdaptersPassThroughWithoutAToken() {
        String odoo = "{\"_action\":\"Send Webhook Notification(#12)\",\"_id\":4711,\"_model\":\"account.move\",\"id\":4711}";

        given()
                .contentType("application/json")
                .body(odoo)
                .when().post("/sources/odoo-prod/odoo/s3cr3t-segment")
                .then().statusCode(202);

        Received webhook = FakeServices.ingestion().single();
        assertThat(webhook.uri()).isEqualTo("/sources/odoo-prod/odoo/s3cr3t-segment");
        assertThat(webhook.bodyText()).isEqualTo(odoo);
        assertThat(webhook.header("Authorization")).isNull();
    }

    @Test
    void splunkHecKeepsItsOwnAuthorizationScheme() {
        given()
                .header("Authorization", "Splunk 3f2c9a1e-hec-token")
                .body("{\"event\":\"x\"}{\"event\":\"y\"}")
                .when().post("/services/collector/event")
                .then().statusCode(202);

        assertThat(FakeServices.ingestion().single().header("Authorization")).isEqualTo("Splunk 3f2c9a1e-hec-token");
    }

    @Test
    void forwardsTheNormalisedPathItAuthorised() {
        given()
                .header("Authorization", "Bearer " + FakeServices.oidc().token("analyst"))
                .urlEncodingEnabled(false)
                .when().get("/kpis/../audit/./entries")
                .then().statusCode(200)
                .header("X-Upstream", "governance");

        assertThat(FakeServices.governance().single().uri()).isEqualTo("/audit/entries");
        assertThat(FakeServices.kpiEngine().received()).isEmpty();
    }

    @Test
    void sourceAdaptersOnlyTakePost() {
        given()
                .when().get("/sources/odoo-prod/odoo")
                .then().statusCode(401)
                .body("instance", equalTo("/sources/odoo-prod/odoo"))
                .body("requestId", org.hamcrest.Matchers.notNullValue());
        assertThat(FakeServices.ingestion().received()).isEmpty();
        assertThat(FakeServices.governance().received()).isEmpty();
    }

    static URI gateway(String path) {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
