package io.pilotage.governance.review;

import io.pilotage.governance.support.Api;
import io.pilotage.governance.support.FakeKpiEngine;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static io.pilotage.governance.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

/** Committees, reviews with a frozen scorecard from a real HTTP stand-in for the KPI engine, decisions, actions, exports. */
@QuarkusTest
@QuarkusTestResource(FakeKpiEngine.class)
class ReviewsResourceTest {

    static final String COMMITTEE = """
            {"id": "%s", "name": "Comité de pilotage SI", "members": [
              {"name": "Awa Traoré", "department": "IT", "role": "DSI", "username": "committee"},
              {"name": "Moussa Diallo", "department": "Finance", "role": "DAF"},
              {"name": "Fatou Sow", "department": "Security", "role": "RSSI"},
              {"name": "Ibrahim Keïta", "department": "Marketing", "role": "Directeur marketing"}]}""";

    static String committee() {
        String id = Api.uniqueKey("copil");
        as("committee").body(COMMITTEE.formatted(id)).when().post("/committees").then().statusCode(201);
        return id;
    }

    static String scorecard(String project) {
        // the shape the KPI engine serves: KPI values plus a trend, and a field this client does not know
        return """
                [{"kpi": "%1$s.uptime", "project": "%1$s", "period": {"granularity": "month", "start": "2026-10-01", "end": "2026-10-31"},
                  "value": 97.5, "unit": "%%", "target": 99.5, "status": "RED", "trend": "down", "definitionVersion": 2, "futureField": 1},
                 {"kpi": "erp.audit_errors", "project": "%1$s", "value": 2, "unit": "count", "target": 5, "status": "GREEN",
                  "trend": {"direction": "up", "delta": 1}},
                 {"kpi": "%1$s.cost", "project": "%1$s", "unit": "XOF", "target": 1000, "status": "NO_DATA"}]""".formatted(project);
    }

    String review(String committee, String project, String period) {
        return """
                {"committee": "%s", "kind": "monthly", "period": "%s", "heldOn": "2026-11-05", "projects": ["%s"],
                 "attendees": ["Awa Traoré", "Moussa Diallo"]}""".formatted(committee, period, project);
    }

