package io.pilotage.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilotage.contracts.Topics;
import io.pilotage.deploy.Manifests.Rendering;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.pilotage.deploy.Manifests.list;
import static org.assertj.core.api.Assertions.assertThat;

/** The operator resources of k8s/ agree with the contracts, the chart and the harness. */
class OperatorResourcesTest {

    static final List<String> BACKENDS = List.of("ingestion", "kpi-engine", "alerting", "governance");

    private static Map<String, JsonNode> topicsByName(Rendering r) {
        return r.ofKind("KafkaTopic").stream().collect(Collectors.toMap(t -> t.at("/spec/topicName").asText(), t -> t, (a, b) -> a, TreeMap::new));
    }

    @ParameterizedTest(name = "kustomize {0}")
    @ValueSource(strings = {"base", "dev", "prod"})
    void oneKafkaTopicPerContractTopicWithDefinitionsCompacted(String overlay) {
        var topics = topicsByName(Manifests.kustomize(overlay));
        assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(Topics.ALL);
        topics.forEach((name, t) -> assertThat(t.at("/spec/config/cleanup.policy").asText())
                .as(name).isEqualTo(Topics.COMPACTED.contains(name) ? "compact" : "delete"));
    }

    @ParameterizedTest(name = "kustomize {0}")
    @ValueSource(strings = {"base", "dev", "prod"})
    void partitionsCoverTheLargestConsumerScaleOut(String overlay) {
        Rendering r = Manifests.kustomize(overlay);
        var topics = topicsByName(r);
        for (ObjectNode so : r.ofKind("ScaledObject")) {
            JsonNode meta = so.at("/spec/triggers/0/metadata");
            String topic = meta.path("topic").asText();
            assertThat(topics).as("%s watches an existing topic", Manifests.id(so)).containsKey(topic);
            assertThat(so.at("/spec/maxReplicaCount").asInt()).as("%s maxReplicaCount <= partitions of %s", Manifests.id(so), topic)
                    .isLessThanOrEqualTo(topics.get(topic).at("/spec/partitions").asInt());
            // the consumer group KEDA watches is the one the service joins, and the one its KafkaUser may use
            String component = so.at("/metadata/labels/app.kubernetes.io~1component").asText();
            String group = meta.path("consumerGroup").asText();
            assertThat(r.get("ConfigMap", "pilotage-" + component).at("/data/PILOTAGE_" + component.toUpperCase().replace('-', '_') + "_GROUP").asText())
                    .isEqualTo(group);
            assertThat(list(r.get("KafkaUser", "pilotage-" + component).at("/spec/authorization/acls")))
                    .anySatisfy(acl -> {
                        assertThat(acl.at("/resource/type").asText()).isEqualTo("group");
                        assertThat(group).startsWith(acl.at("/resource/name").asText());
                        assertThat(list(acl.path("operations"))).extracting(JsonNode::asText).contains("Read");
                    });
            assertThat(list(r.get("KafkaUser", "pilotage-keda").at("/spec/authorization/acls")))
                    .as("KEDA may read the lag of %s", group)
                    .anySatisfy(acl -> assertThat(acl.at("/resource/name").asText()).isEqualTo(group));
        }
    }

    @Test
    void theHarnessDeclaresExactlyTheContractTopicsAndItsBrokerCreatesNoneOnDemand() throws Exception {
        String kafka = Files.readString(Manifests.ROOT.resolve("infra/lib/kafka.sh"));
        var m = Pattern.compile("(?m)^KAFKA_TOPICS=\\(([^)]*)\\)").matcher(kafka);
        assertThat(m.find()).as("KAFKA_TOPICS in infra/lib/kafka.sh").isTrue();
        assertThat(List.of(m.group(1).trim().split("\\s+"))).containsExactlyInAnyOrderElementsOf(Topics.ALL);
        assertThat(kafka).contains("auto.create.topics.enable=false");
        assertThat(Manifests.YAML.readTree(Manifests.ROOT.resolve("k8s/base/kafka/kafka.yaml").toFile())
                .at("/spec/kafka/config/auto.create.topics.enable").asBoolean(true)).isFalse();
    }

    @Test
    void harnessChartAndKafkaTopicsAgreeOnPartitions() throws Exception {
        var m = Pattern.compile("PILOTAGE_KAFKA_PARTITIONS=\\$\\{PILOTAGE_KAFKA_PARTITIONS:-(\\d+)}")
                .matcher(Files.readString(Manifests.ROOT.resolve("pilotage")));
        assertThat(m.find()).as("the harness's default partition count").isTrue();
        int harness = Integer.parseInt(m.group(1));
        int chart = Manifests.YAML.readTree(Manifests.CHART.resolve("values.yaml").toFile()).at("/kafka/partitions").asInt();
        assertThat(chart).isEqualTo(harness);
        topicsByName(Manifests.kustomize("base")).values()
                .forEach(t -> assertThat(t.at("/spec/partitions").asInt()).isEqualTo(harness));
    }

