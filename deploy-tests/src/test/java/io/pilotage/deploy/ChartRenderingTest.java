package io.pilotage.deploy;

import com.marcnuri.helm.Helm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.pilotage.deploy.Manifests.CHART;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** helm lint and helm template of helm/pilotage, offline, through the Helm library of helm-java. */
class ChartRenderingTest {

    @Test
    void lintPassesStrictlyWithDefaultAndProdValues() {
        var lint = new Helm(CHART).lint().strict().call();
        assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
        assertThat(lint.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }

    @Test
    void defaultValuesRenderEveryApplication() {
        var r = Manifests.chartDefault();
        for (String app : new String[] {"gateway", "ingestion", "kpi-engine", "alerting", "governance", "console"}) {
            r.get("Deployment", "pilotage-" + app);
            r.get("Service", "pilotage-" + app);
            r.get("ConfigMap", "pilotage-" + app);
            r.get("PodDisruptionBudget", "pilotage-" + app);
            r.get("NetworkPolicy", "pilotage-" + app);
        }
        assertThat(r.ofKind("Ingress")).hasSize(1);
        assertThat(r.ofKind("ServiceMonitor")).as("no Prometheus operator API: no ServiceMonitor").isEmpty();
    }

    @Test
    void serviceMonitorsAppearWhereThePrometheusOperatorApiIs() {
        var r = Manifests.chartDefaultWithPrometheusOperator();
        assertThat(r.ofKind("ServiceMonitor")).hasSize(6).allSatisfy(sm -> {
            assertThat(sm.at("/spec/endpoints/0/port").asText()).isEqualTo("management");
            assertThat(sm.at("/spec/endpoints/0/path").asText()).isEqualTo("/q/metrics");
        });
        assertThat(r.get("PrometheusRule", "pilotage-alerts").at("/spec/groups/0/rules")).extracting(rule -> rule.path("alert").asText())
                .contains("PilotageServiceDown", "PilotageConsumerLagHigh", "PilotageMemoryNearLimit",
                        "PilotageKpiValuesNotPublished", "PilotageSigningKeysUnopened");
    }

    @Test
    void prodValuesRender() {
        var r = Manifests.chartProd();
        assertThat(r.ofKind("Deployment")).hasSize(6);
        assertThat(r.get("ScaledObject", "pilotage-kpi-engine").at("/spec/maxReplicaCount").asInt()).isEqualTo(12);
        assertThat(r.get("HorizontalPodAutoscaler", "pilotage-console").at("/spec/minReplicas").asInt()).isEqualTo(2);
        assertThat(r.get("Deployment", "pilotage-gateway").at("/spec/template/spec/containers/0/image").asText())
                .isEqualTo("registry.pilotage.internal/pilotage/gateway:0.1.0");
    }

    /** Each wrong value is refused by values.schema.json before anything renders, naming the value. */
    @ParameterizedTest(name = "{0}={1} is rejected")
    @CsvSource(delimiter = '|', textBlock = """
            gateway.resources.limits.memory                 | lots        | /gateway/resources/limits/memory
            gateway.resources.limits                        | null        | /gateway/resources
            ingestion.port                                  | 70000       | /ingestion/port
            image.pullPolicy                                | Sometimes   | /image/pullPolicy
            image.digest                                    | md5:abc     | /image/digest
            containerSecurityContext.readOnlyRootFilesystem | false       | /containerSecurityContext/readOnlyRootFilesystem
            containerSecurityContext.privileged             | true        | /containerSecurityContext/privileged
            podSecurityContext.runAsNonRoot                 | false       | /podSecurityContext/runAsNonRoot
            gateway.replicas                                | 3           | /gateway
            kpiEngine.autoscaling.keda.maxReplicaCount      | 0           | /kpiEngine/autoscaling/keda/maxReplicaCount
            gateway.autoscaling.hpa.targetCPU               | 150         | /gateway/autoscaling/hpa/targetCPU
            kafka.bootstrapServers                          | no-port     | /kafka/bootstrapServers
            postgresql.sslMode                              | sometimes   | /postgresql/sslMode
            keycloak.url                                    | ftp://x     | /keycloak/url
            probes.port                                     | 8080        | /probes/port
            ingress.hostname                                | Not_A_Host  | /ingress/hostname
            governance.pdb.create                           | yes         | /governance/pdb/create
            console.port                                    | 70000       | /console/port
            console.clientSecret                            | Not_A_Name  | /console/clientSecret
            console.sessionSecret                           | null        | /console
            console.autoscaling.keda.enabled                | true        | /console/autoscaling
            unknownTopLevel                                 | 1           | unknownTopLevel
            """)
    void schemaRejectsBadValues(String key, String value, String reported) {
        assertThatThrownBy(() -> Manifests.template().set(key, value).call())
                .hasMessageContaining("schema")
                .hasMessageContaining(reported);
    }

    @Test
    void moreConsumerReplicasThanPartitionsIsRefused() {
        assertThatThrownBy(() -> Manifests.template().set("alerting.autoscaling.keda.maxReplicaCount", 7).call())
                .hasMessageContaining("alerting.autoscaling.keda.maxReplicaCount (7) exceeds kafka.partitions (6)");
        assertThat(Manifests.template().set("kafka.partitions", 7).set("alerting.autoscaling.keda.maxReplicaCount", 7).call())
                .contains("maxReplicaCount: 7");
    }

    /** The base of alert messages' scorecard links: publicUrl, else the Ingress, else the gateway Service. */
    @Test
    void alertLinksFollowThePublicUrlThenTheIngress() {
        java.util.function.Function<String, String> alertingBase =
                yaml -> configMapData(yaml, "pilotage-alerting").path("PILOTAGE_GATEWAY_URL").asText();
        assertThat(alertingBase.apply(Manifests.template().set("publicUrl", "https://kpi.example.org/").call()))
                .isEqualTo("https://kpi.example.org");
        assertThat(alertingBase.apply(Manifests.template().set("ingress.tls", false).set("ingress.path", "/api/").call()))
                .isEqualTo("http://pilotage.example.com/api");
        assertThat(alertingBase.apply(Manifests.template().set("ingress.enabled", false).call()))
                .isEqualTo("http://pilotage-gateway:8080");
        assertThatThrownBy(() -> Manifests.template().set("publicUrl", "kpi.example.org").call())
                .hasMessageContaining("publicUrl");
    }

    /** What a browser is sent to: the public URL (CORS origin) and Keycloak's public host (Swagger UI login). */
    @Test
    void theGatewayKnowsItsPublicAddressAndKeycloaks() {
        var defaults = configMapData(Manifests.template().call(), "pilotage-gateway");
        assertThat(defaults.path("PILOTAGE_PUBLIC_URL").asText()).isEqualTo("https://pilotage.example.com");
        assertThat(defaults.path("PILOTAGE_OIDC_PUBLIC_URL").asText()).isEqualTo("https://pilotage-keycloak-service:8443/realms/pilotage");
        var prod = configMapData(Manifests.template().withValuesFile(Manifests.PROD_VALUES).call(), "pilotage-gateway");
        assertThat(prod.path("PILOTAGE_OIDC_PUBLIC_URL").asText()).isEqualTo("https://auth.pilotage.example.com/realms/pilotage");
    }

    /**
     * The console signs people in as client pilotage-console and sends them back through the
     * public URL; the gateway reaches it at its Service. Without the console, nothing names it.
     */
    @Test
    void theConsoleKnowsThePublicUrlAndTheGatewayKnowsTheConsole() {
        var defaults = Manifests.template().call();
        var console = configMapData(defaults, "pilotage-console");
        assertThat(console.path("PILOTAGE_OIDC_CLIENT_ID").asText()).isEqualTo("pilotage-console");
        assertThat(console.path("PILOTAGE_PUBLIC_URL").asText()).isEqualTo("https://pilotage.example.com");
        assertThat(console.path("PILOTAGE_OIDC_URL").asText()).isEqualTo("https://pilotage-keycloak-service:8443/realms/pilotage");
        assertThat(configMapData(defaults, "pilotage-gateway").path("PILOTAGE_CONSOLE_URL").asText()).isEqualTo("http://pilotage-console:8085");
        assertThat(configMapData(Manifests.template().set("publicUrl", "https://kpi.example.org/").call(), "pilotage-console")
                .path("PILOTAGE_PUBLIC_URL").asText()).isEqualTo("https://kpi.example.org");

        var without = Manifests.parseAll(Manifests.template().set("console.enabled", false).call());
        assertThat(without).noneMatch(d -> d.at("/metadata/name").asText().equals("pilotage-console"));
        assertThat(without).filteredOn(d -> d.path("kind").asText().equals("NetworkPolicy"))
                .allSatisfy(np -> assertThat(np.at("/spec/ingress").toString()).as("%s admits no console", Manifests.id(np))
                        .doesNotContain("\"console\""));
    }

    /** E-mail goes through the configured relay, over STARTTLS, logged in when a user is named. */
    @Test
    void theSmtpRelayIsConfiguredAsAWhole() {
        var defaults = configMapData(Manifests.template().call(), "pilotage-alerting");
        assertThat(defaults.path("PILOTAGE_SMTP_HOST").isMissingNode()).isTrue();
        assertThat(defaults.path("PILOTAGE_SMTP_PORT").asText()).isEqualTo("587");
        assertThat(defaults.path("PILOTAGE_SMTP_START_TLS").asText()).isEqualTo("REQUIRED");
        assertThat(defaults.path("PILOTAGE_SMTP_LOGIN").asText()).isEqualTo("DISABLED");
        var prod = configMapData(Manifests.template().withValuesFile(Manifests.PROD_VALUES).call(), "pilotage-alerting");
        assertThat(prod.path("PILOTAGE_SMTP_HOST").asText()).isEqualTo("smtp.example.com");
        assertThat(prod.path("PILOTAGE_SMTP_LOGIN").asText()).isEqualTo("REQUIRED");
        assertThat(prod.path("PILOTAGE_SMTP_USER").asText()).isEqualTo("pilotage-alerts");
        assertThatThrownBy(() -> Manifests.template().set("alerting.smtp.startTls", "YES").call()).hasMessageContaining("startTls");
    }

    @Test
    void demoSourcesAreLoadedOnlyWhenListed() {
        String yaml = Manifests.template().set("ingestion.bundledSources[0]", "odoo-prod").set("ingestion.bundledSources[1]", "ga4-mobile").call();
        assertThat(configMapData(yaml, "pilotage-ingestion").path("PILOTAGE_INGESTION_BUNDLED_SOURCES").asText())
                .isEqualTo("odoo-prod,ga4-mobile");
        assertThatThrownBy(() -> Manifests.template().set("ingestion.bundledSources[0]", "unknown").call())
                .hasMessageContaining("bundledSources");
    }

    @Test
    void plainKafkaNeedsNoKedaCredentials() {
        var docs = Manifests.parseAll(Manifests.template().set("kafka.tls.enabled", false).set("kafka.sasl.enabled", false).call());
        assertThat(docs).noneMatch(d -> d.path("kind").asText().equals("TriggerAuthentication"));
        assertThat(docs).filteredOn(d -> d.path("kind").asText().equals("ScaledObject")).hasSize(2)
                .allSatisfy(so -> assertThat(so.at("/spec/triggers/0/authenticationRef").isMissingNode()).isTrue());
        assertThat(docs).filteredOn(d -> d.path("kind").asText().equals("ConfigMap"))
                .filteredOn(cm -> cm.at("/data/KAFKA_SECURITY_PROTOCOL").isTextual())
                .allSatisfy(cm -> assertThat(cm.at("/data/KAFKA_SECURITY_PROTOCOL").asText()).isEqualTo("PLAINTEXT"));
    }

    @Test
    void noSecretValueIsNeededToRender() {
        // the default values render without any secret: every credential is a Secret reference
        var r = Manifests.chartDefault();
        assertThat(r.ofKind("Secret")).isEmpty();
    }

    /**
     * k8s/base/apps/pilotage.yaml is the chart rendered with k8s/base/apps/values.yaml; it must not
     * drift. Regenerate: ./mvnw -B -pl deploy-tests verify -Dpilotage.regenerate=true
     */
    @Test
    void kustomizeBaseAppsAreTheCurrentChartRender() throws Exception {
        String header = "# GENERATED from helm/pilotage with k8s/base/apps/values.yaml (release and namespace \"pilotage\").\n"
                + "# Do not edit: regenerate with ./mvnw -B -pl deploy-tests verify -Dpilotage.regenerate=true\n";
        String rendered = header + Manifests.template().withValuesFile(Manifests.BASE_APPS_VALUES).call();
        Path file = Manifests.BASE_APPS;
        if (Boolean.getBoolean("pilotage.regenerate")) {
            Files.writeString(file, rendered);
        }
        assertThat(Files.readString(file))
                .as("k8s/base/apps/pilotage.yaml is stale: regenerate it (see the test's comment)")
                .isEqualTo(rendered);
    }

    /** The data of one ConfigMap of a rendering. */
    private static com.fasterxml.jackson.databind.JsonNode configMapData(String yaml, String name) {
        return Manifests.parseAll(yaml).stream()
                .filter(d -> d.path("kind").asText().equals("ConfigMap") && d.at("/metadata/name").asText().equals(name))
                .findFirst().orElseThrow().path("data");
    }
}
