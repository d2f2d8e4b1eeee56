package io.pilotage.governance.project;

import io.pilotage.contracts.definition.Definition;
import io.pilotage.governance.support.Api;
import io.pilotage.governance.support.DefinitionsTopic;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.pilotage.governance.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

/** Projects CRUD and ownership, with real Keycloak tokens of the demo users. */
@QuarkusTest
class ProjectsResourceTest {

    @Test
    void theSeedProjectsAreLoadedWithTheirOwnersAndPublished() {
        as("analyst").when().get("/projects?size=500").then().statusCode(200)
                .body("key", hasItems("cybersecurity", "erp", "mobile-app"))
                .body("find { it.key == 'erp' }.owners", contains("owner"))
                .body("find { it.key == 'mobile-app' }.owners", contains("owner-mobile"))
                .body("find { it.key == 'cybersecurity' }.sponsor", equalTo("Direction des systèmes d'information"));
        var published = DefinitionsTopic.awaitRecord(Definition.projectKey("mobile-app"), r -> r.value() != null);
        assertThat(published.value().kind()).isEqualTo(Definition.Kind.PROJECT);
        assertThat(published.value().project().owners()).containsExactly("owner-mobile");
    }

    @Test
    void anAdminCreatesAProjectThatIsPublishedWithItsOwners() {
        String key = Api.uniqueKey("proj");
        as("admin").body(Api.projectJson(key, "owner")).when().post("/projects").then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/projects/" + key))
                .header("ETag", "\"1\"")
                .body("version", equalTo(1)).body("updatedBy", equalTo("admin")).body("owners", contains("owner"));
        var published = DefinitionsTopic.awaitRecord(Definition.projectKey(key), r -> r.value() != null);
        assertThat(published.value().version()).isEqualTo(1);
        assertThat(published.value().updatedBy()).isEqualTo("admin");
        assertThat(published.value().project().isOwnedBy("owner")).isTrue();
    }

    @Test
    void onlyAnAdminEditsAProjectRecordEvenItsOwnersGet403() {
        // owners edit their projects' KPIs, sources, rules and subscriptions; the project
        // record itself (name, objective, sponsor, owners, status) is the admin's, as at the gateway
        String mine = Api.uniqueKey("own");
        Api.createProject(mine, "owner");
        String body = """
                {"name": "Renamed", "objective": "o", "sponsor": "s", "owners": ["owner"], "status": "paused", "version": 1,
                 "reason": "paused until budget"}""";
        as("owner-mobile").body(body).when().put("/projects/" + mine).then().statusCode(403)
                .contentType("application/problem+json");
        as("owner").body(body).when().put("/projects/" + mine).then().statusCode(403)
                .contentType("application/problem+json");
        as("admin").body(body).when().put("/projects/" + mine).then().statusCode(200)
                .body("version", equalTo(2)).body("status", equalTo("paused")).body("updatedBy", equalTo("admin"));
        var published = DefinitionsTopic.awaitRecord(Definition.projectKey(mine), r -> r.value() != null && r.value().version() == 2);
        assertThat(published.value().reason()).isEqualTo("paused until budget");
        as("analyst").when().get("/projects/" + mine + "/history").then().statusCode(200)
                .body("version", contains(2, 1)).body("[0].changedBy", equalTo("admin"))
                .body("[0].before.status", equalTo("active")).body("[0].after.status", equalTo("paused"));
    }

    @Test
    void theSeedOwnersOwnTheirSeedProjectsOnly() {
        // owner-mobile may not touch erp (owned by owner); the request is refused before any change
        as("owner-mobile").body("""
                {"name": "ERP", "objective": "o", "sponsor": "s", "owners": ["owner"], "status": "active", "version": 1}""")
                .when().put("/projects/erp").then().statusCode(403);
        as("owner").body("""
                {"name": "x", "objective": "o", "sponsor": "s", "owners": ["owner-mobile"], "status": "active", "version": 1}""")
                .when().put("/projects/mobile-app").then().statusCode(403);
    }

