package io.pilotage.alerting.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.pilotage.contracts.JsonProblems;
import io.pilotage.contracts.Problem;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;


/** Errors of the alerting API as RFC 9457 problems. */
public class ProblemMapper {

    private static Response problem(Problem p, UriInfo uri) {
        Problem withInstance = p.instance() != null ? p : p.at(uri.getPath());
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(withInstance).build();
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return problem(e.problem(), uri);
    }

    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    public Response unauthenticated(UriInfo uri) {
        return problem(Problem.forStatus(401, "a valid bearer token is required", null), uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return problem(Problem.forStatus(403, "your roles do not allow this", null), uri);
    }

    /** A body that is not JSON, or whose fields have the wrong type: 400 naming the field. */
    @ServerExceptionMapper(value = {JsonProcessingException.class, JsonMappingException.class,
            com.fasterxml.jackson.databind.exc.MismatchedInputException.class,
            com.fasterxml.jackson.databind.exc.InvalidFormatException.class,
            com.fasterxml.jackson.core.JsonParseException.class}, priority = 1)
    public Response json(JsonProcessingException e, UriInfo uri) {
        return problem(JsonProblems.invalidBody(e, uri.getPath()), uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException j) {
            return json(j, uri);
        }
        return problem(Problem.forStatus(e.getResponse().getStatus(), e.getMessage(), null), uri);
    }
}
