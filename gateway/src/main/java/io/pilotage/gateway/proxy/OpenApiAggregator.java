package io.pilotage.gateway.proxy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.pilotage.gateway.routing.Route;
import io.pilotage.gateway.routing.RouteTable;
import io.pilotage.gateway.routing.Upstream;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /openapi} (and {@code /q/openapi}): one OpenAPI document for the whole public API,
 * merged from each service's {@code /q/openapi?format=json}. Only the operations the gateway
 * actually routes to that service are kept; components and tags are merged (first definition
 * wins); a bearer security scheme is declared for the whole API. Cached for a minute (five
 * seconds while a service is missing, listed under {@code x-pilotage-unavailable}).
 */
@Singleton
public class OpenApiAggregator {

    private static final Logger LOG = Logger.getLogger(OpenApiAggregator.class);
    private static final long FRESH_NANOS = 60_000_000_000L;
    private static final long PARTIAL_FRESH_NANOS = 5_000_000_000L;
    private static final long FETCH_TIMEOUT_MILLIS = 5_000;
    private static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private record Cached(Buffer document, long expiresAt) {
        boolean fresh() {
            return System.nanoTime() - expiresAt < 0;
        }
    }

    private final Upstreams upstreams;
    private final RouteTable routes = RouteTable.pilotage();
    private volatile Cached cached;

    private final String oidcPublicUrl;

    public OpenApiAggregator(Upstreams upstreams, io.pilotage.gateway.config.GatewayConfig config) {
        this.upstreams = upstreams;
        String oidcPublicUrl = config.oidcPublicUrl();
        this.oidcPublicUrl = oidcPublicUrl.endsWith("/") ? oidcPublicUrl.substring(0, oidcPublicUrl.length() - 1) : oidcPublicUrl;
    }

    public void handle(RoutingContext ctx) {
        Cached current = cached;
        if (current != null && current.fresh()) {
            send(ctx, current.document);
            return;
        }
        Upstream[] services = Upstream.apis();
        List<Future<JsonObject>> fetches = new ArrayList<>(services.length);
        for (Upstream service : services) {
            fetches.add(fetch(service));
        }
        Future.join(fetches).onComplete(done -> {
            Map<Upstream, JsonObject> documents = new LinkedHashMap<>();
            List<String> unavailable = new ArrayList<>();
            for (int i = 0; i < services.length; i++) {
                Future<JsonObject> fetch = fetches.get(i);
                if (fetch.succeeded()) {
                    documents.put(services[i], fetch.result());
                } else {
                    unavailable.add(services[i].configName());
                    LOG.debugf("OpenAPI document of %s unavailable: %s", services[i].configName(), fetch.cause());
                }
            }
            Buffer document = merge(documents, unavailable).toBuffer();
            cached = new Cached(document, System.nanoTime() + (unavailable.isEmpty() ? FRESH_NANOS : PARTIAL_FRESH_NANOS));
            send(ctx, document);
        });
    }

