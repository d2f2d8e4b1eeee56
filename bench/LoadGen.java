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
 * </pre>
 * Posts EVENTS canonical events of about RECORD_BYTES each (a padding attribute makes up the size),
 * BATCH per request, CONCURRENCY requests in flight, each request a fresh set of ids; prints
 * {@code events_per_s=<n> requests=<n> non_202=<n> seconds=<s>}.
 */
public class LoadGen {

    public static void main(String[] args) throws Exception {
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
}
