package io.pilotage.ingestion.supervision;

import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.SourceStatus;
import io.pilotage.contracts.Topics;
import io.pilotage.contracts.definition.SourceDefinition;
import io.pilotage.ingestion.source.SourceRegistry;
import io.pilotage.ingestion.support.TopicWatcher;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Each registered source's counters reach the real {@code pilotage.source-status.v1}, keyed per instance. */
@QuarkusTest
@TestSecurity(user = "svc", roles = "ingest")
class SourceStatusPublisherTest {

    @Inject
    SourceRegistry sources;

    @Inject
    SourceStatusPublisher publisher;

    @Test
    void acceptedAndRejectedEventsShowInTheNextPublishedStatus() {
        String source = "it-status-" + UUID.randomUUID().toString().substring(0, 8);
        sources.put(new SourceDefinition(source, "erp", "generic", List.of(), Map.of(), List.of(), List.of(), null, null), 1);
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String ok = """
                {"id":"%s","source":"%s","project":"erp","type":"audit.error","occurredAt":"%s"}""";
        String bad = """
                {"id":"%s","source":"%s","project":"erp","type":"audit.error"}""";
        try (TopicWatcher watcher = TopicWatcher.open(Topics.SOURCE_STATUS)) {
            Instant before = Instant.now();
            given().contentType(ContentType.JSON)
                    .body("[" + ok.formatted("a", source, now) + "," + ok.formatted("b", source, now) + ","
                            + bad.formatted("c", source) + "]")
                    .when().post("/events").then().statusCode(202).body("accepted", equalTo(2));

            List<ConsumerRecord<String, byte[]>> records = watcher.awaitAll("\"source\":\"" + source + "\"", "\"accepted\":2", "\"rejected\":1").stream()
                    .filter(r -> r.key().startsWith(source + "/")).toList();
            assertThat(records).isNotEmpty();
            ConsumerRecord<String, byte[]> record = records.getFirst();
            SourceStatus status = JsonCodec.decode(record.value(), SourceStatus.class);
            assertThat(record.key()).isEqualTo(source + "/" + publisher.instance());
            assertThat(status.source()).isEqualTo(source);
            assertThat(status.project()).isEqualTo("erp");
            assertThat(status.received()).isEqualTo(3);
            assertThat(status.accepted()).isEqualTo(2);
            assertThat(status.rejected()).isEqualTo(1);
            assertThat(status.lastEventAt()).isAfterOrEqualTo(before.truncatedTo(ChronoUnit.MILLIS));
        }
    }
}