    @Test
    void everyServiceHasAKafkaUserWhoseAclsNameExistingTopics() {
        Rendering r = Manifests.kustomize("base");
        for (String svc : BACKENDS) {
            ObjectNode user = r.get("KafkaUser", "pilotage-" + svc);
            assertThat(user.at("/spec/authentication/type").asText()).isEqualTo("scram-sha-512");
            list(user.at("/spec/authorization/acls")).stream().filter(a -> a.at("/resource/type").asText().equals("topic"))
                    .forEach(a -> assertThat(Topics.ALL).contains(a.at("/resource/name").asText()));
        }
        // who writes what, per DESIGN §1
        assertThat(writers(r, Topics.EVENTS)).containsExactly("pilotage-ingestion");
        assertThat(writers(r, Topics.KPI_VALUES)).containsExactlyInAnyOrder("pilotage-kpi-engine", "pilotage-governance");
        assertThat(writers(r, Topics.DEFINITIONS)).containsExactly("pilotage-governance");
        assertThat(writers(r, Topics.ALERTS)).containsExactly("pilotage-alerting");
        assertThat(writers(r, Topics.SOURCE_STATUS)).containsExactly("pilotage-ingestion");
        // governance's consumer groups are under the prefix its user may read with
        for (String var : List.of("PILOTAGE_GOVERNANCE_QUALITY_GROUP", "PILOTAGE_GOVERNANCE_DEFINITIONS_GROUP")) {
            String group = r.get("ConfigMap", "pilotage-governance").at("/data/" + var).asText();
            assertThat(group).as(var).startsWith("pilotage-governance");
        }
        // each service that dead-letters writes its own dead-letter topic, and only it does
        assertThat(writers(r, Topics.KPI_ENGINE_DLQ)).containsExactly("pilotage-kpi-engine");
        assertThat(writers(r, Topics.GOVERNANCE_DLQ)).containsExactly("pilotage-governance");
        // the console reads the APIs, never Kafka: no user, so no ACL and no topic of its own
        assertThat(r.find("KafkaUser", "pilotage-console")).isEmpty();
        assertThat(r.ofKind("KafkaUser")).allSatisfy(u -> assertThat(u.toString()).as(Manifests.id(u)).doesNotContain("console"));
        assertThat(r.get("Kafka", "pilotage-kafka").at("/spec/kafka/authorization/type").asText()).isEqualTo("simple");
        assertThat(list(r.get("KafkaNodePool", "combined").at("/spec/roles"))).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("controller", "broker");
    }

    private static Set<String> writers(Rendering r, String topic) {
        return r.ofKind("KafkaUser").stream().filter(u -> list(u.at("/spec/authorization/acls")).stream().anyMatch(a ->
                        a.at("/resource/name").asText().equals(topic)
                                && list(a.path("operations")).stream().anyMatch(o -> o.asText().equals("Write"))))
                .map(u -> u.at("/metadata/name").asText()).collect(Collectors.toSet());
    }

