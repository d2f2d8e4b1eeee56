package io.pilotage.governance.source;

import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.Topics;
import io.pilotage.contracts.definition.Definition;
import io.pilotage.contracts.definition.SourceDefinition;
import io.pilotage.contracts.definition.SourceDefinition.SecretHash;
import io.pilotage.governance.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.pilotage.governance.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/**
 * The sources bundled with ingestion appear in the registry: ingestion publishes them on the
 * definitions topic (by {@code system}) when governance has not, and governance imports them.
 */
@QuarkusTest
class BundledSourcesTest {

    private static void publish(Definition d) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class), ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.DEFINITIONS, d.key(), JsonCodec.encode(d)));
            producer.flush();
        }
    }

    private static SourceDefinition source(String id, String project) {
        return new SourceDefinition(id, project, "ga4", SecretHash.of(id + "-demo-token"),
                Map.of("personalData", "pseudonymise"), List.of("attributes.user_id"), List.of(), Duration.ofHours(1),
                Duration.ofHours(72));
    }

    private static String sha256(List<SecretHash> secrets) {
        return secrets.stream().filter(h -> SecretHash.SHA256.equals(h.algorithm())).findFirst().orElseThrow().hash();
    }

    private static Definition asIngestionPublishes(SourceDefinition s) {
        return Definition.of(s, 1, Instant.now(), "system", "bundled with ingestion (sources/" + s.id() + ".yaml)");
    }

    @Test
    void theSourcesBundledWithIngestionAreListedWithTheirProjectKindAndInterval() {
        // ingestion (its tests run before these, or ./pilotage up) has published its four bundled sources
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as("analyst").queryParam("size", 500).when().get("/sources")
                .then().statusCode(200).body("id", hasItems("odoo-prod", "ga4-mobile", "qradar-soc", "splunk-soc")));
        as("analyst").when().get("/sources/ga4-mobile").then().statusCode(200)
                .body("project", equalTo("mobile-app")).body("kind", equalTo("ga4"))
                .body("expectedInterval", org.hamcrest.Matchers.notNullValue())
                .body("acceptedLateness", equalTo("PT72H"));
        String body = as("analyst").when().get("/sources/qradar-soc").then().statusCode(200)
                .body("project", equalTo("cybersecurity")).body("kind", equalTo("qradar")).extract().asString();
        // the secret's hash is never shown, only a fingerprint of it
        assertThat(body).doesNotContain(sha256(SecretHash.of("qradar-soc-demo-token")));
    }

    @Test
    void aSourceIngestionPublishedIsImportedOnceAsGovernancesOwnAndAuditedWithoutItsSecret() {
        String project = Api.uniqueKey("bundled");
        Api.createProject(project, "owner");
        String id = project + "-ga4";
        SourceDefinition s = source(id, project);
        publish(asIngestionPublishes(s));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as("analyst").when().get("/sources/" + id)
                .then().statusCode(200));
        String shown = as("analyst").when().get("/sources/" + id).then().statusCode(200)
                .body("project", equalTo(project)).body("kind", equalTo("ga4")).body("expectedInterval", equalTo("PT1H"))
                .body("version", equalTo(1)).body("updatedBy", equalTo("system"))
                .body("secrets[0].fingerprint", equalTo(sha256(s.secrets()).substring(0, 12)))
                .extract().asString();
        assertThat(shown).doesNotContain(sha256(s.secrets()));
        as("analyst").queryParam("entityType", "source").queryParam("entityId", id).when().get("/audit")
                .then().statusCode(200).body("[0].actor", equalTo("system"));

        // a source of the same id published again (a restarted ingestion) changes nothing
        publish(asIngestionPublishes(source(id, "another-" + project)));
        String marker = project + "-marker";
        SourceDefinition later = source(marker, project);
        publish(asIngestionPublishes(later));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as("analyst").when().get("/sources/" + marker)
                .then().statusCode(200));
        as("analyst").when().get("/sources/" + id).then().statusCode(200).body("project", equalTo(project))
                .body("version", equalTo(1));
    }

    @Test
    void aSourceDeletedHereIsNotImportedAgainNorOneAnotherPublisherWrote() {
        String project = Api.uniqueKey("bundled");
        Api.createProject(project, "owner");
        String id = project + "-ga4";
        publish(asIngestionPublishes(source(id, project)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as("analyst").when().get("/sources/" + id)
                .then().statusCode(200));
        as("admin").queryParam("version", 1).when().delete("/sources/" + id).then().statusCode(204);

        publish(asIngestionPublishes(source(id, project)));
        String foreign = project + "-foreign";
        publish(Definition.of(source(foreign, project), 1, Instant.now(), "someone", "not bundled"));
        String marker = project + "-marker";
        publish(asIngestionPublishes(source(marker, project)));
        // records are read in order within a partition only: the marker's import is awaited, then each is checked
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as("analyst").when().get("/sources/" + marker)
                .then().statusCode(200));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            as("analyst").when().get("/sources/" + id).then().statusCode(404);
            as("analyst").when().get("/sources/" + foreign).then().statusCode(404);
        });
    }
}
