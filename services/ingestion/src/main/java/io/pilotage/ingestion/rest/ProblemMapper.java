package io.pilotage.ingestion.rest;

import io.pilotage.contracts.Problem;
import io.pilotage.ingestion.event.BoundedJsonReader;
import io.pilotage.ingestion.publish.StorageUnavailableException;
import io.pilotage.ingestion.publish.PublicationFailedException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error of this service as an RFC 9457 problem. Never a stack trace to the client. */
public class ProblemMapper {

    static Response response(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    @ServerExceptionMapper
    public Response malformed(BoundedJsonReader.MalformedBodyException e, UriInfo uri) {
        return response(Problem.forStatus(400, e.getMessage(), uri.getPath()));
    }

    /** A limit crossed while reading: 413 for too many items, 400 otherwise; the limit and the field named. */
    @ServerExceptionMapper
    public Response overLimit(BoundedJsonReader.LimitExceededException e, UriInfo uri) {
        Problem p = Problem.forStatus(e.status(), e.getMessage() + " (limit " + e.limit() + ")", uri.getPath());
        return response(new Problem(p.type(), p.title(), p.status(), p.detail(), p.instance(),
                List.of(new Problem.FieldError(e.field(), "exceeds the limit " + e.limit())), null));
    }

    /** PostgreSQL unreachable: nothing was accepted, the client should retry later. */
    @ServerExceptionMapper
    public Response storageUnavailable(StorageUnavailableException e, UriInfo uri) {
        Log.warnf("ingestion storage failed: %s", e.getCause() == null ? e.getMessage() : e.getCause().getClass().getName());
        return Response.fromResponse(response(Problem.forStatus(503,
                "events could not be stored durably right now; nothing was accepted, retry later", uri.getPath())))
                .header("Retry-After", "5").build();
    }

    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    public Response unauthenticated(UriInfo uri) {
        return response(Problem.forStatus(401, "a valid bearer token is required", uri.getPath()));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return response(Problem.forStatus(403, "your roles do not allow this operation", uri.getPath()));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        return response(Problem.forStatus(e.getResponse().getStatus(), e.getMessage(), uri.getPath()));
    }

    /** Kafka did not acknowledge: nothing was accepted, the client should retry later. */
    @ServerExceptionMapper
    public Response brokerUnavailable(PublicationFailedException e, UriInfo uri) {
        Log.warnf("event publication failed: %s", e.getMessage());
        return Response.fromResponse(response(Problem.forStatus(503,
                "events could not be stored durably right now; nothing was accepted, retry later", uri.getPath())))
                .header("Retry-After", "5").build();
    }

    /**
     * Anything else: a storage or broker failure is 503 (retry later, nothing accepted); a defect is
     * a 500 problem with no stack trace, logged with its class only (messages may quote input).
     */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        if (e instanceof io.vertx.core.impl.NoStackTraceThrowable || e instanceof io.vertx.pgclient.PgException
                || e instanceof io.vertx.sqlclient.ClosedConnectionException || e instanceof java.net.ConnectException) {
            return storageUnavailable(new StorageUnavailableException(e), uri);
        }
        Log.errorf("unexpected %s answering %s", e.getClass().getName(), uri.getPath());
        return response(Problem.forStatus(500, "an unexpected error occurred; nothing was accepted", uri.getPath()));
    }
}