    @Test
    void postgresqlHasOneRolePerServiceReadByTheChartAndBackups() {
        Rendering k = Manifests.kustomize("base");
        ObjectNode cluster = k.get("Cluster", "pilotage-db");
        Map<String, String> roleSecrets = list(cluster.at("/spec/managed/roles")).stream()
                .collect(Collectors.toMap(role -> role.path("name").asText(), role -> role.at("/passwordSecret/name").asText()));
        Rendering chart = Manifests.chartDefault();
        for (String svc : BACKENDS) {
            String role = svc.replace('-', '_');
            assertThat(roleSecrets).containsEntry(role, "pilotage-db-" + svc);
            assertThat(list(chart.get("Deployment", "pilotage-" + svc).at("/spec/template/spec/containers/0/env")))
                    .anySatisfy(e -> {
                        assertThat(e.path("name").asText()).isEqualTo("PILOTAGE_DB_PASSWORD");
                        assertThat(e.at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("pilotage-db-" + svc);
                    });
            assertThat(list(cluster.at("/spec/bootstrap/initdb/postInitApplicationSQL"))).extracting(JsonNode::asText)
                    .contains("CREATE SCHEMA " + role + " AUTHORIZATION " + role);
        }
        assertThat(list(cluster.at("/spec/plugins"))).anySatisfy(p -> {
            assertThat(p.path("isWALArchiver").asBoolean()).isTrue();
            assertThat(k.find("ObjectStore", p.at("/parameters/barmanObjectName").asText())).isPresent();
        });
        // the console owns no data: no role, no schema, no database Secret
        assertThat(roleSecrets).doesNotContainKey("console").doesNotContainValue("pilotage-db-console");
        assertThat(list(cluster.at("/spec/bootstrap/initdb/postInitApplicationSQL"))).extracting(JsonNode::asText)
                .noneMatch(sql -> sql.contains("console"));
        assertThat(k.ofKind("ScheduledBackup")).anySatisfy(b -> assertThat(b.at("/spec/cluster/name").asText()).isEqualTo("pilotage-db"));
        assertThat(cluster.at("/spec/instances").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(Manifests.kustomize("dev").get("Cluster", "pilotage-db").at("/spec/instances").asInt()).isEqualTo(1);
    }

    /**
     * The realm the local harness imports: infra/keycloak/pilotage-realm.json, or, once it is
     * split into a base and a dev overlay, the JSON file under infra/keycloak that defines the
     * realm roles and is not the dev part.
     */
    private static RealmRepresentation repositoryRealm() throws Exception {
        var lenient = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        try (var files = Files.walk(Manifests.ROOT.resolve("infra/keycloak"))) {
            List<java.nio.file.Path> candidates = files.filter(f -> f.toString().endsWith(".json"))
                    .filter(f -> !f.getFileName().toString().toLowerCase().contains("dev")).sorted().toList();
            for (var f : candidates) {
                RealmRepresentation r = lenient.readValue(f.toFile(), RealmRepresentation.class);
                if ("pilotage".equals(r.getRealm()) && r.getRoles() != null && r.getRoles().getRealm() != null) {
                    return r;
                }
            }
        }
        throw new AssertionError("no realm with roles under infra/keycloak");
    }

    @Test
    void realmImportIsTheProductionPartOfTheRepositoryRealm() throws Exception {
        ObjectNode imp = Manifests.kustomize("base").get("KeycloakRealmImport", "pilotage-realm");
        assertThat(imp.at("/spec/keycloakCRName").asText())
                .isEqualTo(Manifests.kustomize("base").ofKind("Keycloak").getFirst().at("/metadata/name").asText());
        var strict = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        RealmRepresentation realm = strict.treeToValue(imp.at("/spec/realm"), RealmRepresentation.class);
        RealmRepresentation repo = repositoryRealm();

        assertThat(realm.getRealm()).isEqualTo(repo.getRealm());
        assertThat(realm.getRoles().getRealm()).extracting(RoleRepresentation::getName)
                .containsExactlyInAnyOrder("admin", "committee", "project-owner", "analyst", "ingest")
                .containsExactlyInAnyOrderElementsOf(repo.getRoles().getRealm().stream().map(RoleRepresentation::getName).toList());
        assertThat(realm.getSslRequired()).isEqualTo("all");

        Map<String, ClientRepresentation> clients = realm.getClients().stream()
                .collect(Collectors.toMap(ClientRepresentation::getClientId, c -> c));
        ClientRepresentation web = clients.get("pilotage-web");
        assertThat(web.isPublicClient()).isTrue();
        assertThat(web.getAttributes()).containsEntry("pkce.code.challenge.method", "S256");
        assertThat(web.isDirectAccessGrantsEnabled()).as("no password grant in production").isFalse();
        assertThat(web.getRedirectUris()).as("exact https redirect URIs, no wildcard (an open redirect for codes)")
                .isNotEmpty().allSatisfy(u -> assertThat(u).startsWith("https://").doesNotContain("*"));
        assertThat(web.getAttributes().get("post.logout.redirect.uris")).startsWith("https://").doesNotContain("*");
        ClientRepresentation ingest = clients.get("pilotage-ingest-client");
        assertThat(ingest.isPublicClient()).isFalse();
        assertThat(ingest.isServiceAccountsEnabled()).isTrue();
        assertThat(ingest.getSecret()).as("secret from a placeholder, never in git").matches("\\$\\{[A-Z_]+}");
        assertThat(imp.at("/spec/placeholders").has(ingest.getSecret().substring(2, ingest.getSecret().length() - 1))).isTrue();
        assertThat(realm.getUsers()).as("only the ingest service account, no demo people")
                .singleElement().satisfies(u -> {
                    assertThat(u.getServiceAccountClientId()).isEqualTo("pilotage-ingest-client");
                    assertThat(u.getRealmRoles()).contains("ingest");
                });
        for (ClientRepresentation c : realm.getClients()) {
            assertThat(c.getProtocolMappers()).as("%s tokens carry the pilotage-api audience", c.getClientId())
                    .anySatisfy(m -> assertThat(m.getConfig()).containsEntry("included.custom.audience", "pilotage-api"));
        }
    }

    /**
     * The console signs people in as the confidential client pilotage-console: code flow with PKCE
     * only, back to its own pages under the public URL. The same in the repository realm (URLs
     * from ${PILOTAGE_PUBLIC_URL}, no secret) and in the import (the Ingress host, the secret from
     * the Secret the chart's console reads too); the dev overlay gives it its dev secret.
     */
    @Test
    void theConsoleIsAConfidentialCodeFlowClientEverywhere() throws Exception {
        ObjectNode imp = Manifests.kustomize("base").get("KeycloakRealmImport", "pilotage-realm");
        var strict = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        RealmRepresentation realm = strict.treeToValue(imp.at("/spec/realm"), RealmRepresentation.class);
        String host = Manifests.kustomize("base").ofKind("Ingress").getFirst().at("/spec/rules/0/host").asText();
        ClientRepresentation imported = client(realm, "pilotage-console");
        ClientRepresentation repo = client(repositoryRealm(), "pilotage-console");
        ClientRepresentation web = client(repositoryRealm(), "pilotage-web");

        for (ClientRepresentation c : List.of(imported, repo)) {
            assertThat(c.isPublicClient()).as("confidential").isFalse();
            assertThat(c.isBearerOnly()).isFalse();
            assertThat(c.getClientAuthenticatorType()).isEqualTo("client-secret");
            assertThat(c.isStandardFlowEnabled()).as("code flow").isTrue();
            assertThat(c.isImplicitFlowEnabled()).isFalse();
            assertThat(c.isDirectAccessGrantsEnabled()).as("no password grant").isFalse();
            assertThat(c.isServiceAccountsEnabled()).as("no service account: it calls with the person's token").isFalse();
            assertThat(c.getAttributes()).containsEntry("pkce.code.challenge.method", "S256");
            assertThat(c.getProtocolMappers()).anySatisfy(m -> {
                assertThat(m.getProtocolMapper()).isEqualTo("oidc-audience-mapper");
                assertThat(m.getConfig()).containsEntry("included.custom.audience", "pilotage-api").containsEntry("access.token.claim", "true");
            });
            // the realm roles reach its tokens as pilotage-web's do: from the realm's default scopes
            assertThat(c.getDefaultClientScopes()).isEqualTo(web.getDefaultClientScopes());
            assertThat(c.isFullScopeAllowed()).isEqualTo(web.isFullScopeAllowed());
        }
        assertThat(repo.getRedirectUris()).as("exactly its login callback").containsExactly("${PILOTAGE_PUBLIC_URL}/console/login");
        assertThat(repo.getAttributes()).containsEntry("post.logout.redirect.uris", "${PILOTAGE_PUBLIC_URL}/console/signed-out");
        assertThat(repo.getWebOrigins()).isEqualTo(web.getWebOrigins());
        assertThat(repo.getSecret()).as("no secret in the repository realm's base").isNull();

        assertThat(imported.getRedirectUris()).as("https, its own pages on the public host only")
                .containsExactly("https://" + host + "/console/login");
        assertThat(imported.getAttributes().get("post.logout.redirect.uris").split("##"))
                .containsExactly("https://" + host + "/console/signed-out");
        assertThat(imported.getWebOrigins()).containsExactly("https://" + host);
        assertThat(imported.getSecret()).as("secret from a placeholder, never in git").isEqualTo("${PILOTAGE_CONSOLE_CLIENT_SECRET}");
        JsonNode placeholder = imp.at("/spec/placeholders/PILOTAGE_CONSOLE_CLIENT_SECRET/secret");
        assertThat(list(Manifests.kustomize("base").get("Deployment", "pilotage-console").at("/spec/template/spec/containers/0/env")))
                .as("the console reads the Secret the realm import takes its client secret from")
                .anySatisfy(e -> {
                    assertThat(e.path("name").asText()).isEqualTo("PILOTAGE_OIDC_CLIENT_SECRET");
                    assertThat(e.at("/valueFrom/secretKeyRef/name").asText()).isEqualTo(placeholder.path("name").asText());
                    assertThat(e.at("/valueFrom/secretKeyRef/key").asText()).isEqualTo(placeholder.path("key").asText());
                });

        JsonNode dev = Manifests.JSON.readTree(Manifests.ROOT.resolve("infra/keycloak/realm-dev-overlay.json").toFile());
        assertThat(list(dev.path("clients"))).anySatisfy(c -> {
            assertThat(c.path("clientId").asText()).isEqualTo("pilotage-console");
            assertThat(c.path("secret").asText()).isEqualTo("pilotage-console-dev-secret");
        });
    }

    private static ClientRepresentation client(RealmRepresentation realm, String clientId) {
        return realm.getClients().stream().filter(c -> clientId.equals(c.getClientId())).findFirst()
                .orElseThrow(() -> new AssertionError("no client " + clientId + " in realm " + realm.getRealm()));
    }
}
