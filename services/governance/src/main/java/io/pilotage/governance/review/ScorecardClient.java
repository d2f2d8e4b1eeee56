package io.pilotage.governance.review;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.Problem;
import io.pilotage.governance.rest.ApiException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Reads a project's scorecard from the KPI engine ({@code GET /projects/{project}/scorecard?period=})
 * with a timeout per attempt, retries with backoff on timeouts, connection failures and 5xx, and
 * a clear 502/504 problem when it stays unreachable. The caller's token is forwarded (the engine
 * checks it again).
 */
@ApplicationScoped
public class ScorecardClient {

    private final HttpClient http;
    private final URI baseUrl;
    private final Duration timeout;
    private final int retries;

    public ScorecardClient(@ConfigProperty(name = "pilotage.governance.kpi-engine.url") URI baseUrl,
                           @ConfigProperty(name = "pilotage.governance.kpi-engine.timeout", defaultValue = "PT5S") Duration timeout,
                           @ConfigProperty(name = "pilotage.governance.kpi-engine.retries", defaultValue = "2") int retries) {
        this.baseUrl = baseUrl;
        this.timeout = timeout;
        this.retries = retries;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Thrown for an answer that retrying cannot fix (4xx, or a body that is not a scorecard). */
    static final class Permanent extends RuntimeException {
        Permanent(String message) {
            super(message, null, false, false);
        }
    }

    public Uni<List<ScorecardKpi>> scorecard(String project, String period, String bearerToken) {
        URI uri = baseUrl.resolve("/projects/" + URLEncoder.encode(project, StandardCharsets.UTF_8).replace("+", "%20")
                + "/scorecard?period=" + URLEncoder.encode(period, StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET();
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        HttpRequest req = request.build();
        return Uni.createFrom().completionStage(() -> http.sendAsync(req, HttpResponse.BodyHandlers.ofByteArray()))
                .ifNoItem().after(timeout.plusMillis(500)).failWith(() -> new java.util.concurrent.TimeoutException("no answer within " + timeout))
                .map(response -> {
                    int s = response.statusCode();
                    if (s >= 500) {
                        throw new IllegalStateException("answered " + s);
                    }
                    if (s != 200) {
                        throw new Permanent("the KPI engine answered " + s + " for the scorecard of project '" + project
                                + "' and period " + period);
                    }
                    try {
                        JsonNode body = JsonCodec.mapper().readTree(response.body());
                        return ScorecardParser.parse(body, project);
                    } catch (IOException | IllegalArgumentException e) {
                        throw new Permanent("the KPI engine's scorecard of project '" + project + "' is unreadable: " + e.getMessage());
                    }
                })
                .onFailure(e -> !(e instanceof Permanent)).retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(2)).atMost(retries)
                .onFailure().transform(e -> {
                    Log.warnf("scorecard of %s/%s not read: %s", project, period, e.getMessage());
                    if (e instanceof Permanent) {
                        return new ApiException(Problem.of("kpi-engine", "KPI engine error", 502, e.getMessage()
                                + "; no review was created", null));
                    }
                    boolean timedOut = e instanceof java.util.concurrent.TimeoutException
                            || e instanceof java.net.http.HttpTimeoutException;
                    return new ApiException(Problem.of("kpi-engine-unreachable", "KPI engine unreachable", timedOut ? 504 : 503,
                            "the KPI engine did not give the scorecard of project '" + project + "' for " + period + " after "
                                    + (retries + 1) + " attempts (" + (timedOut ? "timeout" : e.getMessage())
                                    + "); no review was created, retry later", null));
                });
    }
}
