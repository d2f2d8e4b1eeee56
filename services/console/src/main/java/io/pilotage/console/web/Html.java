package io.pilotage.console.web;

import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;

import java.util.Locale;

/** A page as the answer: rendered in the reader's language, never cached (it shows live values). */
final class Html {

    static final String TYPE = "text/html;charset=UTF-8";

    private Html() {
    }

    static Uni<Response> page(TemplateInstance t, Locale locale) {
        return page(t, locale, 200);
    }

    static Uni<Response> page(TemplateInstance t, Locale locale, int status) {
        return t.setAttribute("locale", locale).createUni()
                .map(html -> Response.status(status).entity(html).type(TYPE).header("Cache-Control", "no-store").build());
    }

    /** After a form: back to a page (303, so that a reload does not post again). */
    static Response seeOther(String location) {
        // the header as it is: JAX-RS would resolve a relative URI against /console/ a second time
        return Response.status(Response.Status.SEE_OTHER).header("Location", location).build();
    }
}
