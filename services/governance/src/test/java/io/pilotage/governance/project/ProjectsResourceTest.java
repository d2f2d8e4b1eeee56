package io.pilotage.governance.project;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/** The seed projects, migrated by Flyway into the real PostgreSQL of the harness. */
@QuarkusTest
class ProjectsResourceTest {

    @Test
    @TestSecurity(user = "committee", roles = "committee")
    void theThreeSeedProjectsAreListedByKey() {
        given().when().get("/projects").then().statusCode(200)
                .body("key", contains("cybersecurity", "erp", "mobile-app"))
                .body("find { it.key == 'erp' }.status", equalTo("active"));
    }

    @Test
    @TestSecurity(user = "svc", roles = "ingest")
    void theIngestRoleMayNotReadProjects() {
        given().when().get("/projects").then().statusCode(403).contentType("application/problem+json");
    }
}
