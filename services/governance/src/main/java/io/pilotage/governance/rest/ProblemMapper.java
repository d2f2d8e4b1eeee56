package io.pilotage.governance.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.pilotage.contracts.JsonProblems;
import io.pilotage.contracts.Problem;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;


/** Every error of this service as an RFC 9457 problem. Never a stack trace to the client. */
public class ProblemMapper {

    static Response response(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    @ServerExceptionMapper
    public Response api(ApiException e, UriInfo uri) {
        Response.ResponseBuilder r = Response.status(e.problem().status()).type(Problem.MEDIA_TYPE)
                .entity(e.problem().at(uri.getPath()));
        if (e.currentVersion() != null) {
            r.header("ETag", "\"" + e.currentVersion() + "\"");
        }
        return r.build();
    }

    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    public Response unauthenticated(UriInfo uri) {
        return response(Problem.forStatus(401, "a valid bearer token is required", uri.getPath()));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return response(Problem.forStatus(403, "your roles do not allow this operation", uri.getPath()));
    }

    /** A body that is not the JSON expected: the failing field is named by its path. */
    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e, UriInfo uri) {
        return response(JsonProblems.invalidBody(e, uri.getPath()));
    }

    /** Kafka did not take a definition: the change was rolled back. */
    @ServerExceptionMapper
    public Response notPublished(io.pilotage.governance.definition.DefinitionPublisher.DefinitionPublicationException e, UriInfo uri) {
        Log.warnf("definition publication failed: %s", e.getMessage());
        return Response.fromResponse(response(Problem.forStatus(503,
                "the change could not be published to Kafka and was not stored; retry later", uri.getPath())))
                .header("Retry-After", "5").build();
    }

    /** Quarkus maps these itself (without the field); ours name it. */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response mismatched(com.fasterxml.jackson.databind.exc.MismatchedInputException e, UriInfo uri) {
        return badJson(e, uri);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response invalidValue(com.fasterxml.jackson.databind.exc.ValueInstantiationException e, UriInfo uri) {
        return badJson(e, uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException j) {
            return badJson(j, uri);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            Log.errorf(e, "request failed");
        }
        return response(Problem.forStatus(status, e.getMessage(), uri.getPath()));
    }

    /** Anything unexpected: a 500 problem without internals; the details go to the log only. */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(RuntimeException e, UriInfo uri) {
        if (e instanceof WebApplicationException w) {
            return web(w, uri);
        }
        if (e instanceof ApiException a) {
            return api(a, uri);
        }
        Log.errorf(e, "unexpected error on %s", uri.getPath());
        return response(Problem.forStatus(500, "internal error; it was logged", uri.getPath()));
    }

}
