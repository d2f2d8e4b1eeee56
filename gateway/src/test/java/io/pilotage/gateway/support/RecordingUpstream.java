package io.pilotage.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;


/**
 * A stand-in for one Pilotage service: a real HTTP server on a loopback port that records every
 * request it receives (method, path and query, headers, body) and answers with a small JSON
 * document naming itself, except on a few paths that exercise the gateway:
 * <ul>
 *   <li>{@code .../slow}: answers only when {@link #releaseSlowRequests()} is called (or after 30 s);</li>
 *   <li>{@code .../status/NNN}: answers status NNN with a problem document;</li>
 *   <li>{@code .../chunked}: answers a chunked body of 64 KiB;</li>
 *   <li>{@code /q/openapi}: a small OpenAPI document (see {@link #openApi}).</li>
 * </ul>
 */
public final class RecordingUpstream {

    /** One request as the service received it. Header names are lower case. */
    public record Received(String service, String method, String uri, Map<String, List<String>> headers, byte[] body) {

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.getFirst();
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final String name;
    private final HttpServer server;
    private final String openApi;
    private final LinkedBlockingDeque<Received> received = new LinkedBlockingDeque<>();
    private volatile CountDownLatch slow = new CountDownLatch(1);

    private RecordingUpstream(String name, HttpServer server, String openApi) {
        this.name = name;
        this.server = server;
        this.openApi = openApi;
    }

    public static RecordingUpstream start(String name, String openApi) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            RecordingUpstream upstream = new RecordingUpstream(name, server, openApi);
            server.createContext("/", upstream::handle);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return upstream;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake " + name, e);
        }
    }

    public void stop() {
        releaseSlowRequests();
        server.stop(0);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Forgets what was received and re-arms the slow path. */
    public void reset() {
        received.clear();
        releaseSlowRequests();
        slow = new CountDownLatch(1);
    }

    public void releaseSlowRequests() {
        slow.countDown();
    }

    /** Everything received since the last {@link #reset()}, oldest first. */
    public List<Received> received() {
        return new ArrayList<>(received);
    }

    /** The one request received since the last {@link #reset()}. */
    public Received single() {
        List<Received> all = received();
        if (all.size() != 1) {
            throw new AssertionError(name + " received " + all.size() + " requests, expected exactly one: " + all);
        }
        return all.getFirst();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((key, values) -> headers.put(key.toLowerCase(Locale.ROOT), List.copyOf(values)));
            String uri = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            if (path.equals("/q/openapi")) {
                respond(exchange, 200, "application/json", openApi.getBytes(StandardCharsets.UTF_8));
                return;
            }
            received.add(new Received(name, method, uri, headers, body));
            exchange.getResponseHeaders().add("X-Upstream", name);
            exchange.getResponseHeaders().add("Set-Cookie", "a=1");
            exchange.getResponseHeaders().add("Set-Cookie", "b=2");
            if (path.endsWith("/slow")) {
                await();
                respond(exchange, 200, "application/json", "{\"slow\":true}".getBytes(StandardCharsets.UTF_8));
            } else if (path.matches(".*/status/\\d{3}")) {
                int status = Integer.parseInt(path.substring(path.length() - 3));
                Map<String, Object> document = new LinkedHashMap<>();
                document.put("type", "urn:test:" + status);
                document.put("title", "Upstream says " + status);
                document.put("status", status);
                byte[] problem = MiniJson.write(document).getBytes(StandardCharsets.UTF_8);
                respond(exchange, status, "application/problem+json", problem);
            } else if (path.endsWith("/chunked")) {
                exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    for (int i = 0; i < 64; i++) {
                        out.write(kilobyte(i));
                        out.flush();
                    }
                }
            } else {
                Map<String, Object> echo = new LinkedHashMap<>();
                echo.put("service", name);
                echo.put("method", method);
                echo.put("uri", uri);
                echo.put("bodyLength", body.length);
                int status = method.equals("POST") ? 202 : 200;
                respond(exchange, status, "application/json", MiniJson.write(echo).getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private void await() {
        try {
            slow.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The {@code i}-th kilobyte of the chunked test body. */
    public static byte[] kilobyte(int i) {
        byte[] bytes = new byte[1024];
        for (int j = 0; j < bytes.length; j++) {
            bytes[j] = (byte) ('a' + (i + j) % 26);
        }
        return bytes;
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** A minimal OpenAPI document with the given operations ({@code "GET /kpis"}, ...). */
    public static String openApi(String... operations) {
        Map<String, Object> paths = new LinkedHashMap<>();
        for (String operation : operations) {
            String[] parts = operation.split(" ", 2);
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(parts[1], p -> new LinkedHashMap<>());
            item.put(parts[0].toLowerCase(Locale.ROOT), Map.of(
                    "summary", operation,
                    "tags", List.of("Test"),
                    "responses", Map.of("200", Map.of("description", "OK"))));
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("openapi", "3.1.0");
        document.put("info", Map.of("title", "fake", "version", "1"));
        document.put("tags", List.of(Map.of("name", "Test")));
        document.put("paths", paths);
        document.put("components", Map.of("schemas", Map.of("Problem", Map.of("type", "object"))));
        return MiniJson.write(document);
    }
}
