package io.pilotage.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import io.pilotage.contracts.JsonCodec;
import io.pilotage.gateway.routing.Resource;
import io.pilotage.gateway.routing.Route;
import io.pilotage.gateway.routing.RouteTable;
import io.pilotage.gateway.routing.Upstream;
import io.pilotage.gateway.security.AccessPolicy;
import io.pilotage.gateway.security.Decision;
import io.pilotage.gateway.security.Role;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The role matrix, proven on the real stack: generated from the gateway's declaration
 * ({@link RouteTable} + {@link AccessPolicy}) for every operation the services actually expose
 * (read from each service's own OpenAPI document), and played with real Keycloak tokens through
 * the gateway AND directly on the service (defence in depth: bypassing the gateway bypasses
 * nothing). An operation that the matrix does not cover fails the build.
 *
 * <p>Expected, for every operation and method: a role the matrix allows is not refused (not 401,
 * not 403, and never a 5xx); a role it does not allow gets 403; no token and every invalid token
 * (expired, another issuer, another audience, another key, {@code alg: none}, tampered) get 401.
 * On operations of one project ({@code {project}} in the path) a project owner's write is allowed
 * on a project they own and refused (403, by the service that owns the data) on another.
 */
@ExtendWith(PilotageStack.class)
class RoleMatrixIT {

    private static final RouteTable ROUTES = RouteTable.pilotage();
    private static final AccessPolicy POLICY = new AccessPolicy();
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}/]+)}");
    /** Projects of the demo user {@code owner} (erp, cybersecurity) and one of someone else. */
    private static final String OWN_PROJECT = "erp";
    private static final String OTHER_PROJECT = "mobile-app";
    private static final String PROBE = "matrix-probe-" + UUID.randomUUID().toString().substring(0, 8);

    private static Map<String, Callers.Caller> roles;
    private static List<Callers.Caller> refused;
    private static List<Operation> operations;

    /** One operation a service exposes, per its OpenAPI document. */
    record Operation(Upstream service, String method, String template, String consumes) {
        @Override
        public String toString() {
            return method + " " + template + " (" + service.configName() + ")";
        }
    }

    @BeforeAll
    static void callersAndOperations() {
        roles = Callers.roles();
        refused = Callers.refused();
        operations = exposedOperations();
    }

    private static String serviceUrl(Upstream service) {
        return PilotageStack.variable("PILOTAGE_" + service.configName().toUpperCase(Locale.ROOT).replace('-', '_') + "_URL");
    }

    /** Every operation of every service, from the service's own OpenAPI document. */
    private static List<Operation> exposedOperations() {
        List<Operation> all = new ArrayList<>();
        for (Upstream service : Upstream.apis()) {
            String body = given().baseUri(serviceUrl(service)).queryParam("format", "json")
                    .when().get("/q/openapi").then().statusCode(200).extract().asString();
            JsonNode paths = JsonCodec.decode(body, JsonNode.class).path("paths");
            for (Iterator<Map.Entry<String, JsonNode>> p = paths.fields(); p.hasNext(); ) {
                Map.Entry<String, JsonNode> path = p.next();
                for (Iterator<String> m = path.getValue().fieldNames(); m.hasNext(); ) {
                    String name = m.next();
                    String method = name.toUpperCase(Locale.ROOT);
                    if (Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                        all.add(new Operation(service, method, path.getKey(),
                                mediaType(path.getValue().path(name).path("requestBody").path("content"))));
                    }
                }
            }
        }
        return all;
    }

    /** The media type to send a body as: JSON when the operation takes it, else the first it declares. */
    private static String mediaType(JsonNode content) {
        List<String> types = new ArrayList<>();
        content.fieldNames().forEachRemaining(types::add);
        return types.contains("application/json") || types.isEmpty() ? "application/json" : types.getFirst();
    }

    /** A small body of the given media type (its content is refused or ignored: only the access decision matters). */
    private static String body(String mediaType) {
        if (mediaType.contains("json")) {
            return "{}";
        }
        if (mediaType.contains("csv")) {
            return "id,type\nx,y\n";
        }
        return mediaType.contains("yaml") ? "project: x\n" : "x";
    }

    /** The template with its variables filled: {@code {project}} with the given project, others with a probe value. */
    private static String concrete(String template, String project) {
        Matcher matcher = VARIABLE.matcher(template);
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1).toLowerCase(Locale.ROOT);
            String value = name.equals("project") || name.equals("projectkey") || name.equals("projectid") ? project : PROBE;
            matcher.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(path);
        return path.toString();
    }

    private static boolean perProject(Operation operation) {
        return VARIABLE.matcher(operation.template()).results()
                .anyMatch(r -> r.group(1).toLowerCase(Locale.ROOT).startsWith("project"));
    }

    private static Optional<Route> route(Operation operation) {
        return ROUTES.resolve(operation.method(), concrete(operation.template(), OWN_PROJECT));
    }

    @Test
    void everyOperationOfEveryServiceIsCoveredByTheMatrix() {
        assertThat(operations).as("the services expose operations").isNotEmpty();
        List<String> uncovered = new ArrayList<>();
        for (Operation operation : operations) {
            Optional<Route> route = route(operation);
            if (route.isEmpty()) {
                uncovered.add(operation + ": no gateway route");
            } else if (route.get().upstream() != operation.service()) {
                uncovered.add(operation + ": the gateway routes it to " + route.get().upstream().configName());
            } else if (route.get().resource().authentication() == Resource.Authentication.NONE) {
                uncovered.add(operation + ": routed as an anonymous gateway resource");
            }
        }
        assertThat(uncovered).as("operations the role matrix (RouteTable + AccessPolicy) does not cover").isEmpty();
    }

    @Test
    void theGatewaysOpenApiDocumentHasEveryServicesOperations() {
        String body = given().baseUri(PilotageStack.gatewayUrl()).when().get("/openapi")
                .then().statusCode(200).extract().asString();
        JsonNode document = JsonCodec.decode(body, JsonNode.class);
        assertThat(document.has("x-pilotage-unavailable")).as(body).isFalse();
        for (Operation operation : operations) {
            if (route(operation).map(r -> r.upstream() == operation.service()).orElse(false)) {
                assertThat(document.path("paths").path(operation.template()).has(operation.method().toLowerCase(Locale.ROOT)))
                        .as(operation.toString()).isTrue();
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everyOperationTimesEveryCallerThroughTheGatewayAndDirectly() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Operation operation : operations) {
            Optional<Route> route = route(operation);
            if (route.isEmpty() || route.get().resource().authentication() != Resource.Authentication.BEARER) {
                continue; // uncovered ones fail above; source adapters have their own authentication
            }
            Resource resource = route.get().resource();
            Map<String, String> targets = new java.util.LinkedHashMap<>();
            targets.put("gateway", PilotageStack.gatewayUrl());
            targets.put(operation.service().configName(), serviceUrl(operation.service()));
            for (Map.Entry<String, String> target : targets.entrySet()) {
                String where = " via " + target.getKey();
                for (Callers.Caller caller : roles.values()) {
                    Role role = Role.fromClaim(caller.role()).orElseThrow();
                    boolean allowed = POLICY.decide(resource, operation.method(), io.pilotage.gateway.security.Caller.withRoles(role))
                            == Decision.ALLOW;
                    boolean ownership = role == Role.PROJECT_OWNER && allowed && !AccessPolicy.isRead(operation.method())
                            && perProject(operation);
                    if (ownership) {
                        tests.add(DynamicTest.dynamicTest(operation + " as " + caller.label() + " on their project" + where,
                                () -> expectAllowed(target.getValue(), operation, caller, OWN_PROJECT)));
                        tests.add(DynamicTest.dynamicTest(operation + " as " + caller.label() + " on another's project" + where,
                                () -> expectStatus(target.getValue(), operation, caller, OTHER_PROJECT, 403)));
                    } else if (allowed) {
                        tests.add(DynamicTest.dynamicTest(operation + " as " + caller.label() + where,
                                () -> expectAllowed(target.getValue(), operation, caller, OWN_PROJECT)));
                    } else {
                        tests.add(DynamicTest.dynamicTest(operation + " as " + caller.label() + " -> 403" + where,
                                () -> expectStatus(target.getValue(), operation, caller, OWN_PROJECT, 403)));
                    }
                }
                for (Callers.Caller caller : refused) {
                    tests.add(DynamicTest.dynamicTest(operation + " with " + caller.label() + " -> 401" + where,
                            () -> expectStatus(target.getValue(), operation, caller, OWN_PROJECT, 401)));
                }
            }
        }
        assertThat(tests).isNotEmpty();
        return tests.stream();
    }

    private static void expectAllowed(String baseUrl, Operation operation, Callers.Caller caller, String project) {
        Response response = send(baseUrl, operation, caller, project);
        assertThat(response.statusCode())
                .as("%s as %s: %s", operation, caller.label(), response.asString())
                .isNotIn(401, 403)
                .isLessThan(500);
    }

    private static void expectStatus(String baseUrl, Operation operation, Callers.Caller caller, String project, int status) {
        Response response = send(baseUrl, operation, caller, project);
        assertThat(response.statusCode()).as("%s as %s: %s", operation, caller.label(), response.asString()).isEqualTo(status);
        if (!operation.method().equals("HEAD")) {
            assertThat(response.contentType()).as("an RFC 9457 problem").startsWith("application/problem+json");
        }
    }

    private static Map<String, Callers.Caller> freshRoles;
    private static long freshSince;

    /**
     * The caller's Authorization header, with a token of the role issued within the last minute: the
     * matrix takes longer than an access token lives. Refused callers keep theirs as they are.
     */
    private static synchronized String authorization(Callers.Caller caller) {
        if (caller.role() == null || !roles.containsValue(caller)) {
            return caller.authorization();
        }
        if (freshRoles == null || System.nanoTime() - freshSince > Duration.ofSeconds(60).toNanos()) {
            freshRoles = Callers.roles();
            freshSince = System.nanoTime();
        }
        return freshRoles.get(caller.role()).authorization();
    }

    /** Sends the operation; a 429 of the gateway's rate limit is waited out (the matrix is many requests). */
    private static Response send(String baseUrl, Operation operation, Callers.Caller caller, String project) {
        Response[] last = new Response[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).pollDelay(Duration.ZERO).until(() -> {
            RequestSpecification request = given().baseUri(baseUrl).redirects().follow(false);
            String authorization = authorization(caller);
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            if (Set.of("POST", "PUT", "PATCH").contains(operation.method())) {
                request.contentType(operation.consumes()).body(body(operation.consumes()));
            }
            last[0] = request.request(operation.method(), concrete(operation.template(), project));
            return last[0].statusCode() != 429;
        });
        return last[0];
    }
}
