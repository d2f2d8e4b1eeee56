import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Steady, bounded load through the gateway for the footprint benchmark: a fixed request rate
 * spread over event posts (gateway -> ingestion -> Kafka -> kpi-engine) and reads (kpi-engine,
 * governance, alerting). Stops by itself after the given seconds.
 *
 *   java Load.java <gatewayUrl> <ingestToken> <readToken> <seconds> <requestsPerSecond>
 */
public class Load {
    public static void main(String[] a) throws Exception {
        String gw = a[0], ingest = a[1], read = a[2];
        int seconds = Integer.parseInt(a[3]), rate = Integer.parseInt(a[4]);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        AtomicLong ok = new AtomicLong(), failed = new AtomicLong(), seq = new AtomicLong();
        List<String> reads = List.of("/kpis/erp.audit_errors/values?granularity=day", "/projects", "/alerts", "/kpis?project=erp");
        Instant end = Instant.now().plusSeconds(seconds);
        long periodNanos = 1_000_000_000L / rate;
        long next = System.nanoTime();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
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
                pool.submit(() -> {
                    try {
                        int status = http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
                        (status < 500 ? ok : failed).incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                });
                next += periodNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(Duration.ofNanos(wait));
                }
            }
        }
        System.out.println("{\"sent\":" + seq.get() + ",\"answered\":" + ok.get() + ",\"failed\":" + failed.get() + "}");
    }
}