    @Test
    void aReviewFreezesTheScorecardAndCarriesDecisionsAndActions() {
        String committee = committee();
        String project = Api.uniqueKey("rev");
        Api.createProject(project, "owner");
        FakeKpiEngine.scorecard(project, "2026-10", scorecard(project));

        String id = as("committee").body(review(committee, project, "2026-10")).when().post("/reviews").then().statusCode(201)
                .body("snapshot[0].project", equalTo(project))
                .body("snapshot[0].kpis.kpi", contains(project + ".uptime", "erp.audit_errors", project + ".cost"))
                .body("snapshot[0].kpis[0].status", equalTo("RED")).body("snapshot[0].kpis[0].target", equalTo(99.5f))
                .body("snapshot[0].kpis[0].trend", equalTo("down"))
                .body("createdBy", equalTo("committee"))
                .extract().path("id");

        // the engine's values change afterwards: the review keeps what it froze
        FakeKpiEngine.scorecard(project, "2026-10", scorecard(project).replace("97.5", "99.9").replace("\"RED\"", "\"GREEN\""));
        as("analyst").when().get("/reviews/" + id).then().statusCode(200).body("snapshot[0].kpis[0].value", equalTo(97.5f));

        as("committee").body("""
                {"text": "Fund load tests before the next billing peak", "kpis": ["%s.uptime"]}""".formatted(project))
                .when().post("/reviews/" + id + "/decisions").then().statusCode(201).body("createdBy", equalTo("committee"));
        String overdue = as("committee").body("""
                {"title": "Plan load tests", "owner": "owner", "dueDate": "2020-01-31"}""")
                .when().post("/reviews/" + id + "/actions").then().statusCode(201)
                .body("status", equalTo("open")).body("overdue", equalTo(true)).extract().path("id");
        String later = as("committee").body("""
                {"title": "Report on capacity", "owner": "owner", "dueDate": "%s", "status": "in_progress"}"""
                .formatted(LocalDate.now().plusDays(30)))
                .when().post("/reviews/" + id + "/actions").then().statusCode(201).body("overdue", equalTo(false)).extract().path("id");

        as("analyst").queryParam("overdue", true).queryParam("review", id).when().get("/actions").then().statusCode(200)
                .body("id", contains(overdue));
        as("analyst").queryParam("overdue", true).when().get("/actions?size=500").then().statusCode(200)
                .body("id", hasItem(overdue)).body("id", not(hasItem(later))).body("overdue", everyItem(equalTo(true)));
        // done: no longer overdue; a stale version is a conflict
        as("committee").body("""
                {"title": "Plan load tests", "owner": "owner", "dueDate": "2020-01-31", "status": "done", "version": 1}""")
                .when().put("/actions/" + overdue).then().statusCode(200).body("overdue", equalTo(false)).body("version", equalTo(2));
        as("committee").body("""
                {"title": "Plan load tests", "owner": "owner", "dueDate": "2020-01-31", "status": "open", "version": 1}""")
                .when().put("/actions/" + overdue).then().statusCode(409);
        as("analyst").queryParam("overdue", true).queryParam("review", id).when().get("/actions").then().body("size()", equalTo(0));

        // a title a spreadsheet would run as a formula (CSV injection) is exported inert
        as("committee").body("""
                {"title": "=HYPERLINK(\\"http://attacker.example\\",\\"open\\")", "owner": "owner", "dueDate": "2030-01-31", "status": "open"}""")
                .when().post("/reviews/" + id + "/actions").then().statusCode(201);

        // exports
        as("analyst").when().get("/reviews/" + id).then().statusCode(200)
                .body("decisions[0].text", containsString("load tests")).body("actions.title", hasItems("Plan load tests"));
        String csv = as("analyst").accept("text/csv").when().get("/reviews/" + id).then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        assertThat(csv.lines().findFirst()).contains("section,project,kpi,name,value,unit,target,status,trend,text,owner,due_date");
        assertThat(csv).contains("kpi," + project + "," + project + ".uptime,,97.5,%,99.5,RED,down")
                .contains("erp.audit_errors,,2,count,5,GREEN,up")
                .contains("decision,").contains("action,,,,,,,done,,Plan load tests,owner,2020-01-31")
                .contains("action,,,,,,,open,,\"'=HYPERLINK(\"\"http://attacker.example\"\",\"\"open\"\")\",owner,2030-01-31");
        String html = as("analyst").accept("text/html").when().get("/reviews/" + id).then().statusCode(200)
                .contentType(containsString("text/html")).extract().asString();
        assertThat(html).contains(project + ".uptime").contains("Fund load tests").contains("Report on capacity");
        // only committee and admin write reviews
        as("owner").body(review(committee, project, "2026-10")).when().post("/reviews").then().statusCode(403);
        as("analyst").body("{\"text\": \"x\"}").when().post("/reviews/" + id + "/decisions").then().statusCode(403);
    }

    @Test
    void thePackListsTheLessonsLinkedToItsRedKpis() {
        String committee = committee();
        FakeKpiEngine.scorecard("erp", "2026-Q3", """
                {"project": "erp", "kpis": [
                  {"kpi": "erp.uptime", "value": 97.0, "target": 99.5, "status": "red", "unit": "%"},
                  {"kpi": "erp.automation_rate", "value": 81, "target": 80, "status": "GREEN", "unit": "%"}]}""");
        String id = as("committee").body("""
                {"committee": "%s", "kind": "quarterly", "period": "2026-Q3", "heldOn": "2026-10-10", "projects": ["erp"],
                 "attendees": ["Awa Traoré"]}""".formatted(committee))
                .when().post("/reviews").then().statusCode(201).extract().path("id");
        String html = as("analyst").when().get("/reviews/" + id + "/pack.html").then().statusCode(200).extract().asString();
        // erp.uptime is red: rex-01 (load) and rex-08 (continuity) are linked to it; rex-13 (RPA) is linked to automation only
        assertThat(html).contains("rex-01").contains("rex-08").doesNotContain("rex-13");
    }

