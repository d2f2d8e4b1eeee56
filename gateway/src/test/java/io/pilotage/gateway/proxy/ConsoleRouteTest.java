package io.pilotage.gateway.proxy;

import io.pilotage.gateway.support.FakeServices;
import io.pilotage.gateway.support.RecordingUpstream.Received;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/**
 * The console's pages go through the gateway without a bearer token (the console signs people in
 * itself), with the public host and scheme forwarded for its login redirects, and with a content
 * security policy that lets the pages load their own scripts and nothing else.
 */
@QuarkusTest
@WithTestResource(FakeServices.class)
class ConsoleRouteTest {

    @BeforeEach
    void reset() {
        FakeServices.resetAll();
    }

    @Test
    void consolePagesAreForwardedWithoutATokenAndWithThePublicHost() {
        given().redirects().follow(false)
                .header("Cookie", "q_session=abc")
                .when().get("/console/kpis/erp.uptime?period=2026-11")
                .then().statusCode(200)
                .header("X-Upstream", "console")
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .header("Referrer-Policy", "same-origin");

        Received received = FakeServices.console().single();
        assertThat(received.uri()).isEqualTo("/console/kpis/erp.uptime?period=2026-11");
        assertThat(received.header("Cookie")).isEqualTo("q_session=abc");
        assertThat(received.header("X-Forwarded-Host")).matches("(localhost|127\\.0\\.0\\.1):\\d+");
        assertThat(received.header("X-Forwarded-Proto")).isEqualTo("http");
    }

    @Test
    void consoleFormsArePostedThrough() {
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded").formParam("comment", "vu")
                .when().post("/console/alerts/abc/ack")
                .then().statusCode(202).header("X-Upstream", "console");
        assertThat(FakeServices.console().single().bodyText()).isEqualTo("comment=vu");
    }

    @Test
    void theRootLeadsToTheConsole() {
        given().redirects().follow(false).when().get("/")
                .then().statusCode(302).header("Location", equalTo("/console/"));
        assertThat(FakeServices.console().received()).isEmpty();
    }

    @Test
    void theApiKeepsItsStrictPolicy() {
        given().when().get("/q/health/live")
                .then().header("Content-Security-Policy", equalTo("default-src 'none'; frame-ancestors 'none'"))
                .header("Referrer-Policy", "no-referrer");
    }
}
