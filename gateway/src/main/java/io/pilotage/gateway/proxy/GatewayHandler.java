package io.pilotage.gateway.proxy;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.pilotage.gateway.config.GatewayConfig;
import io.pilotage.contracts.MediaTypes;
import io.pilotage.contracts.Problem;
import io.pilotage.gateway.problem.ProblemKind;
import io.pilotage.gateway.problem.ProblemResponses;
import io.pilotage.gateway.routing.Resource;
import io.pilotage.gateway.routing.Route;
import io.pilotage.gateway.routing.RouteTable;
import io.pilotage.gateway.routing.Upstream;
import io.pilotage.contracts.security.VerifiedTokenCache;
import io.pilotage.gateway.security.AccessPolicy;
import io.pilotage.gateway.security.Caller;
import io.pilotage.gateway.security.Role;
import io.pilotage.gateway.security.TokenFailures;
import io.pilotage.gateway.ratelimit.RateLimiter;
import org.eclipse.microprofile.jwt.JsonWebToken;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;

/**
 * The gateway: for every request, find the route, authenticate and authorise the caller when
 * the route needs it, and forward the request to the service, streaming both bodies.
 *
 * <p>Runs on the event loop and never blocks. Authentication is lazy
 * ({@code quarkus.http.auth.proactive=false}): the bearer token is validated by quarkus-oidc only
 * when a route requires it, through the deferred identity Quarkus leaves in the routing context;
 * the gateway replaces Quarkus' authentication failure handler (which would answer a bare 401)
 * so that every failure is answered here as an RFC 9457 problem.
 */
@Singleton
public class GatewayHandler {

    /** What a verified bearer token established here: who calls, and the key of its rate limit. */
    private record Verified(Caller caller, String clientKey) {
    }

    private static final Logger LOG = Logger.getLogger(GatewayHandler.class);

    /** Routing-context key of the request id set by {@link #preamble(RoutingContext)}. */
    static final String REQUEST_ID_KEY = "pilotage.request-id";

    /** Context-local key Quarkus' HTTP metrics read the {@code uri} tag from. */
    static final String URL_PATH_TEMPLATE = "UrlPathTemplate";

    /** Replaces Quarkus' default authentication failure handler: the gateway answers failures itself. */
    private static final BiConsumer<RoutingContext, Throwable> FAILURES_ANSWERED_BY_GATEWAY = (ctx, failure) -> {
    };

    private final RouteTable routes = RouteTable.pilotage();
    private final AccessPolicy policy = new AccessPolicy();
    private final Upstreams upstreams;
    private final UpstreamMetrics metrics;
    private final OpenApiAggregator openApi;
    private final long maxBodySize;
    private final long timeoutMillis;
    private final long connectTimeoutMillis;
    private final String retryAfterSeconds;
    private final SwaggerUi swaggerUi;
    private final EdgeHeaders edgeHeaders;
    /** Verified tokens (a cache that is off finds nothing). */
    private final VerifiedTokenCache<Verified> verifiedTokens;
    /** Per-client buckets; null when rate limits are disabled. */
    private final RateLimiter rateLimiter;

    public GatewayHandler(Upstreams upstreams, UpstreamMetrics metrics, OpenApiAggregator openApi, GatewayConfig config,
            SwaggerUi swaggerUi, EdgeHeaders edgeHeaders,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.upstreams = upstreams;
        this.metrics = metrics;
        this.openApi = openApi;
        this.swaggerUi = swaggerUi;
        this.edgeHeaders = edgeHeaders;
        this.verifiedTokens = new VerifiedTokenCache<>(new VerifiedTokenCache.Settings(
                config.tokenCache().enabled(), config.tokenCache().maxSize(), config.tokenCache().maxAge()));
        this.rateLimiter = config.rateLimit().enabled()
                ? new RateLimiter(config.rateLimit().requestsPerSecond(), config.rateLimit().burst(), config.rateLimit().maxClients())
                : null;
        this.maxBodySize = maxBodySize.asLongValue();
        this.timeoutMillis = config.upstream().timeout().toMillis();
        this.connectTimeoutMillis = config.upstream().connectTimeout().toMillis();
        this.retryAfterSeconds = Long.toString(Math.max(1, config.upstream().retryAfter().toSeconds()));
    }

