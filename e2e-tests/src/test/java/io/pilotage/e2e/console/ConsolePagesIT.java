package io.pilotage.e2e.console;

import io.pilotage.e2e.PilotageStack;
import io.pilotage.e2e.Tokens;
import io.pilotage.e2e.console.ConsoleClient.Page;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's pages as a person gets them through the gateway, signed in through Keycloak's own
 * login page: what they show, what each role is offered, and what bad input and forged forms get.
 */
@ExtendWith(PilotageStack.class)
class ConsolePagesIT {

    private static String alertId;

    @BeforeAll
    static void data() {
        alertId = ConsoleData.auditErrorsAlert();
    }

    @Test
    void aPersonWhoIsNotSignedInIsSentToKeycloakAndBackToThePageAsked() {
        ConsoleClient browser = ConsoleClient.anonymous("en");
        Page login = browser.get("/console/kpis/erp.audit_errors?period=" + ConsoleData.month());
        assertThat(login.uri().toString()).startsWith(PilotageStack.oidcUrl()).contains("code_challenge_method=S256");
        Page page = browser.login(login, "analyst");
        assertThat(page.status()).as(page.uri() + " " + page.text()).isEqualTo(200);
        assertThat(page.uri().getPath()).isEqualTo("/console/kpis/erp.audit_errors");
        assertThat(page.html().selectFirst("h1").text()).contains("erp.audit_errors");
    }

    @Test
    void thePortfolioShowsEveryCatalogueKpiWithItsStatusAsIconAndWord() {
        ConsoleClient committee = ConsoleClient.signedIn("committee");
        Page page = committee.get("/console/");
        assertThat(page.status()).isEqualTo(200);
        Document html = page.html();
        List<Map<String, Object>> kpis = ConsoleData.gateway(Tokens.user("committee")).when().get("/kpis").then().statusCode(200)
                .extract().jsonPath().getList("$");
        List<String> keys = kpis.stream().map(k -> (String) k.get("key")).filter(k -> !k.startsWith("quality.")).toList();
        assertThat(html.select("tr[data-kpi]").eachAttr("data-kpi")).containsAll(keys);
        Element row = html.selectFirst("tr[data-kpi=erp.audit_errors]");
        assertThat(row.attr("data-status")).isEqualTo("RED");
        assertThat(row.selectFirst(".status").text()).isEqualTo("✖ Critique");
        assertThat(row.selectFirst("svg.spark")).as("a sparkline").isNotNull();
        assertThat(row.selectFirst("svg.spark").attr("aria-label")).isNotBlank();
        assertThat(row.select("a[href]").eachAttr("href")).anyMatch(h -> h.startsWith("/console/kpis/erp.audit_errors?period="));
        assertThat(html.select("select[name=period] option").eachAttr("value")).contains(ConsoleData.month()).anyMatch(v -> v.contains("-Q"));
        assertThat(html.selectFirst("main").attr("data-refresh")).as("refreshes itself").isNotEmpty();
    }

    @Test
    void filtersAndLanguage() {
        ConsoleClient committee = ConsoleClient.signedIn("committee", "en-GB,en;q=0.9");
        Document red = committee.get("/console/?status=RED&project=erp").html();
        assertThat(red.select("tr[data-kpi]").eachAttr("data-status")).as(red.text()).isNotEmpty().containsOnly("RED");
        assertThat(red.select("tr[data-kpi]").eachAttr("data-kpi")).allMatch(k -> k.startsWith("erp."));
        assertThat(red.selectFirst("html").attr("lang")).isEqualTo("en");
        assertThat(red.selectFirst("tr[data-kpi=erp.audit_errors] .status").text()).isEqualTo("✖ Critical");
        // the switch: back to the same page, in French
        String switchLink = red.select("header a[hreflang]").attr("href");
        Document fr = committee.get(switchLink).html();
        assertThat(fr.selectFirst("html").attr("lang")).isEqualTo("fr");
        assertThat(fr.select("tr[data-kpi]").eachAttr("data-status")).containsOnly("RED");
    }

