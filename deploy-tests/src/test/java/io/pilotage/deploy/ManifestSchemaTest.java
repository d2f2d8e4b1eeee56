package io.pilotage.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilotage.deploy.Manifests.Rendering;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every rendered and kustomize-built document, parsed strictly against its API model. */
class ManifestSchemaTest {

    static List<Rendering> renderings() {
        return Manifests.allRenderings();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void everyDocumentIsValidAgainstItsApiModel(Rendering r) {
        assertThat(r.docs()).isNotEmpty();
        List<String> problems = r.docs().stream().flatMap(d -> StrictModel.problems(d).stream()).toList();
        assertThat(problems).as(r.name()).isEmpty();
    }

    @Test
    void theCheckerCatchesUnknownFieldsWrongTypesMissingFieldsAndRemovedApis() {
        ObjectNode deployment = Manifests.chartDefault().get("Deployment", "pilotage-gateway").deepCopy();
        ((ObjectNode) deployment.at("/spec/template/spec/containers/0")).put("imagePullPolice", "Always");
        assertThat(StrictModel.problems(deployment)).anyMatch(p -> p.contains("unknown field(s) [imagePullPolice]"));

        ObjectNode typo = Manifests.chartDefault().get("Deployment", "pilotage-gateway").deepCopy();
        ((ObjectNode) typo.at("/spec/template/spec/containers/0/ports/0")).put("containerPort", "eighty");
        assertThat(StrictModel.problems(typo)).isNotEmpty();

        ObjectNode noImage = Manifests.chartDefault().get("Deployment", "pilotage-gateway").deepCopy();
        ((ObjectNode) noImage.at("/spec/template/spec/containers/0")).remove("image");
        assertThat(StrictModel.problems(noImage)).anyMatch(p -> p.contains("spec.template.spec.containers[0].image is required"));

        ObjectNode pdb = Manifests.chartDefault().get("PodDisruptionBudget", "pilotage-gateway").deepCopy();
        pdb.put("apiVersion", "policy/v1beta1");
        assertThat(StrictModel.problems(pdb)).anyMatch(p -> p.contains("policy/v1beta1 has been removed"));

        ObjectNode topic = Manifests.kustomize("base").get("KafkaTopic", "pilotage-events-v1").deepCopy();
        topic.put("apiVersion", "kafka.strimzi.io/v1beta2");
        ((ObjectNode) topic.path("spec")).put("partitionz", 3);
        assertThat(StrictModel.problems(topic)).anyMatch(p -> p.contains("has been removed"))
                .anyMatch(p -> p.contains("partitionz"));

        ObjectNode user = Manifests.kustomize("base").get("KafkaUser", "pilotage-ingestion").deepCopy();
        ((ObjectNode) user.at("/spec/authorization/acls/0")).remove("resource");
        assertThat(StrictModel.problems(user)).as("Strimzi's model requires an ACL's resource").anyMatch(p -> p.contains("resource is required"));

        ObjectNode kafka = Manifests.kustomize("base").get("Kafka", "pilotage-kafka").deepCopy();
        ((ObjectNode) kafka.at("/spec/kafka/listeners/0/authentication")).put("type", "scram-sha-1024");
        assertThat(StrictModel.problems(kafka)).as("unknown listener authentication type").isNotEmpty();
    }

    @Test
    void everyKindInK8sIsKnown() {
        // a kind with no current API version would escape the checks above
        for (Rendering r : renderings()) {
            r.docs().forEach(d -> assertThat(StrictModel.CURRENT_API).as(Manifests.id(d)).containsKey(d.path("kind").asText()));
        }
    }
}
