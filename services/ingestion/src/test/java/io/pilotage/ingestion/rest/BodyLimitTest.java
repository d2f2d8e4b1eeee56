package io.pilotage.ingestion.rest;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Bodies past {@code quarkus.http.limits.max-body-size} (64 KiB here): a 413 problem, whether their length is announced or not. */
@QuarkusTest
@TestProfile(BodyLimitTest.SmallBodies.class)
class BodyLimitTest {

    public static class SmallBodies implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.limits.max-body-size", "64K");
        }
    }

    @TestHTTPResource("/events")
    URI events;

    private static String ndjson(int lines) {
        String at = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            sb.append("{\"id\":\"it-limit-").append(UUID.randomUUID()).append("\",\"source\":\"it-limit\",\"project\":\"erp\",")
                    .append("\"type\":\"audit.error\",\"occurredAt\":\"").append(at).append("\",\"attributes\":{\"pad\":\"")
                    .append("x".repeat(400)).append("\"}}\n");
        }
        return sb.toString();
    }

    @Test
    @TestSecurity(user = "svc", roles = "ingest")
    void anAnnouncedLengthPastTheLimitIsA413ProblemAndTheServiceGoesOn() {
        given().contentType("application/x-ndjson").body(ndjson(200).getBytes(StandardCharsets.UTF_8))
                .when().post("/events")
                .then().statusCode(413).contentType("application/problem+json")
                .body("errors[0].field", equalTo("(body)")).body("errors[0].reason", containsString("maxBodySize"));
        given().contentType("text/csv").body(("id,source\n" + "a,b\n".repeat(20_000)).getBytes(StandardCharsets.UTF_8))
                .when().post("/events/csv")
                .then().statusCode(413).contentType("application/problem+json").body("detail", containsString("larger than"));

        given().contentType("application/x-ndjson").body(ndjson(2).getBytes(StandardCharsets.UTF_8)).when().post("/events")
                .then().statusCode(202).body("accepted", equalTo(2));
    }

    private static String csvWithin() {
        String at = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        StringBuilder sb = new StringBuilder("id,type,occurredAt\n");
        for (int i = 0; i < 3; i++) {
            sb.append("it-limit-csv-").append(UUID.randomUUID()).append(",audit.error,").append(at).append('\n');
        }
        return sb.toString();
    }

    /** POSTs {@code body} in chunks (no {@code Content-Length}: the JDK client streams an input stream). */
    private static HttpResponse<String> postChunked(URI uri, String contentType, String body) throws Exception {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            return client.send(HttpRequest.newBuilder(uri).header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofInputStream(
                            () -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
                    .build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static final String CSV_PAST_THE_LIMIT = "id,source\n" + "a,b\n".repeat(20_000);

    @Test
    @TestSecurity(user = "svc", roles = "ingest")
    void aBodyInChunksPastTheLimitIsA413ProblemTooAndItsEventsAreNotPublished() throws Exception {
        HttpResponse<String> response = postChunked(events, "application/x-ndjson", ndjson(200));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("maxBodySize");

        // read by BodyLimit before the JAX-RS resource
        HttpResponse<String> csv = postChunked(URI.create(events + "/csv"), "text/csv", CSV_PAST_THE_LIMIT);
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(413);
        assertThat(csv.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(csv.body()).contains("maxBodySize");

        // a source route (no Keycloak token: the source's secret is checked by the resource) too
        HttpResponse<String> ga4 = postChunked(events.resolve("/sources/it-limit/ga4"), "application/x-ndjson", ndjson(200));
        assertThat(ga4.statusCode()).as(ga4.body()).isEqualTo(413);
        assertThat(ga4.body()).contains("maxBodySize");

        // within the limit, a chunked body reaches the JAX-RS resource whole
        HttpResponse<String> small = postChunked(URI.create(events + "/csv?set=source:it-limit&set=project:erp"), "text/csv",
                csvWithin());
        assertThat(small.statusCode()).as(small.body()).isEqualTo(202);
        assertThat(small.body()).contains("\"accepted\":3");

        given().contentType("application/x-ndjson").body(ndjson(1).getBytes(StandardCharsets.UTF_8)).when().post("/events").then().statusCode(202);
    }

    @Test
    void aChunkedBodyFromACallerWithoutATokenIsNotReadButRefused401() throws Exception {
        HttpResponse<String> csv = postChunked(URI.create(events + "/csv"), "text/csv", CSV_PAST_THE_LIMIT);
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(401);
    }
}