    @Test
    void badInputGetsAPageThatSaysWhatWasWrong() {
        ConsoleClient analyst = ConsoleClient.signedIn("analyst", "en");
        Page badPeriod = analyst.get("/console/?period=2026-13");
        assertThat(badPeriod.status()).isEqualTo(400);
        assertThat(badPeriod.text()).contains("\"period\"").contains("2026-13").contains("YYYY-MM").contains("YYYY-Qn");
        Page badStatus = analyst.get("/console/?status=PURPLE");
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.text()).contains("\"status\"").contains("GREEN");
        Page unknownKpi = analyst.get("/console/kpis/erp.nope");
        assertThat(unknownKpi.status()).isEqualTo(404);
        assertThat(unknownKpi.html().selectFirst("h1").text()).contains("Page not found");
        Page unknownProject = analyst.get("/console/projects/nope");
        assertThat(unknownProject.status()).isEqualTo(404);
        Page unknownPage = analyst.get("/console/nowhere");
        assertThat(unknownPage.status()).isEqualTo(404);
        assertThat(analyst.get("/console/kpis/erp.audit_errors?period=2026-Q7").status()).isEqualTo(400);
    }

    @Test
    void theKpiPageExplainsTheNumber() {
        ConsoleClient analyst = ConsoleClient.signedIn("analyst", "en");
        Page page = analyst.get("/console/kpis/erp.audit_errors?period=" + ConsoleData.month());
        Document html = page.html();
        // the explanation: loaded into the page by its script, and a page of its own without one
        String explainLink = html.selectFirst("#explain a[href]").attr("href");
        assertThat(html.selectFirst("#explain").attr("hx-get")).isEqualTo(explainLink);
        Document explained = analyst.get(explainLink).html();
        assertThat(explained.selectFirst(".definition").text()).contains("audit.error");
        assertThat(explained.selectFirst(".status-rule").text()).startsWith("RED:").contains("20").contains("lower is better");
        assertThat(explained.selectFirst(".owner").text()).isEqualTo("owner");
        assertThat(explained.select("table.events-by-type td").eachText()).contains("audit.error");
        assertThat(explained.select("table.sample tbody tr")).hasSizeBetween(1, 20);
        assertThat(html.selectFirst(".status").text()).contains("Critical");
        assertThat(html.select("table.series tbody tr")).isNotEmpty();
        assertThat(html.selectFirst("[data-chart]").attr("data-chart")).contains("\"higherIsBetter\":false");
        assertThat(html.select("tr[data-alert=" + alertId + "]")).hasSize(1);
        // what an analyst may not do is not offered
        assertThat(html.select("form.ack")).isEmpty();
        Page csv = analyst.get("/console/kpis/erp.audit_errors/values.csv?period=" + ConsoleData.month());
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body().lines().findFirst().orElse("")).contains("value");
    }

    @Test
    void onlyTheOwnerOfTheProjectAcknowledgesAndEveryFormIsProtected() {
        // another project's owner: not offered, and refused by alerting when posted anyway
        ConsoleClient ownerMobile = ConsoleClient.signedIn("owner-mobile", "en");
        Document seen = ownerMobile.get("/console/alerts?project=erp").html();
        assertThat(seen.select("tr[data-alert=" + alertId + "]")).hasSize(1);
        assertThat(seen.select("tr[data-alert=" + alertId + "] form.ack")).isEmpty();
        String token = csrfOf(ownerMobile);
        Page refused = ownerMobile.post("/console/alerts/" + alertId + "/ack", Map.of("_csrf", token, "comment", "not mine"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text()).contains("erp");

        ConsoleClient owner = ConsoleClient.signedIn("owner", "en");
        // a form without this session's token is refused, nothing acknowledged
        Page forged = owner.post("/console/alerts/" + alertId + "/ack", Map.of("_csrf", csrfOf(ownerMobile), "comment", "forged"));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(owner.post("/console/alerts/" + alertId + "/ack", Map.of("comment", "no token")).status()).isEqualTo(403);
        Page alerts = owner.get("/console/alerts?project=erp");
        Element form = alerts.html().selectFirst("tr[data-alert=" + alertId + "] form.ack");
        assertThat(form).as("offered to the owner").isNotNull();
        Page done = owner.submit(alerts, form, Map.of("comment", "Plan d'action lancé"));
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.uri().getQuery()).contains("done=acked");
        Element row = done.html().selectFirst("tr[data-alert=" + alertId + "]");
        assertThat(row.attr("data-state")).isEqualTo("ACKNOWLEDGED");
        assertThat(row.text()).contains("owner").contains("Plan d'action lancé");
        ConsoleData.gateway(Tokens.user("analyst")).when().get("/alerts/" + alertId).then().statusCode(200)
                .body("state", org.hamcrest.Matchers.equalTo("ACKNOWLEDGED"))
                .body("ackComment", org.hamcrest.Matchers.equalTo("Plan d'action lancé"));
    }

    /** The anti-forgery token the console gives this person's session. */
    private static String csrfOf(ConsoleClient c) {
        return c.get("/console/alerts").html().selectFirst("meta[name=csrf-token]").attr("content");
    }

    @Test
    void aReviewShowsItsFrozenScorecardBesideTheLiveOne() {
        String review = ConsoleData.review();
        ConsoleClient committee = ConsoleClient.signedIn("committee", "en");
        Document list = committee.get("/console/reviews").html();
        assertThat(list.select("a[href=/console/reviews/" + review + "]")).hasSize(1);
        Document page = committee.get("/console/reviews/" + review).html();
        Element audit = page.selectFirst("table.compared tr[data-kpi=erp.audit_errors]");
        // cells: project, frozen, live (the KPI is the row's header)
        assertThat(audit.select("td").get(1).text()).as("frozen when the review was held").contains("Critical");
        assertThat(audit.select("td").get(2).text()).as("live").contains("Critical");
        assertThat(page.select("ul.decisions li").eachText()).anyMatch(t -> t.contains("Plan d'action"));
        assertThat(page.selectFirst("table.actions").text()).contains("Former les équipes comptables").contains("overdue");
    }

    @Test
    void theProjectPageHasAChartPerKpi() {
        ConsoleClient owner = ConsoleClient.signedIn("owner", "en");
        Document page = owner.get("/console/projects/erp?period=" + ConsoleData.month()).html();
        assertThat(page.select("section.card")).hasSizeGreaterThanOrEqualTo(5);
        Element audit = page.selectFirst("section.card[data-kpi=erp.audit_errors] [data-chart]");
        assertThat(audit.attr("data-chart")).contains("\"critical\":20.0").contains("\"labels\":[");
        assertThat(audit.attr("role")).isEqualTo("img");
    }

    @Test
    void theQuarantineOffersFixReplayAndDiscardToTheProjectsOwnerOnly() {
        String id = "console-e2e-bad-" + java.util.UUID.randomUUID();
        ConsoleData.gateway(Tokens.ingestServiceAccount()).contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("id", id, "source", "e2e", "project", "erp", "occurredAt", java.time.Instant.now().toString()))
                .when().post("/events").then().statusCode(400);
        ConsoleClient ownerMobile = ConsoleClient.signedIn("owner-mobile", "en");
        Document seen = ownerMobile.get("/console/quality").html();
        Element row = seen.select("tr[data-quarantined]").stream().filter(r -> r.text().contains(id)).findFirst().orElseThrow();
        assertThat(row.text()).contains("type").contains("is required");
        assertThat(row.select("form")).as("not offered to another project's owner").isEmpty();
        assertThat(seen.select("table.sources tr[data-source]")).isNotEmpty();

        ConsoleClient owner = ConsoleClient.signedIn("owner", "en");
        Page page = owner.get("/console/quality");
        Element mine = page.html().select("tr[data-quarantined]").stream().filter(r -> r.text().contains(id)).findFirst().orElseThrow();
        assertThat(mine.select("form.fix textarea").text()).contains(id);
        Page done = owner.submit(page, mine.selectFirst("form.discard"), Map.of());
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.uri().getQuery()).contains("done=discard");
        assertThat(done.html().select("tr[data-quarantined]").eachText()).noneMatch(t -> t.contains(id));
    }

    @Test
    void logoutEndsTheSession() {
        ConsoleClient analyst = ConsoleClient.signedIn("analyst", "en");
        Page out = analyst.get("/console/logout");
        assertThat(out.uri().getPath()).isEqualTo("/console/signed-out");
        assertThat(out.text()).contains("signed out");
        Page again = analyst.get("/console/");
        assertThat(again.uri().toString()).as("back through the login").startsWith(PilotageStack.oidcUrl());
    }
}
