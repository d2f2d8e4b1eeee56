import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Steady, bounded load through the gateway for the footprint benchmark: a closed loop of
 * {@code clients} concurrent clients (each sends its next request when the previous one is
 * answered, at most {@code maxRate} requests/s in all), half event posts (gateway -> ingestion
 * -> Kafka -> kpi-engine), half reads (kpi-engine, governance, alerting). Stops by itself.
 *
 *   java Load.java <gatewayUrl> <ingestToken> <readToken> <seconds> <maxRate> <clients>
 */
public class Load {
    public static void main(String[] a) throws Exception {
        String gw = a[0], ingest = a[1], read = a[2];
        int seconds = Integer.parseInt(a[3]), maxRate = Integer.parseInt(a[4]), clients = Integer.parseInt(a[5]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        AtomicLong seq = new AtomicLong(), failed = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>("");
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        List<String> reads = List.of("/kpis/erp.audit_errors/values?granularity=day", "/projects", "/alerts", "/kpis?project=erp");
        Instant end = Instant.now().plusSeconds(seconds);
        long perClientPeriodNanos = 1_000_000_000L * clients / maxRate;
        List<Thread> threads = new java.util.ArrayList<>();
        for (int c = 0; c < clients; c++) {
            threads.add(Thread.ofVirtual().start(() -> {
                long next = System.nanoTime();
                while (Instant.now().isBefore(end)) {
                    long n = seq.incrementAndGet();
                    HttpRequest req;
                    if (n % 2 == 0) {
                        String id = "footprint-" + ProcessHandle.current().pid() + "-" + n;
                        String body = "{\"id\":\"" + id + "\",\"source\":\"footprint-bench\",\"project\":\"erp\",\"type\":\"audit.error\","
                                + "\"occurredAt\":\"" + Instant.now() + "\",\"entity\":\"bench/" + (n % 1000) + "\",\"value\":1.0}";
                        req = HttpRequest.newBuilder(URI.create(gw + "/events")).timeout(Duration.ofSeconds(10))
                                .header("Authorization", "Bearer " + ingest).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    } else {
                        req = HttpRequest.newBuilder(URI.create(gw + reads.get((int) (n / 2 % reads.size())))).timeout(Duration.ofSeconds(10))
                                .header("Authorization", "Bearer " + read).GET().build();
                    }
                    try {
                        int status = http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
                        statuses.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
                    } catch (Exception e) {
                        firstError.compareAndSet("", e.toString().replace('"', '\''));
                        failed.incrementAndGet();
                    }
                    next += perClientPeriodNanos;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        try {
                            Thread.sleep(Duration.ofNanos(wait));
                        } catch (InterruptedException e) {
                            return;
                        }
                    } else {
                        next = System.nanoTime();
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        long answered = statuses.values().stream().mapToLong(AtomicLong::get).sum();
        System.out.println("{\"sent\":" + seq.get() + ",\"answered\":" + answered + ",\"failed\":" + failed.get()
                + ",\"rate_per_s\":" + answered / seconds + ",\"statuses\":\"" + new TreeMap<>(statuses) + "\",\"first_error\":\"" + firstError.get() + "\"}");
    }
}
