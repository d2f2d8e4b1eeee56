package io.pilotage.governance.kpi;

import io.pilotage.contracts.definition.Definition;
import io.pilotage.contracts.definition.KpiYaml;
import io.pilotage.governance.support.Api;
import io.pilotage.governance.support.DefinitionsTopic;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.pilotage.governance.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/** KPI definitions: versions, ownership, optimistic locking, KPIs as code, publication. */
@QuarkusTest
class KpiResourceTest {

    static String kpiJson(String key, double target, int version) {
        return """
                {"key": "%s", "name": {"en": "Orders", "fr": "Commandes"}, "unit": "count", "direction": "higher_is_better",
                 "target": %s, "thresholds": {"warning": 8, "critical": 5}, "frequency": "monthly", "owner": "owner",
                 "measure": {"type": "count", "events": ["order.placed"]}, "version": %d}""".formatted(key, target, version);
    }

    @Test
    void theCatalogueIsLoadedAndPublishedInTheEngineFormat() {
        as("analyst").when().get("/projects/mobile-app/kpis").then().statusCode(200)
                .body("key", hasItems("mobile.mau", "mobile.arpu", "mobile.privacy_compliance"));
        var mau = DefinitionsTopic.awaitRecord(Definition.kpiKey("mobile-app", "mobile.mau"), r -> r.value() != null);
        assertThat(mau.value().kind()).isEqualTo(Definition.Kind.KPI);
        assertThat(mau.value().kpi().measure().type()).isEqualTo("distinct");
        assertThat(mau.value().kpi().window().days()).isEqualTo(30);
    }

    @Test
    void everyChangeIsVersionedWithWhoWhenWhyAndPublished() {
        String project = Api.uniqueKey("kpi");
        Api.createProject(project, "owner");
        String key = project + ".orders";
        as("owner").body(kpiJson(key, 10, 0)).when().post("/projects/" + project + "/kpis?reason=new KPI")
                .then().statusCode(201).body("version", equalTo(1)).header("ETag", "\"1\"");
        as("owner").body(kpiJson(key, 12, 1)).when().put("/projects/" + project + "/kpis/" + key + "?reason=budget raised the bar")
                .then().statusCode(200).body("version", equalTo(2)).body("target", equalTo(12.0f));

        as("analyst").when().get("/projects/" + project + "/kpis/" + key + "/history").then().statusCode(200)
                .body("version", contains(2, 1))
                .body("[0].changedBy", equalTo("owner")).body("[0].reason", equalTo("budget raised the bar"))
                .body("[0].before.target", equalTo(10.0f)).body("[0].after.target", equalTo(12.0f))
                .body("[1].before", nullValue());

        var published = DefinitionsTopic.awaitRecord(Definition.kpiKey(project, key),
                r -> r.value() != null && r.value().version() == 2);
        assertThat(published.value().kpi().target()).isEqualTo(12.0);
        assertThat(published.value().kpi().version()).isEqualTo(2);
        assertThat(published.value().updatedBy()).isEqualTo("owner");
        assertThat(published.value().reason()).isEqualTo("budget raised the bar");

        as("owner").when().delete("/projects/" + project + "/kpis/" + key + "?version=2").then().statusCode(204);
        DefinitionsTopic.awaitRecord(Definition.kpiKey(project, key), r -> r.value() == null);
    }

    @Test
    void anOwnerOfAnotherProjectGets403AndNothingChanges() {
        as("owner-mobile").body(kpiJson("erp.new_kpi", 10, 0)).when().post("/projects/erp/kpis").then().statusCode(403);
        as("owner").body(kpiJson("mobile.new_kpi", 10, 0)).when().post("/projects/mobile-app/kpis").then().statusCode(403);
        as("analyst").body(kpiJson("mobile.new_kpi", 10, 0)).when().post("/projects/mobile-app/kpis").then().statusCode(403);
        as("committee").body(kpiJson("mobile.new_kpi", 10, 0)).when().post("/projects/mobile-app/kpis").then().statusCode(403);
        as("owner-mobile").when().get("/projects/mobile-app/kpis/mobile.mau").then().statusCode(200).body("version", equalTo(1));
        as("owner").contentType("application/yaml").body(KpiYaml.write(KpiYaml.catalogue("mobile-app")))
                .when().post("/projects/mobile-app/kpis").then().statusCode(403);
        as("analyst").when().get("/projects/mobile-app/kpis/mobile.new_kpi").then().statusCode(404);
    }

