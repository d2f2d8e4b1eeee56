package io.pilotage.ingestion.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.Topics;
import io.pilotage.contracts.definition.Definition;
import io.pilotage.contracts.definition.SourceDefinition;
import io.pilotage.contracts.definition.SourceKeySeal;
import io.pilotage.ingestion.adapter.Fixtures;
import io.pilotage.ingestion.source.SignatureVerifier;
import io.pilotage.ingestion.source.SourceAuthenticator;
import io.pilotage.ingestion.source.SourceRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

/**
 * HMAC-signed source requests ({@code X-Pilotage-Timestamp}, {@code X-Pilotage-Signature}) to a
 * QRadar source of this test, whose definition holds the signing key derived from its secret.
 */
@QuarkusTest
class SignedSourceRequestsTest {

    private static final String SOURCE = "it-signed-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    private static final String QRADAR = "/sources/" + SOURCE + "/qradar";
    private static final String SECRET = "it-signed-secret-" + UUID.randomUUID();
    private static final String KEY = SignatureVerifier.signingKey(SECRET);

    @Inject
    SourceRegistry sources;

    @BeforeEach
    void register() {
        sources.put(new SourceDefinition(SOURCE, "cybersecurity", "qradar", List.of(
                new SourceDefinition.SecretHash("sha256", SourceAuthenticator.hash(SECRET), null),
                new SourceDefinition.SecretHash(SignatureVerifier.ALGORITHM, KEY, null)),
                null, null, null, null, null), 1);
    }

    private static byte[] offense() {
        ObjectNode offense = (ObjectNode) Fixtures.json("qradar-offense-closed.json");
        offense.put("id", ThreadLocalRandom.current().nextLong(1_000_000, Long.MAX_VALUE / 2));
        return offense.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String now() {
        return Long.toString(Instant.now().getEpochSecond());
    }

    private static ValidatableResponse post(String timestamp, String signature, byte[] body) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (timestamp != null) {
            request.header(SignatureVerifier.TIMESTAMP_HEADER, timestamp);
        }
        if (signature != null) {
            request.header(SignatureVerifier.SIGNATURE_HEADER, signature);
        }
        return request.when().post(QRADAR).then();
    }

    private static int authFailures() {
        return given().when().get("/ingestion/sources/stats").then().statusCode(200)
                .extract().path("find { it.source == '" + SOURCE + "' }.authFailures");
    }

    @Test
    @TestSecurity(user = "reader", roles = "analyst")
    void aRightSignatureIsAcceptedAndEveryWrongOneIs401AndCounted() {
        byte[] body = offense();
        String t = now();
        post(t, SignatureVerifier.signatureHeader(KEY, t, body), body)
                .statusCode(202).body("accepted", greaterThan(0)).body("rejected", equalTo(0));

        int before = authFailures();
        byte[] other = offense();
        String stale = Long.toString(Instant.now().minusSeconds(6 * 60).getEpochSecond());
        byte[] tampered = new String(other, StandardCharsets.UTF_8).replace("\"severity\":7", "\"severity\":1")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(tampered).isNotEqualTo(other);

        // signed with another key
        post(t, SignatureVerifier.signatureHeader(SignatureVerifier.signingKey("not-the-secret"), t, other), other)
                .statusCode(401).contentType("application/problem+json");
        // a timestamp without a signature (and no token either)
        post(t, null, other).statusCode(401);
        // well signed, but six minutes old: a replay
        post(stale, SignatureVerifier.signatureHeader(KEY, stale, other), other).statusCode(401);
        // the body changed after signing
        post(t, SignatureVerifier.signatureHeader(KEY, t, other), tampered).statusCode(401);
        // the signing key is not a token
        given().header(SourceAdapterResource.TOKEN_HEADER, KEY).contentType(ContentType.JSON).body(other)
                .when().post(QRADAR).then().statusCode(401);

        assertThat(authFailures() - before).isEqualTo(5);
    }
    /** Publishes a source on the definitions topic as governance does, its signing key sealed under {@code sealSecret}. */
    private static String publishSealed(String sealSecret) {
        String id = "it-sealed-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        SourceDefinition source = new SourceDefinition(id, "cybersecurity", "qradar",
                new SourceKeySeal(sealSecret).sealAll(SourceDefinition.SecretHash.of(SECRET)), null, null, null, null, null);
        Definition d = Definition.of(source, 1, Instant.now(), "governance-test", "sealed key");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.DEFINITIONS, d.key(), JsonCodec.encode(d))).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return id;
    }

    @Test
    void aSigningKeySealedByGovernanceOpensHereAndOneSealedUnderAnotherSecretVerifiesNothing() {
        String shared = publishSealed(ConfigProvider.getConfig().getValue("pilotage.source-key-secret", String.class));
        String foreign = publishSealed("a-secret-ingestion-was-never-given");
        await().atMost(Duration.ofSeconds(30)).until(() -> sources.find(shared).isPresent() && sources.find(foreign).isPresent());

        byte[] body = offense();
        String t = now();
        given().contentType(ContentType.JSON).body(body).header(SignatureVerifier.TIMESTAMP_HEADER, t)
                .header(SignatureVerifier.SIGNATURE_HEADER, SignatureVerifier.signatureHeader(KEY, t, body))
                .when().post("/sources/" + shared + "/qradar").then().statusCode(202).body("accepted", greaterThan(0));
        byte[] other = offense();
        given().contentType(ContentType.JSON).body(other).header(SignatureVerifier.TIMESTAMP_HEADER, t)
                .header(SignatureVerifier.SIGNATURE_HEADER, SignatureVerifier.signatureHeader(KEY, t, other))
                .when().post("/sources/" + foreign + "/qradar").then().statusCode(401);
        // the token still works for the source whose key did not open: only signatures depend on the seal
        given().header(SourceAdapterResource.TOKEN_HEADER, SECRET).contentType(ContentType.JSON).body(other)
                .when().post("/sources/" + foreign + "/qradar").then().statusCode(202);
    }
}
