package io.pilotage.ingestion.rest;

import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.Problem;
import io.pilotage.ingestion.event.BoundedJsonReader;
import io.pilotage.ingestion.publish.StorageUnavailableException;
import io.pilotage.ingestion.publish.PublicationFailedException;
import io.pilotage.ingestion.ratelimit.SourceRateLimiter;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error of this service as an RFC 9457 problem. Never a stack trace to the client. The
 * JAX-RS mappers and the {@link EventsRoute} answer a failure alike, through {@link #answer}.
 */
public class ProblemMapper {

    /** A problem and the seconds of its {@code Retry-After} (0: none). */
    record Answer(Problem problem, long retryAfter) {
    }

    static Response response(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    static Response response(Answer answer) {
        Response.ResponseBuilder r = Response.status(answer.problem().status()).type(Problem.MEDIA_TYPE).entity(answer.problem());
        if (answer.retryAfter() > 0) {
            r.header("Retry-After", answer.retryAfter());
        }
        return r.build();
    }

    /** A source over its rate: 429 with {@code Retry-After}. */
    static Answer answer(SourceRateLimiter.Refusal refusal) {
        return new Answer(refusal.problem(), refusal.retryAfterSeconds());
    }

    /** The 429 response of a refusal, null for none. */
    static Response refused(SourceRateLimiter.Refusal refusal) {
        return refusal == null ? null : response(answer(refusal));
    }

    /** Answers {@code answer} on a Vert.x route: the problem, with its {@code Retry-After} when it has one. */
    static void write(RoutingContext rc, Answer answer) {
        if (answer.retryAfter() > 0) {
            rc.response().putHeader("Retry-After", Long.toString(answer.retryAfter()));
        }
        end(rc, answer.problem().status(), Problem.MEDIA_TYPE, JsonCodec.encode(answer.problem()));
    }

    /** Ends a Vert.x route's response with {@code body}, unless the client went away (nothing to answer then). */
    static void end(RoutingContext rc, int status, String mediaType, byte[] body) {
        if (rc.response().ended() || rc.response().closed()) {
            return;
        }
        rc.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, mediaType).end(Buffer.buffer(body));
    }

    /** The answer to {@code e}, a failure while answering {@code path}. */
    static Answer answer(Throwable e, String path) {
        return switch (e) {
            case BoundedJsonReader.MalformedBodyException m -> new Answer(Problem.forStatus(400, m.getMessage(), path), 0);
            case BoundedJsonReader.LimitExceededException l -> {
                Problem p = Problem.forStatus(l.status(), l.getMessage() + " (limit " + l.limit() + ")", path);
                yield new Answer(new Problem(p.type(), p.title(), p.status(), p.detail(), p.instance(),
                        List.of(new Problem.FieldError(l.field(), "exceeds the limit " + l.limit())), null), 0);
            }
            case StorageUnavailableException s -> {
                Log.warnf("ingestion storage failed: %s", s.getCause() == null ? s.getMessage() : s.getCause().getClass().getName());
                yield unavailable(path);
            }
            case PublicationFailedException f -> {
                Log.warnf("event publication failed: %s", f.getMessage());
                yield unavailable(path);
            }
            case AuthenticationFailedException a -> unauthenticated(path);
            case UnauthorizedException u -> unauthenticated(path);
            case ForbiddenException f -> new Answer(Problem.forStatus(403, "your roles do not allow this operation", path), 0);
            case WebApplicationException w -> new Answer(Problem.forStatus(w.getResponse().getStatus(), w.getMessage(), path), 0);
            // a body in chunks past the size limit, read by JAX-RS: Quarkus has already answered 413
            case java.io.IOException io when "Request too large".equals(io.getMessage()) ->
                    new Answer(Problem.forStatus(413, "the body is larger than the limit", path), 0);
            default -> {
                if (e instanceof io.vertx.core.impl.NoStackTraceThrowable || e instanceof io.vertx.pgclient.PgException
                        || e instanceof io.vertx.sqlclient.ClosedConnectionException || e instanceof java.net.ConnectException) {
                    yield answer(new StorageUnavailableException(e), path);
                }
                Log.errorf("unexpected %s answering %s", e.getClass().getName(), path);
                yield new Answer(Problem.forStatus(500, "an unexpected error occurred; nothing was accepted", path), 0);
            }
        };
    }

    private static Answer unavailable(String path) {
        return new Answer(Problem.forStatus(503,
                "events could not be stored durably right now; nothing was accepted, retry later", path), 5);
    }

    static Answer unauthenticated(String path) {
        return new Answer(Problem.forStatus(401, "a valid bearer token is required", path), 0);
    }

    @ServerExceptionMapper
    public Response malformed(BoundedJsonReader.MalformedBodyException e, UriInfo uri) {
        return response(answer(e, uri.getPath()));
    }

    /** A limit crossed while reading: 413 for too many items, 400 otherwise; the limit and the field named. */
    @ServerExceptionMapper
    public Response overLimit(BoundedJsonReader.LimitExceededException e, UriInfo uri) {
        return response(answer(e, uri.getPath()));
    }

    /** PostgreSQL unreachable: nothing was accepted, the client should retry later. */
    @ServerExceptionMapper
    public Response storageUnavailable(StorageUnavailableException e, UriInfo uri) {
        return response(answer(e, uri.getPath()));
    }

    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    public Response unauthenticated(UriInfo uri) {
        return response(unauthenticated(uri.getPath()));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return response(answer(e, uri.getPath()));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        return response(answer(e, uri.getPath()));
    }

    /** Kafka did not acknowledge: nothing was accepted, the client should retry later. */
    @ServerExceptionMapper
    public Response brokerUnavailable(PublicationFailedException e, UriInfo uri) {
        return response(answer(e, uri.getPath()));
    }

    /**
     * Anything else: a storage or broker failure is 503 (retry later, nothing accepted); a defect is
     * a 500 problem with no stack trace, logged with its class only (messages may quote input).
     */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        return response(answer(e, uri.getPath()));
    }
}
