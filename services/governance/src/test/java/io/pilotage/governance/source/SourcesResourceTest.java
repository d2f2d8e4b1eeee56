package io.pilotage.governance.source;

import io.pilotage.contracts.definition.SourceDefinition.SecretHash;

import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.RejectedEvent;
import io.pilotage.contracts.Topics;
import io.pilotage.contracts.definition.Definition;
import io.pilotage.contracts.definition.SourceKeySeal;
import io.pilotage.governance.support.Api;
import io.pilotage.governance.support.DefinitionsTopic;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import static io.pilotage.governance.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** Sources registry: secrets shown once and stored hashed, rotation, quality rules, quality results from rejected events. */
@QuarkusTest
class SourcesResourceTest {

    static String source(String id, String project) {
        return """
                {"id": "%s", "project": "%s", "kind": "odoo", "mapping": {"models": {"account.move": {"posted": "document.validated"}}},
                 "personalFields": ["email"], "expectedInterval": "PT15M", "acceptedLateness": "P7D",
                 "qualityRules": [
                   {"name": "amount-positive", "type": "between", "field": "value", "min": 0, "mostly": 0.99, "severity": "reject"},
                   {"name": "currency", "type": "in_set", "field": "attributes.currency", "values": ["XOF", "EUR"], "severity": "flag"}]}"""
                .formatted(id, project);
    }

    @Test
    void aSecretIsShownOnceStoredHashedAndPublishedWithTheRules() {
        String project = Api.uniqueKey("src");
        Api.createProject(project, "owner");
        String id = project + "-odoo";
        String secret = as("owner").body(source(id, project)).when().post("/sources").then().statusCode(201)
                .header("Cache-Control", "no-store")
                .body("version", equalTo(1)).body("qualityRules", hasSize(2)).body("secrets", hasSize(1))
                .extract().path("secret");
        assertThat(secret).startsWith("pls_");
        as("analyst").when().get("/sources/" + id).then().statusCode(200).body("secret", nullValue())
                .body("secrets[0].fingerprint", equalTo(SourceSecrets.sha256Hex(secret).substring(0, 12)))
                .body(not(org.hamcrest.Matchers.containsString(secret)));
        var published = DefinitionsTopic.awaitRecord(Definition.sourceKey(id), r -> r.value() != null);
        var def = published.value().source();
        // the secret's hash (token check) and its signing key (signature check) sealed, never the secret
        assertThat(def.secrets()).hasSize(2);
        assertThat(def.secrets().get(0)).isEqualTo(new SecretHash("sha256", SourceSecrets.sha256Hex(secret), null));
        assertThat(def.secrets().get(1).algorithm()).isEqualTo(SourceKeySeal.ALGORITHM);
        assertThat(opened(def.secrets().get(1))).isEqualTo(SecretHash.signingKey(secret, null).hash());
        assertThat(JsonCodec.encodeToString(published.value())).as("no signing key in the clear on the topic")
                .doesNotContain(SecretHash.signingKey(secret, null).hash());
        assertThat(def.qualityRules()).extracting(r -> r.name()).containsExactly("amount-positive", "currency");
        assertThat(def.expectedInterval()).isEqualTo(Duration.ofMinutes(15));
        assertThat(def.mapping()).containsKey("models");

        // rotation: a new secret, the old one valid for the overlap
        String rotated = as("owner").when().post("/sources/" + id + "/secret/rotate?version=1&overlap=PT1H").then().statusCode(200)
                .body("version", equalTo(2)).body("secrets", hasSize(2)).extract().path("secret");
        assertThat(rotated).isNotEqualTo(secret);
        var afterRotation = DefinitionsTopic.awaitRecord(Definition.sourceKey(id), r -> r.value() != null && r.value().version() == 2);
        var hashes = afterRotation.value().source().secrets();
        assertThat(hashes).hasSize(4);
        assertThat(hashes.get(0)).isEqualTo(new SecretHash("sha256", SourceSecrets.sha256Hex(rotated), null));
        assertThat(opened(hashes.get(1))).isEqualTo(SecretHash.signingKey(rotated, null).hash());
        assertThat(hashes.get(2).hash()).isEqualTo(SourceSecrets.sha256Hex(secret));
        assertThat(opened(hashes.get(3))).isEqualTo(SecretHash.signingKey(secret, null).hash());
        assertThat(hashes.subList(2, 4)).allSatisfy(h -> assertThat(h.notAfter())
                .isBetween(Instant.now().plus(Duration.ofMinutes(55)), Instant.now().plus(Duration.ofMinutes(65))));
    }

