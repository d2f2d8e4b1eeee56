package io.pilotage.console.web;

import io.pilotage.console.ConsoleConfig;
import io.pilotage.console.view.Languages;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;


/** The pages around a session: the language switch and the page a signed-out person lands on. */
@Path("/")
public class SessionPages {

    private final Viewer viewer;
    private final ConsoleConfig config;

    public SessionPages(Viewer viewer, ConsoleConfig config) {
        this.viewer = viewer;
        this.config = config;
    }

    /** Sets the language (a cookie for a year) and goes back to the page, which must be a console page. */
    @GET
    @Path("lang")
    @PermitAll
    public Response language(@QueryParam("to") String to, @QueryParam("back") String back) {
        if (!Languages.supported(to)) {
            throw new io.pilotage.console.view.BadParameter("to", to, "one of " + String.join(", ", Languages.SUPPORTED));
        }
        String target = back != null && back.startsWith("/console") && !back.startsWith("//") && !back.contains("\\")
                ? back : "/console/";
        NewCookie cookie = new NewCookie.Builder(Languages.COOKIE).value(to).path("/console").maxAge(365 * 24 * 3600)
                .sameSite(NewCookie.SameSite.LAX).httpOnly(true).build();
        return Response.status(Response.Status.SEE_OTHER).header("Location", target).cookie(cookie).build();
    }

    @GET
    @Path("signed-out")
    @PermitAll
    @Produces(Html.TYPE)
    public Uni<Response> signedOut() {
        Page page = new Page("Pilotage", "", "", java.util.List.of(), viewer.lang(),
                "fr".equals(viewer.lang()) ? "en" : "fr", "/console/signed-out", "", 0, config.zone().getId());
        return Html.page(Templates.signedOut(page), viewer.locale());
    }
}
