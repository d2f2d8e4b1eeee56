package io.pilotage.gateway.problem;

import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.Problem;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** Writes a {@link Problem} as the response of a request. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    /**
     * Ends the response with {@code problem}, unless it was already sent. Headers already set on
     * the response (the request id, {@code WWW-Authenticate}, {@code Retry-After}) are kept.
     */
    public static void send(RoutingContext ctx, Problem problem) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        if (response.headWritten()) {
            // a problem after the upstream's status line went out cannot be told: cut the stream short
            response.reset();
            return;
        }
        Buffer body = Buffer.buffer(JsonCodec.encode(problem));
        response.setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length()))
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.end(body);
    }
}