    @Test
    void concurrentEditsOfOneVersionGive409WithTheCurrentVersion() {
        String project = Api.uniqueKey("lock");
        Api.createProject(project, "owner");
        String key = project + ".orders";
        as("owner").body(kpiJson(key, 10, 0)).when().post("/projects/" + project + "/kpis").then().statusCode(201);
        as("owner").body(kpiJson(key, 11, 1)).when().put("/projects/" + project + "/kpis/" + key).then().statusCode(200);
        as("admin").body(kpiJson(key, 20, 1)).when().put("/projects/" + project + "/kpis/" + key).then().statusCode(409)
                .header("ETag", "\"2\"").body("errors[0].field", equalTo("version"))
                .body("detail", containsString("current version is 2"));
        as("owner").when().get("/projects/" + project + "/kpis/" + key).then().body("target", equalTo(11.0f));
        as("owner").body(kpiJson(key, 11, 0)).when().put("/projects/" + project + "/kpis/" + key).then().statusCode(400)
                .body("errors.field", hasItems("version"));
    }

    @Test
    void badKpiJsonNamesTheFields() {
        String project = Api.uniqueKey("bad");
        Api.createProject(project, "owner");
        as("owner").body(kpiJson(project + ".x", 10, 0).replace("higher_is_better", "up"))
                .when().post("/projects/" + project + "/kpis").then().statusCode(400)
                .body("errors[0].field", equalTo("direction"));
        as("owner").body(kpiJson(project + ".x", 4, 0).replace("[\"order.placed\"]", "[\"order.placed\"], \"field\": \"amount\"")
                        .replace("\"type\": \"count\"", "\"type\": \"sum\""))
                .when().post("/projects/" + project + "/kpis").then().statusCode(400)
                .body("errors.field", hasItems("thresholds.warning", "thresholds.critical", "measure.field"));
    }

