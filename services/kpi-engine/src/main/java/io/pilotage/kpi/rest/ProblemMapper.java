package io.pilotage.kpi.rest;

import io.pilotage.contracts.Problem;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Errors of the KPI engine's API as RFC 9457 problems. */
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
        return problem(Problem.forStatus(403, "your roles do not allow reading KPIs", null), uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        return problem(Problem.forStatus(e.getResponse().getStatus(), e.getMessage(), null), uri);
    }
}
