import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load generator of the ingestion benchmarks (run with {@code java LoadGen.java ...}, no build).
 *
 * <pre>
 * java LoadGen.java batch  URL TOKEN EVENTS BATCH CONCURRENCY RECORD_BYTES
 * java LoadGen.java single URL TOKEN RATE|max SECONDS CONCURRENCY RECORD_BYTES
 * </pre>
 * {@code single}: one event per request; at a fixed offered RATE (open loop, requests started on a
 * schedule so a slow server does not slow the offered load) or {@code max} (closed loop,
 * CONCURRENCY in flight); prints {@code requests_per_s=<n> p50_ms=<x> p99_ms=<x> non_202=<n>}.
 * Posts EVENTS canonical events of about RECORD_BYTES each (a padding attribute makes up the size),
 * BATCH per request, CONCURRENCY requests in flight, each request a fresh set of ids; prints
 * {@code events_per_s=<n> requests=<n> non_202=<n> seconds=<s>}.
 */
public class LoadGen {

    public static void main(String[] args) throws Exception {
        if (args[0].equals("single")) {
            single(args);
            return;
        }
        String url = args[1];
        String token = args[2];
        long events = Long.parseLong(args[3]);
        int batch = Integer.parseInt(args[4]);
        int concurrency = Integer.parseInt(args[5]);
        int recordBytes = Integer.parseInt(args[6]);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String run = Long.toString(System.nanoTime(), 36);
        String occurredAt = Instant.now().minusSeconds(60).toString();
        // warm-up
        post(client, url, token, body(run + "w", 0, Math.min(batch, 100), occurredAt, recordBytes));
        long requests = (events + batch - 1) / batch;
        AtomicLong next = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        long t0 = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                workers.add(pool.submit(() -> {
                    long r;
                    while ((r = next.getAndIncrement()) < requests) {
                        int n = (int) Math.min(batch, events - r * batch);
                        try {
                            int status = post(client, url, token, body(run, r * batch, n, occurredAt, recordBytes));
                            if (status != 202) {
                                failed.incrementAndGet();
                            } else {
                                sent.addAndGet(n);
                            }
                        } catch (Exception e) {
                            failed.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                f.get();
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("events_per_s=%.0f requests=%d non_202=%d seconds=%.2f%n", sent.get() / seconds, requests,
                failed.get(), seconds);
    }

    static int post(HttpClient client, String url, String token, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-ndjson").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static String body(String run, long first, int n, String occurredAt, int recordBytes) {
        StringBuilder sb = new StringBuilder(n * (recordBytes + 2));
        for (int i = 0; i < n; i++) {
            long id = first + i;
            String head = "{\"id\":\"bench-" + run + "-" + id + "\",\"source\":\"bench\",\"project\":\"erp\","
                    + "\"type\":\"transaction.processed\",\"occurredAt\":\"" + occurredAt + "\",\"entity\":\"bench/" + id
                    + "\",\"value\":1500.0,\"attributes\":{\"currency\":\"XOF\",\"pad\":\"";
            int pad = Math.max(0, recordBytes - head.length() - 3);
            char[] padding = new char[pad];
            Arrays.fill(padding, 'x');
            sb.append(head).append(padding).append("\"}}\n");
        }
        return sb.toString();
    }

    static void single(String[] args) throws Exception {
        String url = args[1];
        String token = args[2];
        String rate = args[3];
        double seconds = Double.parseDouble(args[4]);
        int concurrency = Integer.parseInt(args[5]);
        int recordBytes = Integer.parseInt(args[6]);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(concurrency)).connectTimeout(Duration.ofSeconds(5)).build();
        String run = Long.toString(System.nanoTime(), 36);
        String occurredAt = Instant.now().minusSeconds(60).toString();
        for (int i = 0; i < 200; i++) {
            try {
                post(client, url, token, body(run + "w", i, 1, occurredAt, recordBytes));
            } catch (java.io.IOException e) {
                // warm-up only: a refused or timed-out request here is not measured
            }
        }
        java.util.concurrent.ConcurrentLinkedQueue<Long> latencies = new java.util.concurrent.ConcurrentLinkedQueue<>();
        AtomicLong failed = new AtomicLong();
        AtomicLong ids = new AtomicLong();
        long t0 = System.nanoTime();
        long end = t0 + (long) (seconds * 1e9);
        if (rate.equals("max")) {
            try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
                for (int w = 0; w < concurrency; w++) {
                    pool.submit(() -> {
                        while (System.nanoTime() < end) {
                            long s = System.nanoTime();
                            try {
                                if (post(client, url, token, body(run, ids.getAndIncrement(), 1, occurredAt, recordBytes)) != 202) {
                                    failed.incrementAndGet();
                                }
                            } catch (Exception e) {
                                failed.incrementAndGet();
                            }
                            latencies.add(System.nanoTime() - s);
                        }
                        return null;
                    });
                }
            }
        } else {
            double perSecond = Double.parseDouble(rate);
            long interval = (long) (1e9 / perSecond);
            List<java.util.concurrent.CompletableFuture<?>> inFlight = new java.util.concurrent.CopyOnWriteArrayList<>();
            long next = t0;
            while (next < end) {
                while (System.nanoTime() < next) {
                    Thread.onSpinWait();
                }
                long scheduled = next;
                HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/x-ndjson").header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString(body(run, ids.getAndIncrement(), 1, occurredAt, recordBytes))).build();
                inFlight.add(client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((r, e) -> {
                    if (e != null || r.statusCode() != 202) {
                        failed.incrementAndGet();
                    }
                    latencies.add(System.nanoTime() - scheduled); // from the scheduled start: no coordinated omission
                    return null;
                }));
                next += interval;
            }
            java.util.concurrent.CompletableFuture.allOf(inFlight.toArray(java.util.concurrent.CompletableFuture[]::new)).join();
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("requests_per_s=%.0f p50_ms=%.2f p99_ms=%.2f non_202=%d requests=%d%n",
                (sorted.length - failed.get()) / elapsed, pct(sorted, 0.50), pct(sorted, 0.99), failed.get(), sorted.length);
        System.exit(0);
    }

    static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))] / 1e6;
    }
}
