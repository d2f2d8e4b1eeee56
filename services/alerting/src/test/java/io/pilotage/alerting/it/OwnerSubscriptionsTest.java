package io.pilotage.alerting.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilotage.contracts.definition.Direction;
import io.pilotage.contracts.definition.KpiDefinition;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * Owners are subscribed by default: e-mail in their language, visible in {@code GET /subscriptions},
 * removable for good. Real Kafka, PostgreSQL, Keycloak and SMTP server (the dev realm's addresses).
 */
@QuarkusTest
@TestProfile(OwnerSubscriptionsTest.OwnersSubscribed.class)
class OwnerSubscriptionsTest extends ApiTestBase {

    public static class OwnersSubscribed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pilotage.alerting.owners.subscribed", "true");
        }
    }

    private static List<JsonNode> mailsAbout(String address, String project) {
        return Harness.mails(address).stream().filter(m -> m.get("subject").asText().contains(project)).toList();
    }

    @Test
    void eachOwnerGetsTheirProjectsAlertsByEmailInTheirLanguageAndMayRemoveIt() {
        String project = Harness.newProject();
        KpiDefinition k = Harness.publishKpi(project, List.of("owner", "owner-mobile"), Direction.HIGHER_IS_BETTER,
                80, 70, 60);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(analyst).queryParam("project", project)
                .get("/subscriptions").then().statusCode(200)
                .body("owner", containsInAnyOrder("owner", "owner-mobile"))
                .body("byDefault", equalTo(List.of(true, true)))
                .body("channel", equalTo(List.of("email", "email")))
                .body("find { it.owner == 'owner' }.target", equalTo("owner@pilotage.local"))
                .body("find { it.owner == 'owner' }.language", equalTo("fr"))
                .body("find { it.owner == 'owner-mobile' }.target", equalTo("owner-mobile@pilotage.local"))
                .body("find { it.owner == 'owner-mobile' }.language", equalTo("en"))
                .body("find { it.owner == 'owner' }.minSeverity", equalTo("warning")));

        Harness.awaitEvaluating(() -> as(analyst));   // this profile's fresh consumer has its partitions
        Harness.publishValue(k, 50.0, THIS_MONTH);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(mailsAbout("owner@pilotage.local", project)).hasSize(1);
            assertThat(mailsAbout("owner-mobile@pilotage.local", project)).hasSize(1);
        });
        assertThat(mailsAbout("owner@pilotage.local", project).getFirst().get("subject").asText()).contains("ALERTE")
                .contains("Taux de r");
        assertThat(mailsAbout("owner-mobile@pilotage.local", project).getFirst().get("subject").asText())
                .contains("FIRING").contains("Success rate");

        // owner-mobile removes theirs; a later definition of the project does not bring it back
        String mobile = as(analyst).queryParam("project", project).get("/subscriptions").then().extract().jsonPath()
                .getString("find { it.owner == 'owner-mobile' }.id");
        as(analyst).delete("/subscriptions/" + mobile).then().statusCode(403);
        as(ownerMobile).delete("/subscriptions/" + mobile).then().statusCode(204);
        Harness.publishProject(project, List.of("owner", "owner-mobile"), 2);
        Harness.publishValue(k, 90.0, THIS_MONTH);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(mailsAbout("owner@pilotage.local",
                project)).hasSize(2));
        assertThat(mailsAbout("owner@pilotage.local", project).get(1).get("subject").asText()).contains("RÉSOLU");
        as(analyst).queryParam("project", project).get("/subscriptions").then()
                .body("owner", equalTo(List.of("owner"))).body("id", not(hasItem(mobile)));
        assertThat(mailsAbout("owner-mobile@pilotage.local", project)).as("removed: no 'resolved' either").hasSize(1);

        // someone who stops owning the project loses its project-wide subscription (and keeps one for the KPI
        // they still own); a new owner gains one; the removed one stays removed
        Harness.publishProject(project, List.of("owner-mobile", "committee"), 3);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as(analyst).queryParam("project", project)
                .get("/subscriptions").then().body("findAll { it.kpi == null }.owner", equalTo(List.of("committee")))
                .body("findAll { it.kpi != null }.owner", equalTo(List.of("owner")))
                .body("find { it.owner == 'owner' }.kpi", equalTo(k.key())));
    }
}
