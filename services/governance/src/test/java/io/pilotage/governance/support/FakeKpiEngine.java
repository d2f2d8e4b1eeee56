package io.pilotage.governance.support;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server standing in for the KPI engine's {@code GET /projects/{project}/scorecard?period=}
 * (the engine is built in parallel): it answers the JSON a test registered for a project and
 * period, 503 for projects registered as failing, and never answers for projects registered as
 * hanging. It counts the requests per project.
 */
public class FakeKpiEngine implements QuarkusTestResourceLifecycleManager {

    private static final Map<String, String> SCORECARDS = new ConcurrentHashMap<>();
    private static final Map<String, Integer> STATUS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> REQUESTS = new ConcurrentHashMap<>();
    private static final CountDownLatch NEVER = new CountDownLatch(1);
    private HttpServer server;

    public static void scorecard(String project, String period, String json) {
        SCORECARDS.put(project + "?" + period, json);
    }

    /** Every request for the project answers this status (0: no answer at all). */
    public static void failing(String project, int status) {
        STATUS.put(project, status);
    }

    public static int requests(String project) {
        return REQUESTS.computeIfAbsent(project, p -> new AtomicInteger()).get();
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/projects/", exchange -> {
            String[] parts = exchange.getRequestURI().getPath().split("/");
            String project = parts.length > 2 ? parts[2] : "";
            String query = exchange.getRequestURI().getQuery();
            String period = query == null ? "" : query.replaceFirst("^period=", "");
            REQUESTS.computeIfAbsent(project, p -> new AtomicInteger()).incrementAndGet();
            Integer status = STATUS.get(project);
            try {
                if (status != null && status == 0) {
                    NEVER.await(30, TimeUnit.SECONDS);
                    return;
                }
                String body = SCORECARDS.get(project + "?" + period);
                int code = status != null ? status : body == null ? 404 : 200;
                byte[] bytes = (body == null ? "{\"status\":" + code + "}" : body).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(code, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        server.start();
        return Map.of("pilotage.governance.kpi-engine.url", "http://127.0.0.1:" + server.getAddress().getPort(),
                "pilotage.governance.kpi-engine.timeout", "PT1S",
                "pilotage.governance.kpi-engine.retries", "2");
    }

    @Override
    public void stop() {
        NEVER.countDown();
        if (server != null) {
            server.stop(0);
        }
    }
}