    /**
     * First handler of every request, before Quarkus' own: assigns the request id (echoed in the
     * response) and refuses a body announced larger than {@code quarkus.http.limits.max-body-size}
     * with a problem rather than Quarkus' bare 413.
     */
    public void preamble(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String requestId = RequestIds.acceptOrGenerate(request.getHeader(RequestIds.HEADER));
        ctx.put(REQUEST_ID_KEY, requestId);
        ctx.response().putHeader(RequestIds.HEADER, requestId);
        edgeHeaders.apply(ctx);
        String contentLength = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (contentLength != null) {
            long length;
            try {
                length = Long.parseLong(contentLength.trim());
            } catch (NumberFormatException e) {
                length = -1;
            }
            if (length < 0) {
                reject(ctx, "bad_request", ProblemKind.BAD_REQUEST.problem(
                        "Content-Length is not a number of bytes.", instanceOf(ctx), requestId));
                return;
            }
            if (length > maxBodySize) {
                tooLarge(ctx, instanceOf(ctx), requestId);
                return;
            }
        }
        ctx.next();
    }

    /** The {@code instance} of a problem: the path, or the route template where the path may hold a secret. */
    private String instanceOf(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        return routes.resolve(ctx.request().method().name(), path)
                .filter(route -> route.resource() == Resource.SOURCE_ADAPTER)
                .map(Route::template)
                .orElse(path);
    }