    /** A sealed signing key opened with the secret ingestion is given too (hex). */
    private static String opened(SecretHash sealed) {
        SourceKeySeal seal = new SourceKeySeal(ConfigProvider.getConfig().getValue("pilotage.source-key-secret", String.class));
        return java.util.HexFormat.of().formatHex(seal.open(sealed).orElseThrow());
    }

    @Test
    void ownersOfOtherProjectsAndReadersCannotWriteSources() {
        String project = Api.uniqueKey("src");
        Api.createProject(project, "owner");
        as("owner-mobile").body(source(project + "-a", project)).when().post("/sources").then().statusCode(403);
        as("analyst").body(source(project + "-a", project)).when().post("/sources").then().statusCode(403);
        as("owner").body(source(project + "-a", project)).when().post("/sources").then().statusCode(201);
        as("owner-mobile").when().post("/sources/" + project + "-a/secret/rotate?version=1").then().statusCode(403);
        as("owner-mobile").body("{\"rules\": [], \"version\": 1}").when().put("/sources/" + project + "-a/quality-rules").then().statusCode(403);
        // an owner cannot move its source into a project it does not own
        as("owner").body(source(project + "-a", "mobile-app").replace("{\"id\"", "{\"version\": 1, \"id\""))
                .when().put("/sources/" + project + "-a").then().statusCode(403);
    }

