package io.pilotage.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilotage.console.ConsoleConfig;
import io.pilotage.console.view.BadParameter;
import io.pilotage.contracts.JsonCodec;
import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * Every failure as a page that says what went wrong, in the reader's language: a bad parameter
 * names it and the expected form (400); what a service refused keeps its status and its reason
 * (403, 404, 409, 422); a service that does not answer is 503; never a bare 500.
 */
public class ErrorPages {

    private static final Logger LOG = Logger.getLogger(ErrorPages.class);
    private final Viewer viewer;
    private final ConsoleConfig config;

    public ErrorPages(Viewer viewer, ConsoleConfig config) {
        this.viewer = viewer;
        this.config = config;
    }

    private Uni<Response> render(int status, String title, String detail, List<String> errors) {
        Page page = Page.of(viewer, title, "", 0, config.zone().getId());
        return Html.page(Templates.error(page, status, title, detail, errors), viewer.locale(), status);
    }

    private Msg msg() {
        return Messages.of(viewer.locale());
    }

    @ServerExceptionMapper
    public Uni<Response> badParameter(BadParameter e) {
        return render(400, msg().bad_request_title(), msg().bad_parameter(e.parameter(), e.value(), e.expected()), List.of());
    }

    @ServerExceptionMapper
    public Uni<Response> notFound(NotFoundException e) {
        return render(404, msg().not_found_title(), viewer.here(), List.of());
    }

    @ServerExceptionMapper
    public Uni<Response> forbidden(ForbiddenException e) {
        return render(403, msg().forbidden_title(), e.getMessage() == null ? "" : e.getMessage(), List.of());
    }

    /** A service's refusal: its status, and the detail and field errors of its problem document. */
    @ServerExceptionMapper
    public Uni<Response> refused(WebApplicationException e) {
        Response r = e.getResponse();
        int status = r == null ? 502 : r.getStatus();
        String detail = "";
        List<String> errors = new ArrayList<>();
        if (r != null && r.hasEntity()) {
            try {
                String body = r.readEntity(String.class);
                JsonNode problem = JsonCodec.mapper().readTree(body);
                detail = problem.path("detail").asText(problem.path("title").asText(""));
                for (JsonNode err : problem.path("errors")) {
                    errors.add(err.path("field").asText(err.path("pointer").asText("")) + " : " + err.path("message").asText(err.path("detail").asText("")));
                }
            } catch (Exception ignored) {
                // not a problem document: the status says enough
            }
        }
        if (status == 401) {
            // the session's token was refused: send the person through the login again
            return Uni.createFrom().item(Html.seeOther("/console/logout"));
        }
        if (status >= 500) {
            LOG.warnf("a service answered %d to the console", status);
            return render(503, msg().unavailable_title(), detail, errors);
        }
        String title = switch (status) {
            case 403 -> msg().forbidden_title();
            case 404 -> msg().not_found_title();
            default -> msg().bad_request_title();
        };
        return render(status, title, detail, errors);
    }

    /** A service that cannot be reached or answers something unreadable. */
    @ServerExceptionMapper
    public Uni<Response> unreachable(ProcessingException e) {
        LOG.warnf("a service could not be reached: %s", e.getClass().getSimpleName());
        return render(503, msg().unavailable_title(), "", List.of());
    }

    /** Anything else: a connection refused (an IOException, not a ProcessingException), a bug. */
    @ServerExceptionMapper
    public Uni<Response> unexpected(Exception e) {
        if (e instanceof WebApplicationException w) {
            return refused(w);
        }
        if (e instanceof java.io.IOException || e.getCause() instanceof java.io.IOException) {
            LOG.warnf("a service could not be reached: %s", e.getClass().getSimpleName());
        } else {
            LOG.error("unexpected failure of a console page", e);
        }
        return render(503, msg().unavailable_title(), "", List.of());
    }
}
