package io.pilotage.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilotage.deploy.Manifests.Rendering;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static io.pilotage.deploy.Manifests.list;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What DESIGN §7 asks of every workload, checked on every rendering (chart with default and
 * prod values, kustomize base, dev and prod): probes, limits, hardened security context, no
 * service-account token, a PDB, configuration by reference, autoscaling, only the gateway exposed.
 */
class WorkloadPolicyTest {

    static final Set<String> CONSUMERS = Set.of("pilotage-kpi-engine", "pilotage-alerting");
    static final Set<String> HTTP_SCALED = Set.of("pilotage-gateway", "pilotage-ingestion", "pilotage-console");
    /** The services whose APIs the gateway and the console call, and that own data (Kafka, PostgreSQL). */
    static final List<String> BACKENDS = List.of("pilotage-ingestion", "pilotage-kpi-engine", "pilotage-alerting", "pilotage-governance");
    static final String CONSOLE = "pilotage-console";
    static final Pattern SECRET_LIKE = Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|JAAS|CREDENTIAL|WEBHOOK).*");

    static List<Rendering> renderings() {
        return Manifests.allRenderings();
    }

    private static JsonNode container(JsonNode deployment) {
        return deployment.at("/spec/template/spec/containers/0");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void everyDeploymentHasTheThreeQuarkusHealthProbes(Rendering r) {
        assertThat(r.ofKind("Deployment")).hasSize(6).allSatisfy(d -> {
            JsonNode c = container(d);
            assertThat(c.at("/startupProbe/httpGet/path").asText()).as(Manifests.id(d)).isEqualTo("/q/health/started");
            assertThat(c.at("/livenessProbe/httpGet/path").asText()).as(Manifests.id(d)).isEqualTo("/q/health/live");
            assertThat(c.at("/readinessProbe/httpGet/path").asText()).as(Manifests.id(d)).isEqualTo("/q/health/ready");
        });
    }

    /**
     * The console's pages live under /console, its health stays at the absolute /q/health on its
     * HTTP port like every other service's: its probes go where the others' do.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void theConsoleIsProbedLikeTheOthers(Rendering r) {
        JsonNode console = container(r.get("Deployment", CONSOLE));
        JsonNode governance = container(r.get("Deployment", "pilotage-governance"));
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertThat(console.at("/" + probe + "/httpGet/port").asText()).as(probe)
                    .isEqualTo(governance.at("/" + probe + "/httpGet/port").asText());
        }
        assertThat(r.get("ConfigMap", CONSOLE).at("/data/QUARKUS_SMALLRYE_HEALTH_MANAGEMENT_ENABLED").asText())
                .isEqualTo(r.get("ConfigMap", "pilotage-governance").at("/data/QUARKUS_SMALLRYE_HEALTH_MANAGEMENT_ENABLED").asText());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void everyDeploymentHasRequestsAndLimitsWithMemoryRequestEqualToLimit(Rendering r) {
        assertThat(r.ofKind("Deployment")).allSatisfy(d -> {
            JsonNode res = container(d).path("resources");
            for (String side : List.of("requests", "limits")) {
                for (String what : List.of("cpu", "memory")) {
                    assertThat(res.path(side).path(what).asText()).as("%s %s.%s", Manifests.id(d), side, what).isNotEmpty();
                }
            }
            assertThat(res.at("/requests/memory").asText()).as("%s: memory request = limit (the JVM sizes its heap from the limit)", Manifests.id(d))
                    .isEqualTo(res.at("/limits/memory").asText());
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void everyDeploymentRunsHardened(Rendering r) {
        assertThat(r.ofKind("Deployment")).allSatisfy(d -> {
            String id = Manifests.id(d);
            JsonNode pod = d.at("/spec/template/spec");
            JsonNode sc = container(d).path("securityContext");
            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).as(id).isTrue();
            assertThat(pod.at("/securityContext/seccompProfile/type").asText()).as(id).isEqualTo("RuntimeDefault");
            assertThat(pod.path("automountServiceAccountToken").isBoolean() && !pod.path("automountServiceAccountToken").asBoolean())
                    .as("%s: automountServiceAccountToken false", id).isTrue();
            assertThat(sc.path("runAsNonRoot").asBoolean()).as(id).isTrue();
            assertThat(sc.path("readOnlyRootFilesystem").asBoolean()).as(id).isTrue();
            assertThat(sc.path("allowPrivilegeEscalation").isBoolean() && !sc.path("allowPrivilegeEscalation").asBoolean()).as(id).isTrue();
            assertThat(list(sc.at("/capabilities/drop"))).as(id).extracting(JsonNode::asText).contains("ALL");
            assertThat(sc.at("/capabilities/add").isMissingNode() || sc.at("/capabilities/add").isEmpty()).as(id).isTrue();
            // the only writable path is an emptyDir on /tmp
            String tmpVolume = list(container(d).path("volumeMounts")).stream()
                    .filter(m -> m.path("mountPath").asText().equals("/tmp")).map(m -> m.path("name").asText()).findFirst().orElse("");
            assertThat(list(pod.path("volumes"))).as("%s: emptyDir on /tmp", id)
                    .anySatisfy(v -> {
                        assertThat(v.path("name").asText()).isEqualTo(tmpVolume);
                        assertThat(v.has("emptyDir")).isTrue();
                    });
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void configurationComesFromConfigMapsAndSecretReferencesOnly(Rendering r) {
        assertThat(r.ofKind("Secret")).as("no Secret is rendered: every credential is referenced").isEmpty();
        assertThat(r.ofKind("Deployment")).allSatisfy(d -> {
            JsonNode c = container(d);
            assertThat(list(c.path("envFrom"))).as(Manifests.id(d)).anySatisfy(e -> assertThat(e.has("configMapRef")).isTrue());
            for (JsonNode env : c.path("env")) {
                if (SECRET_LIKE.matcher(env.path("name").asText()).matches()) {
                    assertThat(env.at("/valueFrom/secretKeyRef/name").asText())
                            .as("%s: %s must come from a Secret", Manifests.id(d), env.path("name").asText()).isNotEmpty();
                }
            }
        });
        assertThat(r.ofKind("ConfigMap")).allSatisfy(cm -> cm.path("data").fieldNames().forEachRemaining(k ->
                assertThat(k).as("%s holds a secret-like key", Manifests.id(cm)).doesNotMatch(SECRET_LIKE)));
        // the key sealing source signing keys reaches governance (seals) and ingestion (opens), no one else
        assertThat(r.ofKind("Deployment")).allSatisfy(d -> {
            boolean holds = false;
            for (JsonNode env : container(d).path("env")) {
                holds |= env.path("name").asText().equals("PILOTAGE_SOURCE_KEY_SECRET");
            }
            String name = d.at("/metadata/name").asText();
            assertThat(holds).as("%s holds PILOTAGE_SOURCE_KEY_SECRET", Manifests.id(d))
                    .isEqualTo(name.endsWith("ingestion") || name.endsWith("governance"));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void everyDeploymentIsCoveredByAPodDisruptionBudget(Rendering r) {
        assertThat(r.ofKind("Deployment")).allSatisfy(d -> {
            JsonNode podLabels = d.at("/spec/template/metadata/labels");
            assertThat(r.ofKind("PodDisruptionBudget")).as("%s has a PDB", Manifests.id(d))
                    .anySatisfy(pdb -> assertThat(selects(pdb.at("/spec/selector/matchLabels"), podLabels)).isTrue());
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void consumersScaleOnLagAndHttpServicesOnCpu(Rendering r) {
        for (String name : CONSUMERS) {
            ObjectNode so = r.get("ScaledObject", name);
            assertThat(so.at("/spec/scaleTargetRef/name").asText()).isEqualTo(name);
            JsonNode trigger = so.at("/spec/triggers/0");
            assertThat(trigger.path("type").asText()).isEqualTo("kafka");
            assertThat(trigger.at("/metadata/consumerGroup").asText()).isNotEmpty();
            assertThat(trigger.at("/metadata/lagThreshold").asText()).isNotEmpty();
            assertThat(r.find("HorizontalPodAutoscaler", name)).as("%s: KEDA owns its HPA", name).isEmpty();
            assertThat(r.get("Deployment", name).at("/spec/replicas").isMissingNode())
                    .as("%s: replicas left to the autoscaler", name).isTrue();
        }
        for (String name : HTTP_SCALED) {
            ObjectNode hpa = r.get("HorizontalPodAutoscaler", name);
            assertThat(hpa.at("/spec/scaleTargetRef/name").asText()).isEqualTo(name);
            assertThat(hpa.at("/spec/minReplicas").asInt()).isGreaterThanOrEqualTo(1).isLessThanOrEqualTo(hpa.at("/spec/maxReplicas").asInt());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void onlyTheGatewayIsExposed(Rendering r) {
        assertThat(r.ofKind("Service")).allSatisfy(s ->
                assertThat(s.at("/spec/type").asText("ClusterIP")).as(Manifests.id(s)).isEqualTo("ClusterIP"));
        assertThat(r.ofKind("Ingress")).hasSize(1).allSatisfy(i -> {
            assertThat(list(i.at("/spec/rules"))).allSatisfy(rule -> assertThat(list(rule.at("/http/paths")))
                    .allSatisfy(p -> {
                        assertThat(p.at("/backend/service/name").asText()).isEqualTo("pilotage-gateway");
                        assertThat(p.at("/backend/service/port/name").asText()).isEqualTo("http");
                    }));
            assertThat(i.at("/spec/tls/0/secretName").asText()).as("Ingress serves TLS").isNotEmpty();
        });
        // deny by default, for every pod of the release
        assertThat(r.ofKind("NetworkPolicy")).anySatisfy(np -> {
            assertThat(np.at("/spec/ingress").isMissingNode() && np.at("/spec/egress").isMissingNode()).isTrue();
            assertThat(list(np.at("/spec/policyTypes"))).extracting(JsonNode::asText).containsExactlyInAnyOrder("Ingress", "Egress");
            assertThat(r.ofKind("Deployment")).allSatisfy(d ->
                    assertThat(selects(np.at("/spec/podSelector/matchLabels"), d.at("/spec/template/metadata/labels"))).isTrue());
        });
        JsonNode gatewayPods = pods(r, "pilotage-gateway");
        for (ObjectNode d : r.ofKind("Deployment")) {
            String name = d.at("/metadata/name").asText();
            if (name.equals("pilotage-gateway")) {
                continue;
            }
            // who may call this application's port: the console only the gateway; a backend the
            // gateway and the console (the signed-in person's calls); the KPI engine governance too
            // (it reads the scorecard a review freezes)
            List<String> callers = name.equals(CONSOLE) ? List.of("pilotage-gateway")
                    : name.equals("pilotage-kpi-engine") ? List.of("pilotage-gateway", CONSOLE, "pilotage-governance")
                    : List.of("pilotage-gateway", CONSOLE);
            List<JsonNode> callerPods = callers.stream().map(c -> pods(r, c)).toList();
            ObjectNode np = r.get("NetworkPolicy", name);
            List<JsonNode> admitted = new java.util.ArrayList<>();
            for (JsonNode rule : np.at("/spec/ingress")) {
                boolean appPort = list(rule.path("ports")).stream().anyMatch(p -> p.path("port").asText().equals("http"));
                if (appPort) {
                    assertThat(list(rule.path("from"))).as("%s ingress on http", name).isNotEmpty().allSatisfy(peer -> {
                        assertThat(peer.has("namespaceSelector") || peer.has("ipBlock")).isFalse();
                        JsonNode selector = peer.at("/podSelector/matchLabels");
                        assertThat(callerPods.stream().anyMatch(p -> selects(selector, p))).as("%s admits only %s", name, callers).isTrue();
                        admitted.add(selector);
                    });
                } else {
                    assertThat(list(rule.path("ports"))).extracting(p -> p.path("port").asText()).containsOnly("management");
                }
            }
            for (int i = 0; i < callers.size(); i++) {
                JsonNode caller = callerPods.get(i);
                assertThat(admitted).as("%s admits %s", name, callers.get(i)).anySatisfy(s -> assertThat(selects(s, caller)).isTrue());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void egressIsLimitedToWhatEachServiceNeeds(Rendering r) {
        for (ObjectNode d : r.ofKind("Deployment")) {
            String name = d.at("/metadata/name").asText();
            JsonNode egress = r.get("NetworkPolicy", name).at("/spec/egress");
            boolean open = list(egress).stream().anyMatch(rule -> !rule.has("to") || list(rule.path("to")).stream()
                    .anyMatch(peer -> peer.at("/ipBlock/cidr").asText().equals("0.0.0.0/0")));
            assertThat(open).as("%s may reach the outside", name).isEqualTo(name.equals("pilotage-alerting"));
            Set<Integer> ports = new java.util.TreeSet<>();
            list(egress).forEach(rule -> rule.path("ports").forEach(p -> ports.add(p.path("port").asInt())));
            if (name.equals("pilotage-alerting")) {
                assertThat(ports).contains(443, 587);
            }
            if (name.equals("pilotage-gateway") || name.equals(CONSOLE)) {
                assertThat(ports).as(name).doesNotContain(5432, 9092, 9093);
            } else {
                assertThat(ports).contains(5432).containsAnyOf(9092, 9093);
            }
        }
    }

    /**
     * The console reaches the cluster DNS, Keycloak (code flow, JWKS) and the four services whose
     * APIs it calls, at the addresses its ConfigMap names: nothing else.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void theConsoleReachesOnlyDnsKeycloakAndTheFourApis(Rendering r) {
        JsonNode data = r.get("ConfigMap", CONSOLE).path("data");
        JsonNode egress = r.get("NetworkPolicy", CONSOLE).at("/spec/egress");
        JsonNode gatewayEgress = r.get("NetworkPolicy", "pilotage-gateway").at("/spec/egress");
        for (String backend : BACKENDS) {
            int port = r.get("Service", backend).at("/spec/ports/0/port").asInt();
            String variable = "PILOTAGE_" + backend.substring("pilotage-".length()).toUpperCase().replace('-', '_') + "_URL";
            assertThat(data.path(variable).asText()).as(variable).isEqualTo("http://" + backend + ":" + port);
            assertThat(data.path(variable).asText()).as("%s: the gateway's address of %s", variable, backend)
                    .isEqualTo(r.get("ConfigMap", "pilotage-gateway").at("/data/" + variable).asText());
            assertThat(list(egress)).as("the console may call %s", backend).anySatisfy(rule -> reaches(rule, pods(r, backend), port));
        }
        // the rules other than the four APIs: the gateway's own (DNS and Keycloak), nothing more
        List<JsonNode> others = list(egress).stream()
                .filter(rule -> BACKENDS.stream().noneMatch(b -> list(rule.path("to")).stream()
                        .anyMatch(peer -> selects(peer.at("/podSelector/matchLabels"), pods(r, b)))))
                .toList();
        List<JsonNode> gatewayOwn = list(gatewayEgress).stream()
                .filter(rule -> r.ofKind("Deployment").stream().noneMatch(d -> list(rule.path("to")).stream()
                        .anyMatch(peer -> selects(peer.at("/podSelector/matchLabels"), d.at("/spec/template/metadata/labels")))))
                .toList();
        assertThat(others).as("DNS and Keycloak").hasSize(2).containsExactlyInAnyOrderElementsOf(gatewayOwn);
        assertThat(list(egress)).as("the console's egress").hasSize(BACKENDS.size() + 2);
        // Keycloak's pods are not selected by any of the release's policies: they admit the console
        assertThat(others).anySatisfy(rule -> assertThat(list(rule.path("ports"))).anySatisfy(p -> assertThat(p.path("port").asInt()).isEqualTo(8443)));
        JsonNode keycloakPods = others.stream().filter(rule -> rule.toString().contains("keycloak")).findFirst().orElseThrow()
                .at("/to/0/podSelector/matchLabels");
        assertThat(r.ofKind("NetworkPolicy")).allSatisfy(np ->
                assertThat(np.at("/spec/podSelector/matchLabels").isEmpty() || selects(np.at("/spec/podSelector/matchLabels"), keycloakPods))
                        .as("%s selects Keycloak", Manifests.id(np)).isFalse());
        // and the gateway forwards /console to it
        int consolePort = r.get("Service", CONSOLE).at("/spec/ports/0/port").asInt();
        assertThat(r.get("ConfigMap", "pilotage-gateway").at("/data/PILOTAGE_CONSOLE_URL").asText()).isEqualTo("http://pilotage-console:" + consolePort);
        assertThat(list(gatewayEgress)).as("the gateway may call the console").anySatisfy(rule -> reaches(rule, pods(r, CONSOLE), consolePort));
    }

    /**
     * The console owns no data: no database credentials, no Kafka, no signing or pseudonym key;
     * its two secrets (the OIDC client secret and the session key) come from Secret references.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void theConsoleHasNoDatabaseNorKafkaAndItsSecretsByReference(Rendering r) {
        JsonNode c = container(r.get("Deployment", CONSOLE));
        List<String> env = list(c.path("env")).stream().map(e -> e.path("name").asText()).toList();
        assertThat(env).containsExactlyInAnyOrder("PILOTAGE_OIDC_CLIENT_SECRET", "PILOTAGE_CONSOLE_SESSION_SECRET");
        for (JsonNode e : c.path("env")) {
            assertThat(e.at("/valueFrom/secretKeyRef/name").asText()).as(e.path("name").asText()).isNotEmpty();
        }
        assertThat(list(c.path("env"))).anySatisfy(e -> {
            assertThat(e.path("name").asText()).isEqualTo("PILOTAGE_OIDC_CLIENT_SECRET");
            assertThat(e.at("/valueFrom/secretKeyRef/key").asText()).isEqualTo("client-secret");
        });
        List<String> keys = new java.util.ArrayList<>();
        r.get("ConfigMap", CONSOLE).path("data").fieldNames().forEachRemaining(keys::add);
        assertThat(keys).noneMatch(k -> k.startsWith("KAFKA_") || k.startsWith("PILOTAGE_KAFKA") || k.startsWith("PILOTAGE_PG_")
                || k.startsWith("PILOTAGE_DB") || k.startsWith("QUARKUS_DATASOURCE") || k.endsWith("_GROUP"));
        assertThat(keys).contains("PILOTAGE_OIDC_URL", "PILOTAGE_OIDC_CLIENT_ID", "PILOTAGE_PUBLIC_URL");
        assertThat(list(c.path("volumeMounts"))).extracting(m -> m.path("mountPath").asText()).noneMatch(p -> p.contains("kafka"));
        assertThat(r.find("ScaledObject", CONSOLE)).isEmpty();
    }

    /** Governance reads the KPI engine (a review freezes the project's scorecard): address and network path. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void governanceReachesTheKpiEngine(Rendering r) {
        JsonNode service = r.get("Service", "pilotage-kpi-engine");
        int port = service.at("/spec/ports/0/port").asInt();
        assertThat(r.get("ConfigMap", "pilotage-governance").at("/data/PILOTAGE_KPI_ENGINE_URL").asText())
                .isEqualTo("http://pilotage-kpi-engine:" + port);
        JsonNode kpiEnginePods = r.get("Deployment", "pilotage-kpi-engine").at("/spec/template/metadata/labels");
        JsonNode governancePods = r.get("Deployment", "pilotage-governance").at("/spec/template/metadata/labels");
        assertThat(list(r.get("NetworkPolicy", "pilotage-governance").at("/spec/egress"))).as("governance may call the KPI engine")
                .anySatisfy(rule -> {
                    assertThat(list(rule.path("to"))).anySatisfy(peer ->
                            assertThat(selects(peer.at("/podSelector/matchLabels"), kpiEnginePods)).isTrue());
                    assertThat(list(rule.path("ports"))).anySatisfy(p -> assertThat(p.path("port").asInt()).isEqualTo(port));
                });
        assertThat(list(r.get("NetworkPolicy", "pilotage-kpi-engine").at("/spec/ingress"))).as("the KPI engine admits governance")
                .anySatisfy(rule -> assertThat(list(rule.path("from"))).anySatisfy(peer ->
                        assertThat(selects(peer.at("/podSelector/matchLabels"), governancePods)).isTrue()));
        assertThat(r.ofKind("ConfigMap")).filteredOn(cm -> !cm.at("/metadata/name").asText().matches("pilotage-(gateway|governance|console)"))
                .allSatisfy(cm -> assertThat(cm.at("/data/PILOTAGE_KPI_ENGINE_URL").isMissingNode()).as(Manifests.id(cm)).isTrue());
    }

    /** Alert messages link to scorecards at an address their recipients can open, not the pod's loopback. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void alertLinksUseThePublicUrl(Rendering r) {
        String host = r.ofKind("Ingress").getFirst().at("/spec/rules/0/host").asText();
        assertThat(r.get("ConfigMap", "pilotage-alerting").at("/data/PILOTAGE_GATEWAY_URL").asText())
                .isEqualTo("https://" + host);
    }

    /**
     * The KPI engine's consumer uses static group membership: its member id is the pod's name, so a
     * restarted container takes its partitions back at once instead of after the old session.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void theKpiEngineMemberIdIsThePodName(Rendering r) {
        assertThat(list(container(r.get("Deployment", "pilotage-kpi-engine")).path("env")))
                .anySatisfy(env -> {
                    assertThat(env.path("name").asText()).isEqualTo("PILOTAGE_KPI_ENGINE_INSTANCE_ID");
                    assertThat(env.at("/valueFrom/fieldRef/fieldPath").asText()).isEqualTo("metadata.name");
                });
    }

    /** The demo sources bundled with ingestion have public secrets: a cluster loads none of them. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void noDemoSourceIsLoadedInACluster(Rendering r) {
        assertThat(r.get("ConfigMap", "pilotage-ingestion").at("/data/PILOTAGE_INGESTION_BUNDLED_SOURCES").asText())
                .isEqualTo("none");
    }

    /** The pod labels of a Deployment. */
    private static JsonNode pods(Rendering r, String deployment) {
        return r.get("Deployment", deployment).at("/spec/template/metadata/labels");
    }

    /** An egress rule reaches the pods on the port. */
    private static void reaches(JsonNode rule, JsonNode pods, int port) {
        assertThat(list(rule.path("to"))).anySatisfy(peer -> assertThat(selects(peer.at("/podSelector/matchLabels"), pods)).isTrue());
        assertThat(list(rule.path("ports"))).anySatisfy(p -> assertThat(p.path("port").asInt()).isEqualTo(port));
    }

    /** matchLabels selects the labels when every pair is present. */
    static boolean selects(JsonNode matchLabels, JsonNode labels) {
        if (matchLabels.isMissingNode() || matchLabels.isEmpty()) {
            return false;
        }
        for (Map.Entry<String, JsonNode> e : matchLabels.properties()) {
            if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }
}