    @Test
    void qualityRulesAreValidatedAndReplacedWithOptimisticLocking() {
        String project = Api.uniqueKey("src");
        Api.createProject(project, "owner");
        String id = project + "-ga4";
        as("owner").body(source(id, project)).when().post("/sources").then().statusCode(201);
        as("owner").body("""
                {"version": 1, "rules": [
                  {"name": "r1", "type": "matches_regex", "field": "entity", "regex": "[", "severity": "reject"},
                  {"name": "r1", "type": "between", "field": "amount", "severity": "drop", "mostly": 1.5},
                  {"name": "r3", "type": "max_lateness", "severity": "flag"},
                  {"name": "r4", "type": "is_email", "field": "subject", "severity": "flag"}]}""")
                .when().put("/sources/" + id + "/quality-rules").then().statusCode(400)
                .body("errors.field", hasItems("rules[0].regex", "rules[1].name", "rules[1].field", "rules[1].min",
                        "rules[1].severity", "rules[1].mostly", "rules[2].maxLateness", "rules[3].type"));
        String rules = """
                {"version": 1, "reason": "late events", "rules": [
                  {"name": "fresh", "type": "max_lateness", "maxLateness": "PT2H", "severity": "flag", "mostly": 0.95},
                  {"name": "typed", "type": "type", "field": "value", "expectedType": "number", "severity": "reject"}]}""";
        as("owner").body(rules).when().put("/sources/" + id + "/quality-rules").then().statusCode(200).body("version", equalTo(2));
        as("owner").body(rules).when().put("/sources/" + id + "/quality-rules").then().statusCode(409).header("ETag", "\"2\"");
        as("analyst").when().get("/sources/" + id + "/quality-rules").then().statusCode(200)
                .body("name", org.hamcrest.Matchers.contains("fresh", "typed")).body("[0].maxLateness", equalTo("PT2H"));
        as("analyst").queryParam("project", project).when().get("/quality-rules").then().statusCode(200)
                .body("rule.name", org.hamcrest.Matchers.contains("fresh", "typed")).body("source", org.hamcrest.Matchers.everyItem(equalTo(id)));
        var published = DefinitionsTopic.awaitRecord(Definition.sourceKey(id), r -> r.value() != null && r.value().version() == 2);
        assertThat(published.value().source().qualityRules().getFirst().maxLateness()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void badSourcesNameTheirFields() {
        as("admin").body("""
                {"id": "Bad Id", "kind": "sap", "expectedInterval": "PT0S", "personalFields": ["e mail"]}""")
                .when().post("/sources").then().statusCode(400)
                .body("errors.field", hasItems("id", "project", "kind", "expectedInterval", "personalFields[0]"));
        as("admin").body(source("x-" + Api.uniqueKey("s"), "no-such-project")).when().post("/sources").then().statusCode(400)
                .body("errors[0].field", equalTo("project"));
        as("admin").body(source("x", "erp").replace("PT15M", "15 minutes")).when().post("/sources").then().statusCode(400)
                .body("errors[0].field", equalTo("expectedInterval"));
        as("admin").when().post("/sources/nope/secret/rotate?version=1&overlap=forever").then().statusCode(400)
                .body("errors[0].field", equalTo("overlap"));
    }

    @Test
    void rejectedEventsBecomeQualityResultsAndABadRecordIsDeadLetteredWithoutHaltingTheConsumer() throws Exception {
        String project = Api.uniqueKey("q");
        Api.createProject(project, "owner");
        String id = project + "-src";
        as("owner").body(source(id, project)).when().post("/sources").then().statusCode(201);
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        String poison = "not json " + id;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            send(producer, id, rejected(id, "e1", List.of(new RejectedEvent.Reason("value", "amount-positive", "-5 is below 0"))));
            producer.send(new ProducerRecord<>(Topics.EVENTS_REJECTED, id, poison.getBytes(StandardCharsets.UTF_8))).get();
            send(producer, id, rejected(id, "e2", List.of(new RejectedEvent.Reason("value", "amount-positive", "-1 is below 0"),
                    new RejectedEvent.Reason("attributes.currency", "currency", "USD is not allowed"))));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                as("analyst").when().get("/sources/" + id + "/quality").then().statusCode(200).body("rejected", equalTo(2)));
        as("analyst").when().get("/sources/" + id + "/quality").then()
                .body("byRule.find { it.rule == 'amount-positive' }.failed", equalTo(2))
                .body("byRule.find { it.rule == 'currency' }.field", equalTo("attributes.currency"))
                .body("sample.eventId", org.hamcrest.Matchers.contains("e2", "e1"));
        assertThat(deadLettered(bootstrap, poison)).isTrue();
    }

    private static RejectedEvent rejected(String source, String eventId, List<RejectedEvent.Reason> reasons) {
        return new RejectedEvent(source, null, eventId, Instant.now(), reasons, "{\"id\":\"" + eventId + "\"}");
    }

    private static void send(KafkaProducer<String, byte[]> producer, String key, RejectedEvent e) throws Exception {
        producer.send(new ProducerRecord<>(Topics.EVENTS_REJECTED, key, JsonCodec.encode(e))).get();
    }

    private static boolean deadLettered(String bootstrap, String value) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        String dlq = Topics.GOVERNANCE_DLQ;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            return await().atMost(Duration.ofSeconds(30)).until(() -> {
                var infos = consumer.partitionsFor(dlq);
                if (infos == null || infos.isEmpty()) {
                    return false;
                }
                List<TopicPartition> parts = infos.stream().map(i -> new TopicPartition(dlq, i.partition())).toList();
                consumer.assign(parts);
                consumer.seekToBeginning(parts);
                var end = consumer.endOffsets(parts);
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        if (value.equals(new String(r.value(), StandardCharsets.UTF_8))
                                && r.headers().lastHeader("dead-letter-reason") != null
                                && r.headers().lastHeader("dead-letter-partition") != null
                                && r.headers().lastHeader("dead-letter-offset") != null) {
                            return true;
                        }
                    }
                }
                return false;
            }, ok -> ok);
        }
    }
}
