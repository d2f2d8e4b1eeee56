package io.pilotage.governance.audit;

import io.pilotage.governance.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.pilotage.governance.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/** The audit log records every change and can be neither rewritten over the API nor by the service's database role. */
@QuarkusTest
class AuditLogTest {

    @Inject
    Pool pool;

    @Test
    void everyChangeIsRecordedAndQueryableByEntityUserAndTime() {
        Instant before = Instant.now().minusSeconds(1);
        String key = Api.uniqueKey("audit");
        Api.createProject(key, "owner");
        // a project record is the admin's to edit; its owner is refused, and the refusal changes nothing
        String rename = """
                {"name": "n2", "objective": "o", "sponsor": "s", "owners": ["owner"], "status": "active", "version": 1,
                 "reason": "rename"}""";
        as("owner").body(rename).when().put("/projects/" + key).then().statusCode(403);
        as("admin").body(rename).when().put("/projects/" + key).then().statusCode(200);

        as("analyst").queryParam("entityType", "project").queryParam("entityId", key).when().get("/audit")
                .then().statusCode(200)
                .body("action", contains("update", "create"))
                .body("actor", contains("admin", "admin"))
                .body("[0].reason", equalTo("rename"))
                .body("[0].before.name", equalTo("Test " + key)).body("[0].after.name", equalTo("n2"))
                .body("[1].before", nullValue());
        as("analyst").queryParam("actor", "admin").queryParam("entityId", key).when().get("/audit")
                .then().statusCode(200).body("$", hasSize(2)).body("actor", everyItem(equalTo("admin")));
        as("analyst").queryParam("actor", "owner").queryParam("entityId", key).when().get("/audit")
                .then().statusCode(200).body("$", hasSize(0));
        as("analyst").queryParam("entityId", key).queryParam("from", before.toString())
                .queryParam("to", Instant.now().plus(Duration.ofMinutes(1)).toString()).when().get("/audit")
                .then().statusCode(200).body("$", hasSize(2));
        as("analyst").queryParam("entityId", key).queryParam("to", before.toString()).when().get("/audit")
                .then().statusCode(200).body("$", hasSize(0));
        as("analyst").queryParam("from", "yesterday").when().get("/audit").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
    }

    @Test
    void noApiUpdatesOrDeletesTheLog() {
        as("admin").body("{}").when().put("/audit").then().statusCode(405).contentType("application/problem+json");
        as("admin").when().delete("/audit").then().statusCode(405);
        as("admin").body("{}").when().post("/audit").then().statusCode(405);
        as("admin").when().delete("/audit/1").then().statusCode(404);
    }

    @Test
    void theServiceDatabaseRoleCannotUpdateDeleteOrTruncateTheLog() {
        String key = Api.uniqueKey("audit");
        Api.createProject(key, "owner");
        for (String sql : new String[] {
                "update audit_log set actor = 'someone-else' where entity_id = '" + key + "'",
                "delete from audit_log where entity_id = '" + key + "'",
                "truncate audit_log"}) {
            assertThatThrownBy(() -> pool.query(sql).execute().await().atMost(Duration.ofSeconds(10)))
                    .as(sql).hasMessageContaining("append-only");
        }
        long rows = pool.query("select count(*) from audit_log where entity_id = '" + key + "' and actor = 'admin'")
                .execute().await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
        assertThat(rows).isEqualTo(1);
    }
}
