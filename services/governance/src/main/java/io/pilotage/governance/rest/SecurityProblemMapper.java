package io.pilotage.governance.rest;

import io.pilotage.contracts.Problem;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Authentication and authorisation failures as RFC 9457 problems. */
public class SecurityProblemMapper {

    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class, ForbiddenException.class})
    public Response denied(Throwable e, UriInfo uri) {
        Problem p = e instanceof ForbiddenException
                ? Problem.forStatus(403, "your roles do not allow this operation", uri.getPath())
                : Problem.forStatus(401, "a valid bearer token is required", uri.getPath());
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
    }
}
