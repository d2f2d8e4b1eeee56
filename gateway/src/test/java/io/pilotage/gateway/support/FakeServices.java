package io.pilotage.gateway.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts, for the gateway's Quarkus tests, a fake OIDC provider and recording stand-ins of
 * ingestion, kpi-engine and governance on loopback ports, and points the gateway at them. The
 * alerting service is deliberately down (a port nothing listens on) to test the 503 path.
 */
public class FakeServices implements QuarkusTestResourceLifecycleManager {

    /** The one browser origin the gateway's CORS configuration allows in the tests. */
    public static final String BROWSER_ORIGIN = "https://app.pilotage.test";

    private static FakeOidcProvider oidc;
    private static RecordingUpstream ingestion;
    private static RecordingUpstream kpiEngine;
    private static RecordingUpstream governance;
    private static RecordingUpstream console;
    private static int deadPort;

    @Override
    public Map<String, String> start() {
        oidc = FakeOidcProvider.start();
        ingestion = RecordingUpstream.start("ingestion",
                RecordingUpstream.openApi("POST /events", "POST /sources/{source}/odoo", "GET /sources/{source}/stats"));
        kpiEngine = RecordingUpstream.start("kpi-engine",
                RecordingUpstream.openApi("GET /kpis", "POST /kpis/{key}/recompute", "GET /projects/{project}/scorecard"));
        governance = RecordingUpstream.start("governance",
                RecordingUpstream.openApi("GET /projects", "POST /sources", "GET /sources/{source}"));
        console = RecordingUpstream.start("console", RecordingUpstream.openApi());
        deadPort = freePort();
        return Map.ofEntries(Map.entry("pilotage.routes.console.url", console.url()),
                Map.entry("quarkus.oidc.auth-server-url", oidc.realmUrl()),
                Map.entry("pilotage.routes.ingestion.url", ingestion.url()),
                Map.entry("pilotage.routes.kpi-engine.url", kpiEngine.url()),
                Map.entry("pilotage.routes.governance.url", governance.url()),
                Map.entry("pilotage.routes.alerting.url", "http://127.0.0.1:" + deadPort),
                Map.entry("pilotage.gateway.upstream.timeout", "1S"),
                Map.entry("quarkus.http.limits.max-body-size", "1M"),
                // fixed, whatever PILOTAGE_PUBLIC_URL the calling shell holds
                Map.entry("quarkus.http.cors.origins", BROWSER_ORIGIN));
    }

    @Override
    public void stop() {
        if (oidc != null) {
            oidc.stop();
        }
        for (RecordingUpstream upstream : new RecordingUpstream[] {ingestion, kpiEngine, governance, console}) {
            if (upstream != null) {
                upstream.stop();
            }
        }
    }

    public static FakeOidcProvider oidc() {
        return require(oidc);
    }

    public static RecordingUpstream ingestion() {
        return require(ingestion);
    }

    public static RecordingUpstream kpiEngine() {
        return require(kpiEngine);
    }

    public static RecordingUpstream governance() {
        return require(governance);
    }

    public static RecordingUpstream console() {
        return require(console);
    }

    /** Forgets what every stand-in received. */
    public static void resetAll() {
        ingestion().reset();
        kpiEngine().reset();
        governance().reset();
        console().reset();
    }

    private static <T> T require(T value) {
        if (value == null) {
            throw new IllegalStateException("FakeServices is not started (or was loaded by another class loader)");
        }
        return value;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
