import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway's overhead: the same request mix (a token-protected KPI read, a small event write)
 * sent directly to the services and through the gateway, in alternating rounds of one run, by
 * closed-loop clients (each sends its next request when the previous answered). Reports the
 * latency added at p50 and p99 and the throughput ratio, per kind of request.
 *
 * <p>{@code java GatewayOverhead.java <out.json>} with the environment: PILOTAGE_GATEWAY_URL,
 * PILOTAGE_INGESTION_URL, PILOTAGE_KPI_ENGINE_URL, BENCH_INGEST_TOKEN, BENCH_ANALYST_TOKEN,
 * BENCH_SECONDS (per round, default 10), BENCH_ROUNDS (default 2), BENCH_CONCURRENCY (default 16),
 * BENCH_SINGLE_SECONDS (per round and target, one client alone: the added latency without queueing; default 4),
 * BENCH_WARMUP (seconds per target before measuring, default 10: the gateway was just restarted),
 * then more warm-up through the gateway until its JIT compiler threads were busy less than
 * BENCH_JIT_QUIET (0.05) of the last 6 s, at most BENCH_JIT_WARMUP_MAX seconds (180).
 */
public final class GatewayOverhead {

    record Sample(long[] latenciesNanos, int count, long errors, double seconds) {
        double throughput() {
            return count / seconds;
        }

        double percentileMillis(double p) {
            long[] sorted = Arrays.copyOf(latenciesNanos, count);
            Arrays.sort(sorted);
            int index = (int) Math.min(count - 1, Math.max(0, Math.ceil(p / 100.0 * count) - 1));
            return sorted[index] / 1e6;
        }
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "gateway-overhead.json");
        String gateway = env("PILOTAGE_GATEWAY_URL", null);
        String ingestion = env("PILOTAGE_INGESTION_URL", null);
        String kpiEngine = env("PILOTAGE_KPI_ENGINE_URL", null);
        String ingestToken = env("BENCH_INGEST_TOKEN", null);
        String analystToken = env("BENCH_ANALYST_TOKEN", null);
        int seconds = Integer.parseInt(env("BENCH_SECONDS", "10"));
        int rounds = Integer.parseInt(env("BENCH_ROUNDS", "2"));
        int concurrency = Integer.parseInt(env("BENCH_CONCURRENCY", "16"));
        int warmup = Integer.parseInt(env("BENCH_WARMUP", "10"));
        int singleSeconds = Integer.parseInt(env("BENCH_SINGLE_SECONDS", "4"));

        String readPath = "/kpis/erp.audit_errors/values?granularity=day&from=2026-11-01&to=2026-11-07";
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        String gatewayPid = System.getenv("BENCH_GATEWAY_PID");
        Map<String, long[]> gatewayCpu = new LinkedHashMap<>(); // kind -> {cpu ticks, requests}
        Map<String, long[]> eventLoopCpu = new LinkedHashMap<>(); // kind -> {event-loop cpu ticks, requests}
        // warm-up: JIT, connection pools, the gateway's token cache
        for (String base : List.of(kpiEngine, gateway)) {
            run(base + readPath, analystToken, null, warmup, concurrency);
        }
        for (String base : List.of(ingestion, gateway)) {
            run(base + "/events", ingestToken, GatewayOverhead::event, warmup, concurrency);
        }
        // then until the gateway's JIT compilers are (nearly) done: on a busy machine they take
        // minutes, and their CPU time would be counted as the cost of the requests measured
        long maxJitWarmup = System.nanoTime() + Duration.ofSeconds(Integer.parseInt(env("BENCH_JIT_WARMUP_MAX", "180"))).toNanos();
        double jitQuiet = Double.parseDouble(env("BENCH_JIT_QUIET", "0.05"));
        while (gatewayPid != null && System.nanoTime() < maxJitWarmup) {
            long jit0 = threadTicks(gatewayPid, "C1 CompilerThre", "C2 CompilerThre");
            long t0 = System.nanoTime();
            run(gateway + readPath, analystToken, null, 3, concurrency);
            run(gateway + "/events", ingestToken, GatewayOverhead::event, 3, concurrency);
            double share = (threadTicks(gatewayPid, "C1 CompilerThre", "C2 CompilerThre") - jit0) / 100.0 / ((System.nanoTime() - t0) / 1e9);
            System.out.printf(Locale.ROOT, "warm-up: gateway JIT compilers busy %.0f %% of the last 6 s%n", share * 100);
            if (share < jitQuiet) {
                break;
            }
        }
        for (int round = 0; round < rounds; round++) {
            samples.computeIfAbsent("read direct", k -> new ArrayList<>()).add(run(kpiEngine + readPath, analystToken, null, seconds, concurrency));
            long cpu0 = cpuTicks(gatewayPid);
            long loops0 = eventLoopTicks(gatewayPid);
            Sample readThrough = run(gateway + readPath, analystToken, null, seconds, concurrency);
            account(gatewayCpu, "read", cpuTicks(gatewayPid) - cpu0, readThrough.count());
            account(eventLoopCpu, "read", eventLoopTicks(gatewayPid) - loops0, readThrough.count());
            samples.computeIfAbsent("read gateway", k -> new ArrayList<>()).add(readThrough);
            samples.computeIfAbsent("write direct", k -> new ArrayList<>()).add(run(ingestion + "/events", ingestToken, GatewayOverhead::event, seconds, concurrency));
            cpu0 = cpuTicks(gatewayPid);
            loops0 = eventLoopTicks(gatewayPid);
            Sample writeThrough = run(gateway + "/events", ingestToken, GatewayOverhead::event, seconds, concurrency);
            account(gatewayCpu, "write", cpuTicks(gatewayPid) - cpu0, writeThrough.count());
            account(eventLoopCpu, "write", eventLoopTicks(gatewayPid) - loops0, writeThrough.count());
            samples.computeIfAbsent("write gateway", k -> new ArrayList<>()).add(writeThrough);
            if (singleSeconds > 0) {
                // one client: the latency the gateway adds to a request, without queueing behind others
                samples.computeIfAbsent("read direct one", k -> new ArrayList<>()).add(run(kpiEngine + readPath, analystToken, null, singleSeconds, 1));
                samples.computeIfAbsent("read gateway one", k -> new ArrayList<>()).add(run(gateway + readPath, analystToken, null, singleSeconds, 1));
                samples.computeIfAbsent("write direct one", k -> new ArrayList<>()).add(run(ingestion + "/events", ingestToken, GatewayOverhead::event, singleSeconds, 1));
                samples.computeIfAbsent("write gateway one", k -> new ArrayList<>()).add(run(gateway + "/events", ingestToken, GatewayOverhead::event, singleSeconds, 1));
            }
        }

