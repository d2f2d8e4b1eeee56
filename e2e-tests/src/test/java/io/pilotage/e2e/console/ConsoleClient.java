package io.pilotage.e2e.console;

import io.pilotage.e2e.PilotageStack;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A person's browser without the browser: cookies, redirects followed, the Keycloak login form
 * filled in as a person would, pages parsed with jsoup. Everything goes through the gateway, the
 * only public entry.
 */
public final class ConsoleClient {

    /** A page as the browser got it: where it ended up, its status, its parsed HTML. */
    public record Page(URI uri, int status, String body, String contentType) {
        public Document html() {
            return Jsoup.parse(body, uri.toString());
        }

        public String text() {
            return html().text();
        }
    }

    private final HttpClient http;
    private final String user;

    private ConsoleClient(String user, String acceptLanguage) {
        this.user = user;
        this.http = HttpClient.newBuilder().cookieHandler(new LoopbackCookies()).followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(5)).build();
        this.acceptLanguage = acceptLanguage;
    }

    private final String acceptLanguage;

    /**
     * Cookies as a browser keeps them for loopback: browsers treat http://localhost as a secure
     * context and send its {@code Secure} cookies (Keycloak's login cookies are), Java's cookie
     * manager would not.
     */
    private static final class LoopbackCookies extends java.net.CookieHandler {
        private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

        @Override
        public Map<String, java.util.List<String>> get(URI uri, Map<String, java.util.List<String>> headers) throws IOException {
            return cookies.get(uri, headers);
        }

        @Override
        public void put(URI uri, Map<String, java.util.List<String>> headers) throws IOException {
            Map<String, java.util.List<String>> kept = new LinkedHashMap<>();
            headers.forEach((name, values) -> kept.put(name, name != null && name.equalsIgnoreCase("Set-Cookie")
                    ? values.stream().map(v -> v.replaceAll("(?i);\\s*Secure(?=;|$)", "")).toList() : values));
            cookies.put(uri, kept);
        }
    }

    public static String url(String path) {
        return PilotageStack.gatewayUrl() + path;
    }

    /** Not signed in yet. */
    public static ConsoleClient anonymous(String acceptLanguage) {
        return new ConsoleClient(null, acceptLanguage);
    }

    /** Signed in as a demo user (password {@code <user>-pass}) through Keycloak's own login page. */
    public static ConsoleClient signedIn(String user) {
        return signedIn(user, "fr-FR,fr;q=0.9");
    }

    public static ConsoleClient signedIn(String user, String acceptLanguage) {
        ConsoleClient c = new ConsoleClient(user, acceptLanguage);
        Page login = c.get("/console/");
        c.login(login, user);
        return c;
    }

    /** Fills Keycloak's login form on the page and sends it; returns the page the console then shows. */
    public Page login(Page loginPage, String username) {
        Element form = loginPage.html().getElementById("kc-form-login");
        if (form == null) {
            throw new IllegalStateException("no Keycloak login form at " + loginPage.uri() + " (status " + loginPage.status() + ")");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("username", username);
        fields.put("password", username + "-pass");
        fields.put("credentialId", "");
        return send(HttpRequest.newBuilder(URI.create(form.absUrl("action"))), fields);
    }

    public Page get(String path) {
        return send(HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : url(path))).GET(), null);
    }

    /** Posts a form of the console, as the page's own form would. */
    public Page post(String path, Map<String, String> fields) {
        return send(HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : url(path))), fields);
    }

    /** Submits a form found on a page with its hidden fields, plus (or overriding) the given ones. */
    public Page submit(Page page, Element form, Map<String, String> values) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element input : form.select("input[name]")) {
            fields.put(input.attr("name"), input.val());
        }
        for (Element select : form.select("select[name]")) {
            Element selected = select.selectFirst("option[selected]");
            fields.put(select.attr("name"), selected != null ? selected.val() : select.selectFirst("option").val());
        }
        fields.putAll(values);
        return post(form.absUrl("action"), fields);
    }

    private Page send(HttpRequest.Builder request, Map<String, String> form) {
        request.header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").header("Accept-Language", acceptLanguage).timeout(Duration.ofSeconds(30));
        if (form != null) {
            String body = form.entrySet().stream()
                    .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
            request.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Page(r.uri(), r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }

    public String user() {
        return user;
    }
}