    @Test
    void kpisAsCodeExportDryRunAndApply() {
        String project = Api.uniqueKey("code");
        Api.createProject(project, "owner-mobile");
        String key = project + ".orders";
        as("owner-mobile").body(kpiJson(key, 10, 0)).when().post("/projects/" + project + "/kpis").then().statusCode(201);

        String exported = as("analyst").accept("application/yaml").when().get("/projects/" + project + "/kpis")
                .then().statusCode(200).contentType(containsString("yaml")).extract().asString();
        assertThat(exported).contains("key: " + key).contains("version: 1");
        assertThat(as("analyst").when().get("/projects/" + project + "/kpis.yaml").then().statusCode(200).extract().asString())
                .isEqualTo(exported);

        // a file with every kind of mistake: all reported, with the diff, nothing changed
        String broken = """
                project: %s
                kpis:
                  - key: %s
                    name: { en: Orders }
                    unit: count
                    direction: lower_is_better
                    target: 10
                    thresholds: { warning: 8 }
                    frequency: monthly
                    owner: owner-mobile
                    measure: { type: count, events: [order.placed] }
                  - key: %s.new
                    name: { en: New }
                    unit: count
                    direction: higher_is_better
                    frequency: monthly
                    owner: owner-mobile
                    measure: { type: median, events: [x] }
                  - key: %s.avg
                    name: { en: Avg }
                    unit: XOF
                    direction: higher_is_better
                    target: 5
                    frequency: monthly
                    owner: owner-mobile
                    measure: { type: avg, events: [x], field: amount }
                """.formatted(project, key, project, project);
        as("owner-mobile").contentType("application/yaml").body(broken)
                .when().post("/projects/" + project + "/kpis?dryRun=true").then().statusCode(200)
                .body("errors.field", hasItems("kpis[0].thresholds.warning", "kpis[1].target", "kpis[1].measure.type",
                        "kpis[2].measure.field"))
                .body("errors", hasSize(4))
                .body("changes.find { it.kpi == '" + key + "' }.action", equalTo("update"))
                .body("changes.find { it.kpi == '" + key + "' }.fields.field", hasItems("direction", "thresholds"));
        as("owner-mobile").contentType("application/yaml").body(broken)
                .when().post("/projects/" + project + "/kpis").then().statusCode(400).body("errors", hasSize(4));
        as("analyst").when().get("/projects/" + project + "/kpis").then().body("size()", equalTo(1));

        // a valid file: dry run shows the diff, apply makes it so and publishes it
        String good = exported.replace("target: 10", "target: 15") + """
                - key: %s.revenue
                  name: { en: Revenue }
                  unit: XOF
                  direction: higher_is_better
                  target: 1000
                  frequency: monthly
                  owner: owner-mobile
                  measure: { type: sum, events: [purchase], field: value }
                """.formatted(project);
        as("owner-mobile").contentType("application/yaml").body(good)
                .when().post("/projects/" + project + "/kpis?dryRun=true").then().statusCode(200)
                .body("errors", hasSize(0))
                .body("changes.action", hasItems("update", "create"));
        as("owner-mobile").contentType("application/yaml").body(good)
                .when().post("/projects/" + project + "/kpis?reason=quarterly targets").then().statusCode(200)
                .body("changes.action", hasItems("update", "create"));
        as("analyst").when().get("/projects/" + project + "/kpis/" + key).then().body("target", equalTo(15.0f)).body("version", equalTo(2));
        DefinitionsTopic.awaitRecord(Definition.kpiKey(project, project + ".revenue"), r -> r.value() != null);

        // the same file again is now stale (it says version 1 of the KPI, which is at 2)
        as("owner-mobile").contentType("application/yaml").body(good)
                .when().post("/projects/" + project + "/kpis").then().statusCode(409).body("detail", containsString("current version is 2")).body("errors[0].field", equalTo("kpis[0].version"));

        // unparseable YAML and unknown properties name the place
        as("owner-mobile").contentType("application/yaml").body("project: x\nkpis:\n  - key: a\n    treshold: 3\n")
                .when().post("/projects/" + project + "/kpis?dryRun=true").then().statusCode(400)
                .body("errors[0].field", equalTo("kpis[0].treshold"));
    }

    @Test
    void currentDefinitionsAreServedInTheTopicFormat() {
        as("analyst").queryParam("kind", "kpi").queryParam("project", "erp").when().get("/definitions").then().statusCode(200)
                .body("kind", org.hamcrest.Matchers.everyItem(equalTo("kpi")))
                .body("kpi.key", hasItems("erp.automation_rate", "erp.uptime"))
                .body("find { it.kpi.key == 'erp.uptime' }.kpi.measure.type", equalTo("uptime"));
        as("analyst").queryParam("kind", "widget").when().get("/definitions").then().statusCode(400)
                .body("errors[0].field", equalTo("kind"));
        as("owner").when().post("/definitions/republish").then().statusCode(403);
        as("admin").when().post("/definitions/republish").then().statusCode(200)
                .body("published", org.hamcrest.Matchers.greaterThanOrEqualTo(20));
    }

    @Test
    void simultaneousEditsOfOneVersionLeaveExactlyOneWinnerAndNoLostUpdate() throws Exception {
        String project = Api.uniqueKey("race");
        Api.createProject(project, "owner");
        String key = project + ".orders";
        as("owner").body(kpiJson(key, 10, 0)).when().post("/projects/" + project + "/kpis").then().statusCode(201);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<Integer>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                double target = 20 + i;
                calls.add(pool.submit(() -> as("owner").body(kpiJson(key, target, 1))
                        .when().put("/projects/" + project + "/kpis/" + key).then().extract().statusCode()));
            }
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var c : calls) {
                statuses.add(c.get());
            }
            assertThat(statuses).containsOnly(200, 409);
            assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        as("analyst").when().get("/projects/" + project + "/kpis/" + key).then().body("version", equalTo(2));
        as("analyst").when().get("/projects/" + project + "/kpis/" + key + "/history").then().body("version", contains(2, 1));
    }
}
