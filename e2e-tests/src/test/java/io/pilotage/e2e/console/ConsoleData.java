package io.pilotage.e2e.console;

import io.pilotage.e2e.PilotageStack;
import io.pilotage.e2e.Tokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The data the console tests look at, made through the public endpoints as a source system, an
 * admin and a committee member would: a KPI driven RED with a firing alert of its own rule (one per
 * test class, so that each acknowledges its own), and a committee with a review of the month.
 */
final class ConsoleData {

    static final ZoneId ZONE = ZoneId.of("Africa/Bamako");

    private ConsoleData() {
    }

    static RequestSpecification gateway(String token) {
        return given().baseUri(PilotageStack.gatewayUrl()).auth().oauth2(token);
    }

    static String month() {
        return LocalDate.now(ZONE).toString().substring(0, 7);
    }

    /** An event of the canonical form, now. */
    static Map<String, Object> event(String project, String type, String entity, Map<String, Object> attributes) {
        Map<String, Object> e = new java.util.LinkedHashMap<>();
        e.put("id", "console-e2e-" + UUID.randomUUID());
        e.put("source", "e2e");
        e.put("project", project);
        e.put("type", type);
        e.put("occurredAt", Instant.now().minusSeconds(30).toString());
        e.put("entity", entity);
        if (attributes != null) {
            e.put("attributes", attributes);
        }
        return e;
    }

    static void post(List<Map<String, Object>> events) {
        gateway(Tokens.ingestServiceAccount()).contentType(ContentType.JSON).body(events)
                .when().post("/events").then().statusCode(202);
    }

    /**
     * A critical rule of its own on the KPI ({@code above} or {@code below} the bound), then events
     * until its alert fires; returns the alert's id.
     */
    static String firingAlert(String project, String kpi, String kind, double bound, java.util.function.Supplier<List<Map<String, Object>>> events) {
        String admin = Tokens.user("admin");
        String rule = gateway(admin).contentType(ContentType.JSON)
                .body(Map.of("kind", kind, "project", project, "kpi", kpi, "severity", "critical", "value", bound))
                .when().post("/alert-rules").then().statusCode(201).extract().path("id");
        AtomicReference<String> id = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            post(events.get());
            List<Map<String, Object>> alerts = gateway(admin).queryParam("kpi", kpi).queryParam("state", "FIRING")
                    .when().get("/alerts").then().statusCode(200).extract().jsonPath().getList("$");
            Map<String, Object> mine = alerts.stream().filter(a -> rule.equals(a.get("ruleId"))).findFirst().orElse(null);
            assertThat(mine).as("the alert of rule %s is FIRING", rule).isNotNull();
            id.set((String) mine.get("id"));
        });
        return id.get();
    }

    /** {@code erp.audit_errors} RED (more than 20 audit errors this month) with a firing alert. */
    static String auditErrorsAlert() {
        return firingAlert("erp", "erp.audit_errors", "above", 20, () -> java.util.stream.IntStream.range(0, 25)
                .mapToObj(i -> event("erp", "audit.error", "audit/" + UUID.randomUUID(), null)).toList());
    }

    /** {@code security.audit_score} RED (the latest audit scored 50, critical below 70) with a firing alert. */
    static String auditScoreAlert() {
        return firingAlert("cybersecurity", "security.audit_score", "below", 70,
                () -> {
                    Map<String, Object> audit = event("cybersecurity", "audit.completed", "audit/" + UUID.randomUUID(), null);
                    audit.put("value", 50);
                    return List.of(audit);
                });
    }

    /** A committee of the four departments and a monthly review of this month; returns the review's id. */
    static String review() {
        String committee = Tokens.user("committee");
        String id = "copil-" + UUID.randomUUID().toString().substring(0, 8);
        gateway(committee).contentType(ContentType.JSON).body(Map.of("id", id, "name", "Comité de pilotage " + id, "members", List.of(
                        Map.of("name", "Awa Traoré", "department", "IT", "role", "chair"),
                        Map.of("name", "Moussa Keïta", "department", "Finance"),
                        Map.of("name", "Fatou Diallo", "department", "Security"),
                        Map.of("name", "Ibrahim Coulibaly", "department", "Marketing"))))
                .when().post("/committees").then().statusCode(201);
        String review = gateway(committee).contentType(ContentType.JSON).body(Map.of("committee", id, "kind", "monthly", "period", month(),
                        "heldOn", LocalDate.now(ZONE).toString(), "projects", List.of("erp", "mobile-app", "cybersecurity"),
                        "attendees", List.of("Awa Traoré", "Moussa Keïta")))
                .when().post("/reviews").then().statusCode(201).extract().path("id");
        gateway(committee).contentType(ContentType.JSON).body(Map.of("text", "Plan d'action sur les erreurs d'audit", "kpis",
                        List.of("erp.audit_errors")))
                .when().post("/reviews/" + review + "/decisions").then().statusCode(201);
        gateway(committee).contentType(ContentType.JSON).body(Map.of("title", "Former les équipes comptables", "owner", "owner",
                        "dueDate", LocalDate.now(ZONE).minusDays(3).toString()))
                .when().post("/reviews/" + review + "/actions").then().statusCode(201);
        return review;
    }
}