    @Test
    void onlyAnAdminChangesOwnersOrCreatesProjects() {
        String key = Api.uniqueKey("own");
        Api.createProject(key, "owner");
        as("owner").body("""
                {"name": "n", "objective": "o", "sponsor": "s", "owners": ["owner", "analyst"], "status": "active", "version": 1}""")
                .when().put("/projects/" + key).then().statusCode(403).contentType("application/problem+json");
        as("owner").body(Api.projectJson(Api.uniqueKey("x"), "owner")).when().post("/projects").then().statusCode(403);
        as("committee").body(Api.projectJson(Api.uniqueKey("x"), "owner")).when().post("/projects").then().statusCode(403);
        as("analyst").body(Api.projectJson(Api.uniqueKey("x"), "owner")).when().post("/projects").then().statusCode(403);
    }

    @Test
    void concurrentEditsOfTheSameVersionConflictWithTheCurrentVersion() {
        String key = Api.uniqueKey("lock");
        Api.createProject(key, "owner");
        String edit = """
                {"name": "%s", "objective": "o", "sponsor": "s", "owners": ["owner"], "status": "active", "version": 1}""";
        as("admin").body(edit.formatted("first")).when().put("/projects/" + key).then().statusCode(200);
        as("admin").body(edit.formatted("second")).when().put("/projects/" + key).then().statusCode(409)
                .contentType("application/problem+json").header("ETag", "\"2\"")
                .body("errors[0].field", equalTo("version")).body("detail", org.hamcrest.Matchers.containsString("current version is 2"));
        as("analyst").when().get("/projects/" + key).then().statusCode(200).body("name", equalTo("first"));
    }

    @Test
    void badInputNamesEveryFailingField() {
        as("admin").body("""
                {"key": "Bad Key!", "name": "", "owners": [], "status": "archived"}""")
                .when().post("/projects").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("key", "name", "objective", "sponsor", "owners", "status"));
        as("admin").body("""
                {"key": "k1", "nmae": "typo"}""").when().post("/projects").then().statusCode(400)
                .body("errors[0].field", equalTo("nmae")).body("errors[0].reason", org.hamcrest.Matchers.containsString("unknown"));
        as("admin").body("{\"key\": ").when().post("/projects").then().statusCode(400).contentType("application/problem+json");
        as("admin").body(Api.projectJson(Api.uniqueKey("nul"), "owner").replace("Measure things", "Measure\\u0000things"))
                .when().post("/projects").then().statusCode(400)
                .body("errors[0].field", equalTo("objective")).body("errors[0].reason", org.hamcrest.Matchers.containsString("U+0000"));
        as("admin").body(Api.projectJson("erp", "owner")).when().post("/projects").then().statusCode(409);
        as("admin").when().get("/projects/no-such-project").then().statusCode(404).contentType("application/problem+json");
        as("admin").when().get("/projects?size=0").then().statusCode(400).body("errors[0].field", equalTo("size"));
    }

    @Test
    void listsArePaginated() {
        as("analyst").when().get("/projects?page=0&size=1").then().statusCode(200)
                .header("X-Total-Count", notNullValue()).header("Link", org.hamcrest.Matchers.containsString("rel=\"next\""))
                .body("size()", equalTo(1));
    }

    @Test
    void rolesWithoutReadAccessAndAnonymousCallersAreRefused() {
        as("ingestor").when().get("/projects").then().statusCode(403).contentType("application/problem+json");
        given().when().get("/projects").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void anAdminDeletesAnEmptyProjectWithATombstone() {
        String key = Api.uniqueKey("del");
        Api.createProject(key, "owner");
        as("admin").when().delete("/projects/" + key).then().statusCode(400).body("errors[0].field", equalTo("version"));
        as("owner").when().delete("/projects/" + key + "?version=1").then().statusCode(403);
        as("admin").when().delete("/projects/" + key + "?version=1").then().statusCode(204);
        as("admin").when().get("/projects/" + key).then().statusCode(404);
        DefinitionsTopic.awaitRecord(Definition.projectKey(key), r -> r.value() == null);
        as("admin").when().delete("/projects/erp?version=1").then().statusCode(409);
        as("analyst").when().get("/projects").then().body("key", hasItem("erp"));
    }
}
