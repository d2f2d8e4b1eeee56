import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load and probes of the freshness benchmark (run by freshness.py as
 * {@code java -cp "$KAFKA_HOME/lib/*" Driver.java ...}, no build).
 *
 * <pre>
 * java Driver.java BOOTSTRAP API OIDC_URL LOAD_PROJECT PROBE_PROJECT RATE SECONDS RUN DAY
 * </pre>
 * A background stream of RATE events/s of LOAD_PROJECT for SECONDS (one producer, acks=all, paced
 * every 10 ms); meanwhile, every 250 ms, one probe event of PROBE_PROJECT sent on its own
 * producer and waited for (acks=all), then the API polled every 10 ms until the probe KPI's day
 * count includes it: the latency is from the acknowledgement to that answer. Afterwards waits
 * (at most 10 min) until the load KPI counts every event sent. Prints one JSON object: sent,
 * applied, loadSeconds, drainSeconds (from the load's start until all applied), latencies (s).
 * Reads as user admin; the token is renewed every minute.
 */
public class Driver {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static String oidc;
    static String token;
    static long tokenAt;
    static final Pattern VALUE = Pattern.compile("\"value\"\\s*:\\s*([0-9.eE+-]+)");

    public static void main(String[] a) throws Exception {
        String bootstrap = a[0], api = a[1]; oidc = a[2]; String load = a[3], probe = a[4];
        int rate = Integer.parseInt(a[5]), seconds = Integer.parseInt(a[6]);
        String run = a[7], day = a[8];
        Map<String, Object> common = Map.of("bootstrap.servers", bootstrap, "acks", "all", "enable.idempotence", true);
        var loadProducer = new KafkaProducer<>(with(common, "linger.ms", 5, "batch.size", 131072, "compression.type", "lz4"),
                new StringSerializer(), new StringSerializer());
        var probeProducer = new KafkaProducer<>(with(common, "linger.ms", 0), new StringSerializer(), new StringSerializer());
        AtomicLong sent = new AtomicLong();
        long start = System.nanoTime();
        Thread background = Thread.ofPlatform().start(() -> {
            long i = 0;
            while (true) {
                double elapsed = (System.nanoTime() - start) / 1e9;
                if (elapsed >= seconds) {
                    break;
                }
                long target = (long) (elapsed * rate);
                for (; i < target; i++) {
                    loadProducer.send(new ProducerRecord<>("pilotage.events.v1", load + "/e" + i, event(load, i, run)));
                }
                sent.set(i);
                sleep(10);
            }
            loadProducer.flush();
        });
        List<Double> latencies = new ArrayList<>();
        long n = 0;
        while (background.isAlive()) {
            long before = count(api, probe + ".events", day);
            probeProducer.send(new ProducerRecord<>("pilotage.events.v1", probe + "/e" + n, event(probe, n, run))).get();
            long acked = System.nanoTime();
            n++;
            long deadline = acked + 60_000_000_000L;
            while (count(api, probe + ".events", day) <= before && System.nanoTime() < deadline) {
                sleep(10);
            }
            latencies.add((System.nanoTime() - acked) / 1e9);
            sleep(250);
        }
        background.join();
        double loadSeconds = (System.nanoTime() - start) / 1e9;
        long applied = count(api, load + ".events", day);
        long drainDeadline = System.nanoTime() + 600_000_000_000L;
        while (applied < sent.get() && System.nanoTime() < drainDeadline) {
            sleep(200);
            applied = count(api, load + ".events", day);
        }
        double drainSeconds = (System.nanoTime() - start) / 1e9;
        loadProducer.close();
        probeProducer.close();
        System.out.printf("{\"sent\": %d, \"applied\": %d, \"loadSeconds\": %.3f, \"drainSeconds\": %.3f, \"latencies\": %s}%n",
                sent.get(), applied, loadSeconds, drainSeconds, latencies);
    }

    static Map<String, Object> with(Map<String, Object> base, Object... kv) {
        var m = new java.util.HashMap<>(base);
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static String event(String project, long i, String run) {
        return "{\"id\":\"f" + run + "-" + project + "-" + i + "\",\"source\":\"bench\",\"project\":\"" + project
                + "\",\"type\":\"thing\",\"occurredAt\":\"" + Instant.now() + "\",\"entity\":\"e" + i + "\"}";
    }

    /** The KPI's count on DAY as the API shows it (0 when NO_DATA, -1 when the API did not answer). */
    static long count(String api, String key, String day) {
        try {
            if (token == null || System.nanoTime() - tokenAt > 60_000_000_000L) {
                HttpRequest t = HttpRequest.newBuilder(URI.create(oidc + "/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=pilotage-web&username=admin&password=admin-pass"))
                        .build();
                Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(HTTP.send(t, HttpResponse.BodyHandlers.ofString()).body());
                if (m.find()) {
                    token = m.group(1);
                    tokenAt = System.nanoTime();
                }
            }
            HttpRequest req = HttpRequest.newBuilder(URI.create(api + "/kpis/" + key + "/values?granularity=day&from=" + day + "&to=" + day))
                    .header("Authorization", "Bearer " + token).header("Accept", "application/json").timeout(Duration.ofSeconds(30)).build();
            HttpResponse<String> r = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return -1;
            }
            Matcher m = VALUE.matcher(r.body());
            return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
        } catch (Exception e) {
            return -1;
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
