package io.pilotage.gateway.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import io.pilotage.gateway.problem.ProblemKind;
import io.pilotage.gateway.problem.ProblemResponses;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * The Swagger UI at {@code /swagger-ui/}: the static files of the swagger-ui webjar, a page of our
 * own, and an initializer that loads the aggregated {@code /openapi} document and logs people in
 * to Keycloak with the authorization-code flow and PKCE (public client {@code pilotage-web}).
 */
@Singleton
public class SwaggerUi {

    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final Map<String, String> FILES = Map.of(
            "swagger-ui.css", "text/css; charset=utf-8",
            "index.css", "text/css; charset=utf-8",
            "swagger-ui-bundle.js", "text/javascript; charset=utf-8",
            "swagger-ui-standalone-preset.js", "text/javascript; charset=utf-8",
            "oauth2-redirect.html", "text/html; charset=utf-8",
            "favicon-32x32.png", "image/png",
            "favicon-16x16.png", "image/png");

    private final String version;
    private final String clientId;
    private final Map<String, Buffer> loaded = new ConcurrentHashMap<>();

    public SwaggerUi(io.pilotage.gateway.config.GatewayConfig config) {
        this.version = webjarVersion();
        this.clientId = config.swaggerUiClientId();
    }

    /** The version of the swagger-ui webjar on the class path (its files live under that version). */
    private static String webjarVersion() {
        java.util.Properties properties = new java.util.Properties();
        try (InputStream in = SwaggerUi.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the swagger-ui webjar is not on the class path");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    public void handle(RoutingContext ctx, String path) {
        String file = path.equals("/swagger-ui") || path.equals("/swagger-ui/") ? "index.html" : path.substring("/swagger-ui/".length());
        switch (file) {
            case "index.html" -> send(ctx, "text/html; charset=utf-8", loaded.computeIfAbsent(file, f -> read("swagger-ui/index.html")));
            case "swagger-initializer.js" -> send(ctx, "text/javascript; charset=utf-8", loaded.computeIfAbsent(file, f -> initializer()));
            default -> {
                String type = FILES.get(file);
                if (type == null) {
                    ProblemResponses.send(ctx, ProblemKind.NOT_FOUND.problem("No such Swagger UI file: " + file + ".",
                            path, ctx.get(GatewayHandler.REQUEST_ID_KEY)));
                    return;
                }
                send(ctx, type, loaded.computeIfAbsent(file, f -> read(WEBJAR + version + "/" + f)));
            }
        }
    }

    private Buffer initializer() {
        String js = """
                window.onload = function () {
                  window.ui = SwaggerUIBundle({
                    url: '/openapi',
                    dom_id: '#swagger-ui',
                    deepLinking: true,
                    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
                    layout: 'StandaloneLayout',
                    oauth2RedirectUrl: window.location.origin + '/swagger-ui/oauth2-redirect.html'
                  });
                  window.ui.initOAuth({ clientId: '%s', scopes: 'openid', usePkceWithAuthorizationCodeGrant: true });
                };
                """.formatted(clientId);
        return Buffer.buffer(js);
    }

    private static void send(RoutingContext ctx, String type, Buffer body) {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, type)
                .putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=3600");
        if (ctx.request().method().name().equals("HEAD")) {
            ctx.response().putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length())).end();
        } else {
            ctx.response().end(body);
        }
    }

    private static Buffer read(String resource) {
        try (InputStream in = SwaggerUi.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
