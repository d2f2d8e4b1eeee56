package io.pilotage.console.web;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the services the pages read are down, every page says so (503, a page in the reader's
 * language), never a bare 500; bad parameters are named before any service is asked.
 */
@QuarkusTest
class PagesWhenServicesAreDownTest {

    @ParameterizedTest
    @ValueSource(strings = {"/console/", "/console/projects/erp", "/console/kpis/erp.uptime", "/console/alerts",
            "/console/reviews", "/console/quality"})
    @TestSecurity(user = "analyst", roles = "analyst")
    void everyPageSaysTheServiceIsUnavailable(String path) {
        String html = given().header("Accept-Language", "en").when().get(path.substring("/console".length()))
                .then().statusCode(503).contentType("text/html").extract().asString();
        Document page = Jsoup.parse(html);
        assertThat(page.selectFirst("h1").text()).contains("Service unavailable");
        assertThat(page.selectFirst("html").attr("lang")).isEqualTo("en");
    }

    @Test
    @TestSecurity(user = "analyst", roles = "analyst")
    void aBadPeriodIsNamedWithoutAskingAnyService() {
        String html = given().header("Accept-Language", "fr").queryParam("period", "2026-13").when().get("/")
                .then().statusCode(400).extract().asString();
        assertThat(Jsoup.parse(html).text()).contains("« period »").contains("2026-13").contains("YYYY-MM");
    }

    @Test
    @TestSecurity(user = "owner", roles = "project-owner")
    void aFormWithoutItsAntiForgeryTokenIsRefused() {
        given().contentType("application/x-www-form-urlencoded").formParam("comment", "x")
                .when().post("/alerts/a1/ack").then().statusCode(403);
    }

    @Test
    void theAssetsAreServedFromTheJars() {
        given().when().get("/webjars/htmx.org/2.0.10/dist/htmx.min.js").then().statusCode(200);
        given().when().get("/_static/echarts/6.0.0/dist/echarts.min.js").then().statusCode(200);
        given().when().get("/assets/console.js").then().statusCode(200);
    }
}