    /** The merged document. Visible for tests. */
    JsonObject merge(Map<Upstream, JsonObject> documents, List<String> unavailable) {
        JsonObject paths = new JsonObject();
        JsonObject components = new JsonObject();
        Map<String, JsonObject> tags = new LinkedHashMap<>();
        String version = "3.0.3";
        for (Map.Entry<Upstream, JsonObject> entry : documents.entrySet()) {
            JsonObject document = entry.getValue();
            String documentVersion = document.getString("openapi");
            if (documentVersion != null && documentVersion.compareTo(version) > 0) {
                version = documentVersion;
            }
            JsonObject servicePaths = document.getJsonObject("paths", new JsonObject());
            for (String path : servicePaths.fieldNames()) {
                JsonObject item = servicePaths.getJsonObject(path);
                JsonObject kept = new JsonObject();
                for (String field : item.fieldNames()) {
                    boolean operation = OPERATIONS.contains(field);
                    if (!operation || routesTo(field, path, entry.getKey())) {
                        kept.put(field, item.getValue(field));
                    }
                }
                if (kept.fieldNames().stream().anyMatch(OPERATIONS::contains)) {
                    JsonObject existing = paths.getJsonObject(path);
                    paths.put(path, existing == null ? kept : existing.mergeIn(kept));
                }
            }
            JsonObject serviceComponents = document.getJsonObject("components", new JsonObject());
            for (String kind : serviceComponents.fieldNames()) {
                JsonObject merged = components.getJsonObject(kind);
                if (merged == null) {
                    merged = new JsonObject();
                    components.put(kind, merged);
                }
                JsonObject definitions = serviceComponents.getJsonObject(kind);
                for (String name : definitions.fieldNames()) {
                    if (!merged.containsKey(name)) {
                        merged.put(name, definitions.getValue(name));
                    }
                }
            }
            for (Object tag : document.getJsonArray("tags", new JsonArray())) {
                if (tag instanceof JsonObject tagObject && tagObject.getString("name") != null) {
                    tags.putIfAbsent(tagObject.getString("name"), tagObject);
                }
            }
        }
        JsonObject schemes = components.getJsonObject("securitySchemes");
        if (schemes == null) {
            schemes = new JsonObject();
            components.put("securitySchemes", schemes);
        }
        schemes.put("pilotage", new JsonObject().put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT")
                .put("description", "An access token of the Keycloak realm 'pilotage' with the audience 'pilotage-api'."));
        // the same tokens, obtained from a browser: authorization code + PKCE with the public client pilotage-web
        schemes.put("pilotage-login", new JsonObject().put("type", "oauth2")
                .put("description", "Log in to the Keycloak realm 'pilotage' (client pilotage-web, authorization code with PKCE).")
                .put("flows", new JsonObject().put("authorizationCode", new JsonObject()
                        .put("authorizationUrl", oidcPublicUrl + "/protocol/openid-connect/auth")
                        .put("tokenUrl", oidcPublicUrl + "/protocol/openid-connect/token")
                        .put("scopes", new JsonObject().put("openid", "OpenID Connect")))));
        JsonObject merged = new JsonObject()
                .put("openapi", version)
                .put("info", new JsonObject()
                        .put("title", "Pilotage API")
                        .put("version", "1")
                        .put("description", "The public API of Pilotage, served through its gateway. Errors are RFC 9457 "
                                + "application/problem+json documents."))
                .put("servers", new JsonArray().add(new JsonObject().put("url", "/")))
                .put("security", new JsonArray()
                        .add(new JsonObject().put("pilotage", new JsonArray()))
                        .add(new JsonObject().put("pilotage-login", new JsonArray().add("openid"))))
                .put("tags", new JsonArray(new ArrayList<>(tags.values())))
                .put("paths", paths)
                .put("components", components);
        if (!unavailable.isEmpty()) {
            merged.put("x-pilotage-unavailable", new JsonArray(new ArrayList<>(unavailable)));
        }
        return merged;
    }

    private boolean routesTo(String operation, String path, Upstream service) {
        return routes.resolve(operation, path).map(Route::upstream).filter(service::equals).isPresent();
    }

    private Future<JsonObject> fetch(Upstream service) {
        Upstreams.Target target = upstreams.target(service);
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.ssl())
                .setURI(target.pathPrefix() + "/q/openapi?format=json")
                .putHeader(HttpHeaders.ACCEPT, "application/json")
                .setConnectTimeout(FETCH_TIMEOUT_MILLIS)
                .setIdleTimeout(FETCH_TIMEOUT_MILLIS);
        return upstreams.client().request(options)
                .compose(request -> request.send())
                .compose(response -> response.statusCode() == 200
                        ? response.body()
                        : Future.failedFuture("HTTP " + response.statusCode()))
                .map(Buffer::toJsonObject);
    }

    private static void send(RoutingContext ctx, Buffer document) {
        ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=60")
                .end(document);
    }
}
