package io.pilotage.governance.lesson;

import io.pilotage.governance.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.pilotage.governance.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
class LessonsResourceTest {

    @Test
    void theTwentySeedLessonsAreRegisteredAndLinked() {
        as("analyst").when().get("/lessons?size=100").then().statusCode(200)
                .body("id", hasItems("rex-01", "rex-20")).body("findAll { it.id ==~ /rex-[0-9][0-9]/ }.size()", equalTo(20))
                .body("find { it.id == 'rex-02' }.tags", hasItem("data-quality"));
        as("analyst").queryParam("kpi", "mobile.privacy_compliance").when().get("/lessons").then().statusCode(200)
                .body("id", hasItem("rex-09")).body("kpis", everyItem(hasItem("mobile.privacy_compliance")));
        as("analyst").queryParam("tag", "security").when().get("/lessons").then().body("id", hasItems("rex-09", "rex-12", "rex-18"));
        as("analyst").when().get("/lessons/rex-01").then().statusCode(200).body("projects", hasItem("erp"));
    }

    @Test
    void theCommitteeRecordsAndEditsLessonsOthersMayNot() {
        String id = Api.uniqueKey("rex");
        String body = """
                {"id": "%s", "title": "Late data", "cause": "No interval monitored", "lesson": "Watch silence",
                 "goodPractice": "Set an expected interval per source", "tags": ["supervision"], "projects": ["erp"], "kpis": ["erp.uptime"]}"""
                .formatted(id);
        as("owner").body(body).when().post("/lessons").then().statusCode(403);
        as("committee").body(body).when().post("/lessons").then().statusCode(201).body("version", equalTo(1));
        as("committee").body(body.replace("Late data", "Silent sources").replace("{\"id\"", "{\"version\": 1, \"id\""))
                .when().put("/lessons/" + id).then().statusCode(200).body("title", equalTo("Silent sources")).body("version", equalTo(2));
        as("committee").body(body.replace("{\"id\"", "{\"version\": 1, \"id\"")).when().put("/lessons/" + id).then().statusCode(409);
        as("analyst").queryParam("entityType", "lesson").queryParam("entityId", id).when().get("/audit")
                .then().body("action", hasItems("create", "update"));
        as("committee").body("{\"id\": \"Bad Id\", \"tags\": [\"Not A Key\"]}").when().post("/lessons").then().statusCode(400)
                .body("errors.field", hasItems("id", "title", "cause", "lesson", "goodPractice", "tags[0]"));
        as("analyst").when().get("/lessons/nope").then().statusCode(404);
    }
}