    /** The catch-all route: resolve, authorise, forward. */
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String requestId = ctx.get(REQUEST_ID_KEY);
        String method = request.method().name();
        String rawPath = request.path();
        if (hasEncodedSeparator(rawPath)) {
            reject(ctx, "bad_request", ProblemKind.BAD_REQUEST.problem(
                    "The path contains an encoded '/' or '\\' (%2F, %5C), which the gateway does not route.",
                    null, requestId));
            return;
        }
        String path = ctx.normalizedPath();
        Optional<Route> match = routes.resolve(method, path);
        if (match.isEmpty()) {
            Set<String> allowed = routes.methodsFor(path);
            if (!allowed.isEmpty()) {
                ctx.response().putHeader("Allow", String.join(", ", allowed));
                reject(ctx, "method_not_allowed", ProblemKind.METHOD_NOT_ALLOWED.problem(
                        method + " is not allowed on " + path + "; allowed: " + String.join(", ", allowed) + ".",
                        path, requestId));
                return;
            }
            reject(ctx, "not_found", ProblemKind.NOT_FOUND.problem(
                    "No Pilotage API route for " + method + " " + path + ".", path, requestId));
            return;
        }
        Route route = match.get();
        Context context = Vertx.currentContext();
        if (context != null) {
            context.putLocal(URL_PATH_TEMPLATE, route.template());
        }
        if (route.upstream() == Upstream.LOCAL) {
            if (route.resource() == Resource.CONSOLE) {
                // the public entry's root is the console
                ctx.response().setStatusCode(302).putHeader("Location", "/console/").end();
            } else if (route.resource() == Resource.OPENAPI) {
                if (path.startsWith("/swagger-ui")) {
                    swaggerUi.handle(ctx, path);
                } else {
                    openApi.handle(ctx);
                }
            } else {
                ctx.next(); // health and metrics: served by Quarkus
            }
            return;
        }
        // a source adapter's path may hold its secret: show the template instead
        String instance = route.resource() == Resource.SOURCE_ADAPTER ? route.template() : path;
        if (hasBodyWithoutContentType(request) && !isSplunkHec(route)) {
            reject(ctx, "unsupported_media_type", ProblemKind.UNSUPPORTED_MEDIA_TYPE.problem(
                    "The request has a body but no Content-Type: say what it is (e.g. 'Content-Type: application/json').",
                    instance, requestId));
            return;
        }
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && !MediaTypes.isConcrete(contentType) && !isSplunkHec(route)) {
            reject(ctx, "unsupported_media_type", ProblemKind.UNSUPPORTED_MEDIA_TYPE.problem(
                    "The Content-Type is not a media type: name the body's type (e.g. 'Content-Type: application/json'), "
                            + "not a wildcard.", instance, requestId));
            return;
        }
        Exchange exchange = new Exchange(ctx, route, method, path, instance, requestId);
        request.pause(); // the body waits until the decision is taken and the upstream connected
        if (!AccessPolicy.requiresToken(route.resource())) {
            admit(exchange, "address:" + clientAddress(request));
            return;
        }
        String token = bearerToken(request);
        if (token != null) {
            Verified verified = verifiedTokens.find(token);
            if (verified != null) {
                authorise(exchange, verified.caller(), verified.clientKey());
                return;
            }
        }
        ctx.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, FAILURES_ANSWERED_BY_GATEWAY);
        QuarkusHttpUser.getSecurityIdentity(ctx, null).subscribe().with(
                identity -> onContext(context, () -> authenticated(exchange, token, identity)),
                failure -> onContext(context, () -> authenticationFailed(exchange, failure)));
    }

    /** Quarkus-oidc verified the token (or there was none): remember it, then decide. */
    private void authenticated(Exchange exchange, String token, SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            authorise(exchange, Caller.anonymous(), null);
            return;
        }
        Caller caller = Caller.withRoles(Role.fromClaims(identity.getRoles()));
        String clientKey = "subject:" + identity.getPrincipal().getName();
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            if (jwt.getSubject() != null) {
                clientKey = "subject:" + jwt.getSubject();
            }
            if (token != null && jwt.getExpirationTime() > 0) {
                verifiedTokens.store(token, new Verified(caller, clientKey), Instant.ofEpochSecond(jwt.getExpirationTime()),
                        Instant.now());
            }
        }
        authorise(exchange, caller, clientKey);
    }

    /** Rate limit, then forward. */
    private void admit(Exchange exchange, String clientKey) {
        if (rateLimiter != null) {
            RateLimiter.Verdict verdict = rateLimiter.tryConsume(clientKey);
            if (!verdict.allowed()) {
                exchange.ctx.response().putHeader("Retry-After", Long.toString(verdict.retryAfterSeconds()));
                exchange.reject("rate_limited", ProblemKind.TOO_MANY_REQUESTS.problem(
                        "Too many requests from this client: slow down and retry after "
                                + verdict.retryAfterSeconds() + " s.",
                        exchange.instance, exchange.requestId));
                return;
            }
        }
        forward(exchange);
    }

    private void authorise(Exchange exchange, Caller caller, String clientKey) {
        switch (policy.decide(exchange.route.resource(), exchange.method, caller)) {
            case ALLOW -> admit(exchange, clientKey);
            case UNAUTHENTICATED -> {
                exchange.ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"pilotage\"");
                exchange.reject("unauthenticated", ProblemKind.UNAUTHENTICATED.problem(
                        exchange.method + " " + exchange.instance + " requires a bearer token: send "
                                + "'Authorization: Bearer <access token>' with an access token of the Pilotage realm.",
                        exchange.instance, exchange.requestId));
            }
            case FORBIDDEN -> exchange.reject("forbidden", ProblemKind.FORBIDDEN.problem(
                    exchange.method + " " + exchange.instance + " requires one of the roles "
                            + names(policy.rolesAllowed(exchange.route.resource(), exchange.method))
                            + "; the token has " + (caller.roles().isEmpty() ? "no Pilotage role" : "the roles " + names(caller.roles()))
                            + ".",
                    exchange.instance, exchange.requestId));
        }
    }

    private void authenticationFailed(Exchange exchange, Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof AuthenticationFailedException) {
            String detail = TokenFailures.describe(cause);
            LOG.debugf("request %s: %s %s: bearer token rejected: %s", exchange.requestId, exchange.method,
                    exchange.route.template(), detail);
            exchange.ctx.response().putHeader("WWW-Authenticate",
                    "Bearer realm=\"pilotage\", error=\"invalid_token\"");
            exchange.reject("invalid_token", ProblemKind.INVALID_TOKEN.problem(detail, exchange.instance, exchange.requestId));
            return;
        }
        // not a verdict on the token: the identity provider could not be asked (JWKS unreachable, ...)
        LOG.warnf("request %s: %s %s: token could not be verified: %s", exchange.requestId, exchange.method,
                exchange.route.template(), cause.toString());
        exchange.ctx.response().putHeader("Retry-After", retryAfterSeconds);
        exchange.reject("identity_provider_unavailable", ProblemKind.UPSTREAM_UNAVAILABLE.problem(
                "The bearer token cannot be verified now: the identity provider is not reachable. Try again later.",
                exchange.instance, exchange.requestId));
    }

    private void forward(Exchange exchange) {
        HttpServerRequest request = exchange.ctx.request();
        Upstreams.Target target = upstreams.target(exchange.route.upstream());
        String query = request.query();
        String uri = target.pathPrefix() + exchange.path + (query == null ? "" : "?" + query);
        MultiMap headers = ForwardedHeaders.upstream(request.headers());
        headers.set(RequestIds.HEADER, exchange.requestId);
        addForwardedFor(headers, request);
        RequestOptions options = new RequestOptions()
                .setMethod(request.method())
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.ssl())
                .setURI(uri)
                .setHeaders(headers)
                .setConnectTimeout(connectTimeoutMillis)
                .setIdleTimeout(timeoutMillis);
        exchange.start = System.nanoTime();
        upstreams.client().request(options).onComplete(connected -> {
            if (connected.failed()) {
                unavailable(exchange, connected.cause());
            } else {
                stream(exchange, connected.result());
            }
        });
    }

    private void stream(Exchange exchange, HttpClientRequest upstream) {
        HttpServerRequest request = exchange.ctx.request();
        HttpServerResponse response = exchange.ctx.response();
        if (!request.headers().contains(HttpHeaders.CONTENT_LENGTH) && mayHaveBody(request)) {
            upstream.setChunked(true);
        }
        // failures surface through upstream.response(); this only keeps Vert.x from logging them twice
        upstream.exceptionHandler(failure -> LOG.debugf("request %s: upstream stream: %s", exchange.requestId, failure));
        exchange.ctx.addEndHandler(ended -> {
            if (ended.failed()) {
                upstream.reset(); // the client went away: stop the upstream's work too
            }
        });
        upstream.response().onComplete(received -> {
            if (received.failed()) {
                upstreamFailed(exchange, received.cause());
            } else {
                relay(exchange, received.result());
            }
        });
        long[] received = {0};
        request.handler(chunk -> {
            received[0] += chunk.length();
            if (received[0] > maxBodySize) {
                request.handler(null);
                request.endHandler(null);
                exchange.answered = true;
                upstream.reset();
                response.putHeader(HttpHeaders.CONNECTION, "close");
                tooLarge(exchange.ctx, exchange.instance, exchange.requestId);
                return;
            }
            upstream.write(chunk);
            if (upstream.writeQueueFull()) {
                request.pause();
                upstream.drainHandler(drained -> request.resume());
            }
        });
        request.endHandler(end -> upstream.end());
        request.exceptionHandler(failure -> upstream.reset(0, failure));
        if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            response.writeContinue();
        }
        request.resume();
    }

    private void relay(Exchange exchange, HttpClientResponse upstream) {
        if (exchange.answered) {
            return;
        }
        HttpServerResponse response = exchange.ctx.response();
        if (response.closed()) {
            upstream.request().reset();
            return;
        }
        int status = upstream.statusCode();
        response.setStatusCode(status);
        if (upstream.statusMessage() != null) {
            response.setStatusMessage(upstream.statusMessage());
        }
        response.headers().addAll(ForwardedHeaders.downstream(upstream.headers()));
        if (!upstream.headers().contains(HttpHeaders.CONTENT_LENGTH)
                && bodyAllowed(exchange.method, status)
                && exchange.ctx.request().version() != HttpVersion.HTTP_2) {
            response.setChunked(true);
        }
        upstream.pipe().endOnFailure(false).to(response).onComplete(piped -> {
            if (piped.succeeded()) {
                metrics.forwarded(exchange.route.upstream(), UpstreamMetrics.statusClass(status), exchange.start);
            } else {
                metrics.forwarded(exchange.route.upstream(), "error", exchange.start);
                LOG.warnf("request %s: %s %s -> %s: response cut short: %s", exchange.requestId, exchange.method,
                        exchange.route.template(), exchange.route.upstream().configName(), piped.cause().toString());
                response.reset();
            }
        });
    }

    private void unavailable(Exchange exchange, Throwable cause) {
        metrics.forwarded(exchange.route.upstream(), "unavailable", exchange.start);
        String service = exchange.route.upstream().configName();
        LOG.warnf("request %s: %s %s -> %s unavailable: %s", exchange.requestId, exchange.method,
                exchange.route.template(), service, cause.toString());
        exchange.ctx.response().putHeader("Retry-After", retryAfterSeconds);
        exchange.reject(null, ProblemKind.UPSTREAM_UNAVAILABLE.problem(
                "The " + service + " service is not reachable (" + describe(cause) + "). Try again later.",
                exchange.instance, exchange.requestId));
    }

    private void upstreamFailed(Exchange exchange, Throwable cause) {
        if (exchange.answered) {
            return;
        }
        String service = exchange.route.upstream().configName();
        if (cause instanceof TimeoutException) {
            metrics.forwarded(exchange.route.upstream(), "timeout", exchange.start);
            LOG.warnf("request %s: %s %s -> %s timed out after %d ms", exchange.requestId, exchange.method,
                    exchange.route.template(), service, timeoutMillis);
            exchange.reject(null, ProblemKind.UPSTREAM_TIMEOUT.problem(
                    "The " + service + " service did not answer within " + timeoutMillis + " ms.",
                    exchange.instance, exchange.requestId));
            return;
        }
        metrics.forwarded(exchange.route.upstream(), "error", exchange.start);
        LOG.warnf("request %s: %s %s -> %s failed: %s", exchange.requestId, exchange.method,
                exchange.route.template(), service, cause.toString());
        exchange.reject(null, ProblemKind.BAD_GATEWAY.problem(
                "The connection to the " + service + " service failed before it answered.",
                exchange.instance, exchange.requestId));
    }

    private void tooLarge(RoutingContext ctx, String instance, String requestId) {
        reject(ctx, "too_large", ProblemKind.PAYLOAD_TOO_LARGE.problem(
                "The request body exceeds the limit of " + maxBodySize + " bytes.", instance, requestId));
    }

    /** Answers a problem; the request body, if any, is drained so the connection can be reused. */
    private void reject(RoutingContext ctx, String reason, Problem problem) {
        if (reason != null) {
            metrics.rejected(reason);
        }
        HttpServerRequest request = ctx.request();
        if (!request.isEnded()) {
            request.handler(null);
            request.resume();
        }
        ProblemResponses.send(ctx, problem);
    }

    private static void onContext(Context context, Runnable task) {
        if (context == null || Vertx.currentContext() == context) {
            task.run();
        } else {
            context.runOnContext(ignored -> task.run());
        }
    }

    private static boolean hasEncodedSeparator(String rawPath) {
        int percent = rawPath.indexOf('%');
        while (percent >= 0 && percent + 2 < rawPath.length()) {
            char hi = rawPath.charAt(percent + 1);
            char lo = Character.toUpperCase(rawPath.charAt(percent + 2));
            if ((hi == '2' && lo == 'F') || (hi == '5' && lo == 'C')) {
                return true;
            }
            percent = rawPath.indexOf('%', percent + 1);
        }
        return false;
    }

    /** Whether a request without Content-Length may still carry a body. */
    private static boolean mayHaveBody(HttpServerRequest request) {
        if (request.version() == HttpVersion.HTTP_2) {
            return !request.isEnded();
        }
        return request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
    }

    private static boolean bodyAllowed(String method, int status) {
        return !method.equals(HttpMethod.HEAD.name()) && status >= 200 && status != 204 && status != 304;
    }

    /**
     * The gateway is the edge: the {@code X-Forwarded-*} headers are its own (the client's were
     * dropped by {@link ForwardedHeaders#upstream}), describing the connection it received.
     */
    private static void addForwardedFor(MultiMap headers, HttpServerRequest request) {
        headers.set("X-Forwarded-For", clientAddress(request));
        headers.set("X-Forwarded-Proto", request.isSSL() ? "https" : "http");
        if (request.authority() != null) {
            headers.set("X-Forwarded-Host", request.authority().toString());
        }
    }

    private static String clientAddress(HttpServerRequest request) {
        return request.remoteAddress() != null && request.remoteAddress().hostAddress() != null
                ? request.remoteAddress().hostAddress()
                : "unknown";
    }

    /** The bearer token of the request, or null. */
    private static String bearerToken(HttpServerRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || authorization.length() <= 7
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    /** The prefix of Splunk HEC's routes, whose clients may send a body without Content-Type (HEC reads it). */
    static final String SPLUNK_HEC_PREFIX = "/services/collector/";

    /** A Splunk HEC route: HEC takes a body without Content-Type, and so does ingestion behind it. */
    private static boolean isSplunkHec(Route route) {
        return route.resource() == Resource.SOURCE_ADAPTER && route.template().startsWith(SPLUNK_HEC_PREFIX);
    }

    /** A body is announced (non-zero Content-Length, or chunked) without saying what it is. */
    private static boolean hasBodyWithoutContentType(HttpServerRequest request) {
        if (request.headers().contains(HttpHeaders.CONTENT_TYPE)) {
            return false;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            return !length.trim().equals("0");
        }
        return request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
    }

    private static String names(Set<Role> roles) {
        return roles.stream().map(Role::claimValue).sorted().collect(Collectors.joining(", "));
    }

    private String describe(Throwable cause) {
        String type = cause.getClass().getSimpleName().toLowerCase(Locale.ROOT);
        if (cause instanceof TimeoutException || type.contains("timeout")) {
            return "no connection within " + connectTimeoutMillis + " ms";
        }
        if (cause instanceof java.net.ConnectException) {
            return "connection refused";
        }
        if (cause instanceof java.net.UnknownHostException) {
            return "unknown host";
        }
        if (cause instanceof io.vertx.core.http.ConnectionPoolTooBusyException) {
            return "too many requests waiting for a connection";
        }
        return "connection failed";
    }

    /** One request on its way through the gateway. */
    private final class Exchange {
        final RoutingContext ctx;
        final Route route;
        final String method;
        final String path;
        final String instance;
        final String requestId;
        long start;
        /** Set once the gateway answered itself, so a late upstream response is not relayed. */
        boolean answered;

        Exchange(RoutingContext ctx, Route route, String method, String path, String instance, String requestId) {
            this.ctx = ctx;
            this.route = route;
            this.method = method;
            this.path = path;
            this.instance = instance;
            this.requestId = requestId;
        }

        void reject(String reason, Problem problem) {
            answered = true;
            GatewayHandler.this.reject(ctx, reason, problem);
        }
    }
}