        String machine = Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", Java " + System.getProperty("java.version");
        String date = Instant.now().toString();
        List<String> results = new ArrayList<>();
        for (String kind : List.of("read", "write")) {
            Sample direct = merge(samples.get(kind + " direct"));
            Sample through = merge(samples.get(kind + " gateway"));
            double p50d = direct.percentileMillis(50), p50g = through.percentileMillis(50);
            double p99d = direct.percentileMillis(99), p99g = through.percentileMillis(99);
            System.out.printf(Locale.ROOT, "%-5s direct %8.0f req/s p50 %6.2f ms p99 %6.2f ms (%d errors) | gateway %8.0f req/s p50 %6.2f ms p99 %6.2f ms (%d errors)%n",
                    kind, direct.throughput(), p50d, p99d, direct.errors(), through.throughput(), p50g, p99g, through.errors());
            results.add(result("gateway-overhead " + kind, "added latency p50", p50g - p50d, p50d, p50g / p50d, "<= 1", "ms", machine, date));
            results.add(result("gateway-overhead " + kind, "added latency p99", p99g - p99d, p99d, p99g / p99d, "-", "ms", machine, date));
            results.add(result("gateway-overhead " + kind, "throughput ratio", through.throughput() / direct.throughput(),
                    direct.throughput(), through.throughput() / direct.throughput(), ">= 0.70", "ratio", machine, date));
            results.add(result("gateway-overhead " + kind, "throughput through the gateway", through.throughput(),
                    direct.throughput(), through.throughput() / direct.throughput(), "-", "req/s", machine, date));
            if (samples.containsKey(kind + " direct one")) {
                Sample directOne = merge(samples.get(kind + " direct one"));
                Sample throughOne = merge(samples.get(kind + " gateway one"));
                double p50d1 = directOne.percentileMillis(50), p50g1 = throughOne.percentileMillis(50);
                double p99d1 = directOne.percentileMillis(99), p99g1 = throughOne.percentileMillis(99);
                System.out.printf(Locale.ROOT, "%-5s one client: direct p50 %6.2f ms p99 %6.2f ms | gateway p50 %6.2f ms p99 %6.2f ms%n",
                        kind, p50d1, p99d1, p50g1, p99g1);
                results.add(result("gateway-overhead " + kind, "added latency p50, one client", p50g1 - p50d1, p50d1, p50g1 / p50d1, "<= 1", "ms", machine, date));
                results.add(result("gateway-overhead " + kind, "added latency p99, one client", p99g1 - p99d1, p99d1, p99g1 / p99d1, "-", "ms", machine, date));
            }
            long[] cpu = gatewayCpu.get(kind);
            if (cpu != null && cpu[1] > 0) {
                // CPU time the gateway process spent per forwarded request: independent of how busy the machine is
                double micros = cpu[0] * 10_000.0 / cpu[1];
                System.out.printf(Locale.ROOT, "%-5s gateway CPU per request: %.0f us%n", kind, micros);
                results.add(result("gateway-overhead " + kind, "gateway CPU per request", micros, 0, 0, "-", "us", machine, date));
            }
            long[] loops = eventLoopCpu.get(kind);
            if (loops != null && loops[1] > 0) {
                // the part spent on the event loops, i.e. handling requests (without the JIT compiler and GC threads)
                double micros = loops[0] * 10_000.0 / loops[1];
                System.out.printf(Locale.ROOT, "%-5s gateway event-loop CPU per request: %.0f us%n", kind, micros);
                results.add(result("gateway-overhead " + kind, "gateway event-loop CPU per request", micros, 0, 0, "-", "us", machine, date));
            }
        }
        // the headline (the read mix's throughput ratio) at the top level, every figure under "results"
        String headline = results.stream().filter(r -> r.contains("\"throughput ratio\"")).findFirst().orElse(results.get(0));
        String json = "{\n  " + headline.substring(1, headline.length() - 1) + ",\n  \"benchmark\": \"gateway-overhead\",\n  \"settings\": {\"seconds_per_round\": " + seconds
                + ", \"rounds\": " + rounds + ", \"concurrency\": " + concurrency + ", \"one_client_seconds_per_round\": " + singleSeconds + "},\n  \"results\": [\n    "
                + String.join(",\n    ", results) + "\n  ]\n}\n";
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, json);
        System.out.println("written: " + out);
    }

    /** utime + stime of a process, in clock ticks (1/100 s), 0 when unknown. */
    private static long cpuTicks(String pid) {
        if (pid == null) {
            return 0;
        }
        try {
            return ticksOf(Path.of("/proc", pid, "stat"));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** utime + stime of a /proc stat file (a process's or a thread's), in clock ticks. */
    private static long ticksOf(Path stat) throws IOException {
        String line = Files.readString(stat);
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** utime + stime of the process's Vert.x event-loop threads, in clock ticks, 0 when unknown. */
    private static long eventLoopTicks(String pid) {
        return threadTicks(pid, "vert.x-eventloo");
    }

    /** utime + stime of the process's threads whose name starts with one of {@code names}, in clock ticks. */
    private static long threadTicks(String pid, String... names) {
        if (pid == null) {
            return 0;
        }
        long ticks = 0;
        try (var tasks = Files.list(Path.of("/proc", pid, "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String comm = Files.readString(task.resolve("comm"));
                    if (Arrays.stream(names).anyMatch(comm::startsWith)) {
                        ticks += ticksOf(task.resolve("stat"));
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks;
    }

    private static void account(Map<String, long[]> cpu, String kind, long ticks, int requests) {
        long[] total = cpu.computeIfAbsent(kind, k -> new long[2]);
        total[0] += ticks;
        total[1] += requests;
    }

    private static String result(String name, String metric, double value, double baseline, double ratio, String target,
            String unit, String machine, String date) {
        return String.format(Locale.ROOT,
                "{\"name\": \"%s\", \"metric\": \"%s\", \"value\": %.3f, \"baseline\": %.3f, \"ratio\": %.3f, \"target\": \"%s\", \"unit\": \"%s\", \"machine\": \"%s\", \"date\": \"%s\"}",
                name, metric, value, baseline, ratio, target, unit, machine, date);
    }

    private static String event() {
        return "{\"id\":\"bench-" + UUID.randomUUID() + "\",\"source\":\"bench\",\"project\":\"erp\",\"type\":\"bench.event\","
                + "\"occurredAt\":\"2001-01-01T00:00:00Z\",\"entity\":\"bench/1\"}";
    }

    private static Sample merge(List<Sample> parts) {
        int count = parts.stream().mapToInt(Sample::count).sum();
        long[] all = new long[count];
        int at = 0;
        long errors = 0;
        double seconds = 0;
        for (Sample part : parts) {
            System.arraycopy(part.latenciesNanos(), 0, all, at, part.count());
            at += part.count();
            errors += part.errors();
            seconds += part.seconds();
        }
        return new Sample(all, count, errors, seconds);
    }

    /** Closed loop: {@code concurrency} virtual threads, each sending requests back to back for {@code seconds}. */
    private static Sample run(String url, String token, java.util.function.Supplier<String> body, int seconds, int concurrency)
            throws InterruptedException {
        long[][] latencies = new long[concurrency][];
        int[] counts = new int[concurrency];
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(seconds).toNanos();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < concurrency; c++) {
                int worker = c;
                pool.submit(() -> {
                    long[] mine = new long[1 << 16];
                    int n = 0;
                    while (System.nanoTime() < end) {
                        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10));
                        if (body != null) {
                            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.get()));
                        }
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<Void> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.discarding());
                            long elapsed = System.nanoTime() - t0;
                            if (response.statusCode() >= 300) {
                                errors.incrementAndGet();
                                continue;
                            }
                            if (n == mine.length) {
                                mine = Arrays.copyOf(mine, n * 2);
                            }
                            mine[n++] = elapsed;
                        } catch (IOException e) {
                            errors.incrementAndGet();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            break;
                        }
                    }
                    latencies[worker] = mine;
                    counts[worker] = n;
                });
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < concurrency; c++) {
            System.arraycopy(latencies[c], 0, all, at, counts[c]);
            at += counts[c];
        }
        return new Sample(all, total, errors.get(), elapsed);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            if (fallback == null) {
                throw new IllegalStateException(name + " is not set");
            }
            return fallback;
        }
        return value;
    }
}
