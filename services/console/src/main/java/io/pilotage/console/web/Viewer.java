package io.pilotage.console.web;

import io.pilotage.console.ConsoleConfig;
import io.pilotage.console.api.Api;
import io.pilotage.console.view.Csrf;
import io.pilotage.console.view.Formats;
import io.pilotage.console.view.Languages;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.IdToken;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * The person looking at the page: name, roles, language, the access token the console calls the
 * APIs with (their own, never a privileged account), and the anti-forgery token of their session.
 */
@RequestScoped
public class Viewer {

    public static final String ADMIN = "admin";
    public static final String COMMITTEE = "committee";
    public static final String OWNER = "project-owner";
    public static final String ANALYST = "analyst";

    private final SecurityIdentity identity;
    private final RoutingContext request;
    private final ConsoleConfig config;
    @jakarta.inject.Inject
    @IdToken
    Instance<JsonWebToken> idToken;
    private final Csrf csrf;
    private final Clock clock;
    private Locale locale;

    public Viewer(SecurityIdentity identity, RoutingContext request, ConsoleConfig config, Csrf csrf, Clock clock) {
        this.identity = identity;
        this.request = request;
        this.config = config;
        this.csrf = csrf;
        this.clock = clock;
    }

    public boolean signedIn() {
        return identity != null && !identity.isAnonymous();
    }

    public String name() {
        return signedIn() ? identity.getPrincipal().getName() : "";
    }

    /** {@code Bearer <access token>} of the signed-in person. */
    public String bearer() {
        AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
        return token == null ? null : "Bearer " + token.getToken();
    }

    public boolean has(String role) {
        return signedIn() && identity.hasRole(role);
    }

    public boolean admin() {
        return has(ADMIN);
    }

    /** The roles the person has, in the order of the role matrix. */
    public List<String> roles() {
        return List.of(ADMIN, COMMITTEE, OWNER, ANALYST).stream().filter(this::has).toList();
    }

    /**
     * Whether the page offers actions on the project's alerts, silences and quarantine: admins, and
     * project owners who own it. The services decide anyway: this only hides what would be refused.
     */
    public boolean mayManage(String project, List<Api.Project> projects) {
        if (admin()) {
            return true;
        }
        if (!has(OWNER) || project == null) {
            return false;
        }
        return projects.stream().anyMatch(p -> p.key().equals(project) && p.owners() != null && p.owners().contains(name()));
    }

    public Locale locale() {
        if (locale == null) {
            Cookie c = request.request().getCookie(Languages.COOKIE);
            locale = Languages.resolve(c == null ? null : c.getValue(), request.request().getHeader("Accept-Language"));
        }
        return locale;
    }

    public String lang() {
        return locale().getLanguage();
    }

    public Formats formats() {
        return new Formats(locale(), config.zone());
    }

    public Instant now() {
        return clock.instant();
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), config.zone());
    }

    /** The session the anti-forgery token is bound to: the ID token's subject and session id. */
    private String session() {
        JsonWebToken t = idToken.isResolvable() ? idToken.get() : null;
        if (t == null || t.getRawToken() == null) {
            return "anonymous";
        }
        Object sid = t.getClaim("sid");
        return t.getSubject() + "|" + (sid == null ? t.getIssuedAtTime() : sid);
    }

    public String csrfToken() {
        return csrf.token(session());
    }

    public boolean csrfValid(String presented) {
        return csrf.valid(session(), presented);
    }

    /** Refuses (403 page, nothing sent to a service) a form without this session's anti-forgery token. */
    public void requireCsrf(String presented) {
        if (!csrfValid(presented)) {
            throw new io.quarkus.security.ForbiddenException(
                    "the form's anti-forgery token is missing or not this session's: reload the page and try again");
        }
    }

    /** The path and query of the page, for the language switch to come back to. */
    public String here() {
        String uri = request.request().uri();
        return uri == null || !uri.startsWith("/console") ? "/console/" : uri;
    }
}
