package io.pilotage.alerting.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilotage.contracts.Granularity;
import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.KpiStatus;
import io.pilotage.contracts.KpiValue;
import io.pilotage.contracts.Topics;
import io.pilotage.contracts.definition.Definition;
import io.pilotage.contracts.definition.Direction;
import io.pilotage.contracts.definition.KpiDefinition;
import io.pilotage.contracts.definition.ProjectDefinition;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The real servers of the harness, for alerting's tests: Kafka topics, the Slack stand-in
 * (WireMock: stubs and request journal over its admin API), the SMTP server's mailboxes
 * (GreenMail API), and Keycloak tokens. Located by the env file's {@code PILOTAGE_*} variables.
 */
public final class Harness {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static KafkaProducer<String, byte[]> producer;

    private Harness() {
    }

    public static String env(String name) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException(name + " is not set: run the tests with the harness env "
                    + "(source \"$(PILOTAGE_INSTANCE=dev ./pilotage env)\", or ./pilotage test)");
        }
        return v;
    }

    /** The month that just closed and the open one, in the KPI time zone: the periods alerts follow. */
    public static final LocalDate THIS_MONTH = LocalDate.now(java.time.ZoneId.of("Africa/Bamako")).withDayOfMonth(1);
    public static final LocalDate LAST_MONTH = THIS_MONTH.minusMonths(1);

    /** A project key of the test's own, so tests sharing Kafka and PostgreSQL do not see each other. */
    public static String newProject() {
        return "it-" + UUID.randomUUID().toString().substring(0, 12);
    }

    // ------------------------------------------------------------------------------------- Kafka
    private static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env("PILOTAGE_KAFKA_BOOTSTRAP"),
                    ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0),
                    new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    public static void send(String topic, String key, byte[] value) {
        try {
            producer().send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish on " + topic, e);
        }
    }

    /** Publishes a project (owned by {@code owners}) and one KPI on pilotage.definitions.v1. */
    public static KpiDefinition publishKpi(String project, List<String> owners, Direction direction, double target,
                                           double warning, double critical) {
        ProjectDefinition p = new ProjectDefinition(project, "Project " + project, "tests", "IT", owners, "active");
        send(Topics.DEFINITIONS, Definition.projectKey(project), JsonCodec.encode(Definition.of(p, 1, Instant.now(),
                "it", "test")));
        KpiDefinition k = new KpiDefinition(project + ".rate", project, Map.of("fr", "Taux de réussite",
                "en", "Success rate"), "%", direction, target, new KpiDefinition.Thresholds(warning, critical),
                "monthly", "owner", null, null, 1);
        send(Topics.DEFINITIONS, Definition.kpiKey(project, k.key()), JsonCodec.encode(Definition.of(k, Instant.now(),
                "it", "test")));
        return k;
    }

    /** Publishes a project definition (a version above the one known replaces it). */
    public static void publishProject(String project, List<String> owners, int version) {
        ProjectDefinition p = new ProjectDefinition(project, "Project " + project, "tests", "IT", owners, "active");
        send(Topics.DEFINITIONS, Definition.projectKey(project), JsonCodec.encode(Definition.of(p, version, Instant.now(),
                "it", "test")));
    }

    /** A value of any period. */
    public static void publishValue(KpiDefinition k, Double v, Granularity g, LocalDate start, LocalDate end) {
        KpiValue value = new KpiValue(k.key(), k.project(), new KpiValue.Period(g, start, end), v, k.unit(), k.target(),
                v == null ? KpiStatus.NO_DATA : KpiStatus.AMBER, 100, true, null, 1, Instant.now());
        send(Topics.KPI_VALUES, Topics.kpiKey(k.project(), k.key()), JsonCodec.encode(value));
    }

    public static KpiValue value(KpiDefinition k, Double v, LocalDate month) {
        return new KpiValue(k.key(), k.project(), new KpiValue.Period(Granularity.MONTH, month,
                month.plusMonths(1).minusDays(1)), v, k.unit(), k.target(), v == null ? KpiStatus.NO_DATA : KpiStatus.AMBER,
                100, true, null, 1, Instant.now());
    }

    public static void publishValue(KpiDefinition k, Double v, LocalDate month) {
        send(Topics.KPI_VALUES, Topics.kpiKey(k.project(), k.key()), JsonCodec.encode(value(k, v, month)));
    }

    /** Every alert event about the alert, read from the start of pilotage.alerts.v1. */
    public static List<JsonNode> alertEvents(String alertId) {
        List<JsonNode> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, env("PILOTAGE_KAFKA_BOOTSTRAP"),
                ConsumerConfig.GROUP_ID_CONFIG, "it-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(Topics.ALERTS));
            int emptyPolls = 0;
            while (emptyPolls < 3) {
                var records = c.poll(Duration.ofMillis(700));
                if (records.isEmpty() && !c.assignment().isEmpty()) {
                    emptyPolls++;
                }
                for (ConsumerRecord<String, byte[]> r : records) {
                    if (alertId.equals(r.key())) {
                        found.add(json(new String(r.value())));
                    }
                }
            }
        }
        return found;
    }

    /**
     * Waits until the service evaluates KPI values: its consumer starts at the topic's end (tests
     * must not wait for a backlog of other modules' values), so a value published before the
     * partitions are assigned is not seen. Publishes a probe value each second until one is evaluated.
     */
    public static void awaitEvaluating(java.util.function.Supplier<io.restassured.specification.RequestSpecification> api) {
        String project = newProject();
        KpiDefinition k = publishKpi(project, List.of("owner"), Direction.HIGHER_IS_BETTER, 80, 70, 60);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> api.get().queryParam("project", project)
                .get("/alert-rules").then().extract().statusCode() == 200
                && api.get().queryParam("project", project).get("/alert-rules").then().extract().jsonPath()
                .getList("id").contains("threshold-critical"));
        java.util.concurrent.atomic.AtomicInteger month = new java.util.concurrent.atomic.AtomicInteger();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            publishValue(k, 10.0, LocalDate.of(2000, 1, 1).plusMonths(month.getAndIncrement()));
            return !api.get().queryParam("project", project).get("/alerts").then().extract().jsonPath().getList("")
                    .isEmpty();
        });
    }

    // ------------------------------------------------------------------ Slack stand-in (WireMock)
    public static String slackUrl(String path) {
        return env("PILOTAGE_SLACK_URL") + path;
    }

    /** Bodies received on a path, oldest first. */
    public static List<JsonNode> slackRequests(String path) {
        JsonNode found = post(env("PILOTAGE_SLACK_URL") + "/__admin/requests/find",
                "{\"method\":\"POST\",\"url\":\"" + path + "\"}");
        List<JsonNode> bodies = new ArrayList<>();
        List<JsonNode> requests = new ArrayList<>();
        found.get("requests").forEach(requests::add);
        requests.sort((a, b) -> Long.compare(a.get("loggedDate").asLong(), b.get("loggedDate").asLong()));
        for (JsonNode r : requests) {
            JsonNode b = json(r.get("body").asText());
            ((com.fasterxml.jackson.databind.node.ObjectNode) b).set("_headers", r.get("headers"));
            ((com.fasterxml.jackson.databind.node.ObjectNode) b).put("_raw", r.get("body").asText());
            bodies.add(b);
        }
        return bodies;
    }

    /** A stub: the path answers 500 once, then 200 (a WireMock scenario). */
    public static void failOnceThenOk(String path) {
        String scenario = "s-" + UUID.randomUUID();
        post(env("PILOTAGE_SLACK_URL") + "/__admin/mappings", """
                {"priority":1,"scenarioName":"%s","requiredScenarioState":"Started","newScenarioState":"failed-once",
                 "request":{"method":"POST","url":"%s"},"response":{"status":500,"body":"internal_error"}}"""
                .formatted(scenario, path));
        post(env("PILOTAGE_SLACK_URL") + "/__admin/mappings", """
                {"priority":1,"scenarioName":"%s","requiredScenarioState":"failed-once",
                 "request":{"method":"POST","url":"%s"},"response":{"status":200,"body":"ok"}}"""
                .formatted(scenario, path));
    }

    /** A stub: the path answers 200, but only after {@code millis}. */
    public static void slow(String path, int millis) {
        post(env("PILOTAGE_SLACK_URL") + "/__admin/mappings", """
                {"priority":1,"request":{"method":"POST","url":"%s"},
                 "response":{"status":200,"body":"ok","fixedDelayMilliseconds":%d}}""".formatted(path, millis));
    }

    // ---------------------------------------------------------------------------- SMTP (GreenMail)
    /** Messages received by an address: subject and the raw MIME message. */
    public static List<JsonNode> mails(String address) {
        JsonNode n;
        try {
            n = get(env("PILOTAGE_MAIL_API_URL") + "/api/user/" + address + "/messages/INBOX");
        } catch (IllegalStateException e) {
            if (e.getMessage() != null && e.getMessage().contains("not found")) {
                return List.of();   // GreenMail creates the mailbox with the first message
            }
            throw e;
        }
        List<JsonNode> l = new ArrayList<>();
        if (n != null && n.isArray()) {
            n.forEach(l::add);
        }
        return l;
    }

    // ------------------------------------------------------------------------------- Keycloak
    public static String token(String user) {
        String form = "grant_type=password&client_id=pilotage-web&username=" + user + "&password=" + user + "-pass";
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(env("PILOTAGE_OIDC_URL")
                                    + "/protocol/openid-connect/token"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("no token for " + user + ": " + r.statusCode() + " " + r.body());
            }
            return json(r.body()).get("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------------------------ HTTP
    static JsonNode json(String s) {
        try {
            return JsonCodec.mapper().readTree(s);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + s, e);
        }
    }

    static JsonNode post(String url, String body) {
        return call(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    static JsonNode get(String url) {
        return call(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    private static JsonNode call(HttpRequest req) {
        try {
            HttpResponse<String> r = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 300) {
                throw new IllegalStateException(req.method() + " " + req.uri() + " -> " + r.statusCode() + " " + r.body());
            }
            return r.body().isBlank() ? null : json(r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