    @Test
    void anUnreachableKpiEngineGivesAClearErrorAndNoReview() {
        String committee = committee();
        String ok = Api.uniqueKey("ok");
        String down = Api.uniqueKey("down");
        String hung = Api.uniqueKey("hung");
        Api.createProject(ok, "owner");
        Api.createProject(down, "owner");
        Api.createProject(hung, "owner");
        FakeKpiEngine.scorecard(ok, "2026-10", scorecard(ok));
        FakeKpiEngine.failing(down, 503);
        FakeKpiEngine.failing(hung, 0);

        as("committee").body(review(committee, ok, "2026-10").replace("[\"" + ok + "\"]", "[\"" + ok + "\", \"" + down + "\"]"))
                .when().post("/reviews").then().statusCode(503).contentType("application/problem+json")
                .body("detail", containsString(down)).body("detail", containsString("no review was created"));
        assertThat(FakeKpiEngine.requests(down)).isEqualTo(3);
        as("committee").body(review(committee, hung, "2026-10")).when().post("/reviews").then().statusCode(504)
                .body("detail", containsString("timeout"));
        as("analyst").queryParam("committee", committee).when().get("/reviews").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void badInputNamesTheField() {
        String committee = committee();
        as("committee").body("""
                {"committee": "%s", "kind": "monthly", "period": "2026-Q3", "projects": [], "attendees": []}""".formatted(committee))
                .when().post("/reviews").then().statusCode(400)
                .body("errors.field", hasItems("period", "heldOn", "projects", "attendees"));
        as("committee").body(review(committee, "no-such-project", "2026-10")).when().post("/reviews").then().statusCode(400)
                .body("errors[0].field", equalTo("projects[0]"));
        as("committee").body(review("no-such-committee", "erp", "2026-10")).when().post("/reviews").then().statusCode(400)
                .body("errors[0].field", equalTo("committee"));
        as("committee").body("""
                {"id": "c1", "name": "Partial", "members": [{"name": "A", "department": "IT"}, {"name": "B", "department": "Legal"}]}""")
                .when().post("/committees").then().statusCode(400)
                .body("errors.field", hasItems("members[1].department", "members"));
        as("committee").body("{\"heldOn\": \"yesterday\"}").when().post("/reviews").then().statusCode(400)
                .body("errors[0].field", equalTo("heldOn"));
        as("analyst").when().get("/reviews/not-a-uuid").then().statusCode(400).body("errors[0].field", equalTo("id"));
        as("analyst").when().get("/actions?status=late").then().statusCode(400).body("errors[0].field", equalTo("status"));
        as("committee").body("{\"title\": \"t\"}").when().post("/reviews/" + java.util.UUID.randomUUID() + "/actions")
                .then().statusCode(400).body("errors.field", hasItems("owner", "dueDate"));
    }

    @Test
    void refusedIdsNeverExhaustTheConnectionPool() {
        // more refusals than the pool has connections: each must give its connection back
        for (int i = 0; i < 40; i++) {
            as("analyst").when().get("/reviews/not-a-uuid-" + i + "/export.csv").then().statusCode(400);
            as("analyst").when().get("/reviews/not-a-uuid-" + i + "/pack.html").then().statusCode(400);
            as("analyst").when().get("/actions/not-a-uuid-" + i).then().statusCode(400);
        }
        as("analyst").when().get("/reviews").then().statusCode(200);
    }
}
