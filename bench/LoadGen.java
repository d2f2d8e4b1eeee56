import java.net.URI;
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
 * {@code single}: one event per request over CONCURRENCY keep-alive connections; at a fixed offered
 * RATE (open loop, requests due on a schedule so a slow server does not slow the offered load,
 * latency counted from when each was due) or {@code max} (closed loop); prints
 * {@code requests_per_s=<n> p50_ms=<x> p99_ms=<x> non_202=<n>}.
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
        URI uri = URI.create(url);
        String run = Long.toString(System.nanoTime(), 36);
        String occurredAt = Instant.now().minusSeconds(60).toString();
        // warm-up
        try (Connection warm = new Connection(uri, token)) {
            warm.post(body(run + "w", 0, Math.min(batch, 100), occurredAt, recordBytes));
        }
        long requests = (events + batch - 1) / batch;
        AtomicLong next = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        long t0 = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                workers.add(pool.submit(() -> {
                    Connection connection = new Connection(uri, token);
                    try {
                        long r;
                        while ((r = next.getAndIncrement()) < requests) {
                            int n = (int) Math.min(batch, events - r * batch);
                            try {
                                int status = connection.post(body(run, r * batch, n, occurredAt, recordBytes));
                                if (status != 202) {
                                    failed.incrementAndGet();
                                } else {
                                    sent.addAndGet(n);
                                }
                            } catch (Exception e) {
                                failed.incrementAndGet();
                                connection.close();
                                connection = new Connection(uri, token);
                            }
                        }
                    } finally {
                        connection.close();
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

    /** A POST's head up to its {@code Content-Length} value, the length and the blank line to follow. */
    static String requestHead(URI uri, String token) {
        return "POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nContent-Type: application/x-ndjson\r\nAuthorization: Bearer " + token + "\r\nContent-Length: ";
    }

    /** A whole request: {@code head} (from {@link #requestHead}), the body's length, the blank line, the body. */
    static byte[] request(String head, byte[] body) {
        byte[] h = (head + body.length + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] request = Arrays.copyOf(h, h.length + body.length);
        System.arraycopy(body, 0, request, h.length, body.length);
        return request;
    }

    /**
     * One keep-alive HTTP/1.1 connection on a plain blocking socket: a request is its head and body
     * in one write, the answer's status line and headers are read and its body skipped by
     * {@code Content-Length} or its chunks. The JDK's HttpClient spent about 7 µs of CPU per 1 KiB event on these
     * 500 KiB bodies, on the machine it measured; this costs the kernel's copy and little more.
     */
    static final class Connection implements AutoCloseable {
        private final java.net.Socket socket;
        private final java.io.OutputStream out;
        private final java.io.BufferedInputStream in;
        private final String head;

        Connection(URI uri, String token) throws java.io.IOException {
            socket = new java.net.Socket(uri.getHost(), uri.getPort());
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(60_000);
            out = socket.getOutputStream();
            in = new java.io.BufferedInputStream(socket.getInputStream(), 8192);
            head = requestHead(uri, token);
        }

        int post(byte[] body) throws java.io.IOException {
            out.write(request(head, body));
            out.flush();
            String status = line();
            long length = 0;
            boolean chunked = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                if (header.regionMatches(true, 0, "content-length:", 0, 15)) {
                    length = Long.parseLong(header.substring(15).trim());
                } else if (header.regionMatches(true, 0, "transfer-encoding:", 0, 18)) {
                    chunked = header.toLowerCase(java.util.Locale.ROOT).contains("chunked");
                }
            }
            if (!chunked) {
                in.skipNBytes(length);
            } else {
                for (long chunk; (chunk = Long.parseLong(line().split(";")[0].trim(), 16)) > 0; ) {
                    in.skipNBytes(chunk);
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers
                }
            }
            return Integer.parseInt(status.substring(9, 12));
        }

        private String line() throws java.io.IOException {
            StringBuilder sb = new StringBuilder(64);
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    throw new java.io.EOFException("connection closed");
                }
                if (c != '\r') {
                    sb.append((char) c);
                }
            }
            return sb.toString();
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (java.io.IOException ignored) {
                // closing anyway
            }
        }
    }

    /**
     * {@code n} NDJSON events of {@code recordBytes} each (ASCII), ids {@code bench-<run>-<first + i>}.
     * Written straight as bytes, the padding copied from one array: the generator's own CPU, on the
     * machine it measures, stays far below the service's (ProducerPerformance, the baseline, also
     * sends payloads it does not build per record).
     */
    static byte[] body(String run, long first, int n, String occurredAt, int recordBytes) {
        byte[] out = new byte[n * (recordBytes + 1)];
        int at = 0;
        for (int i = 0; i < n; i++) {
            long id = first + i;
            byte[] head = ("{\"id\":\"bench-" + run + "-" + id + "\",\"source\":\"bench\",\"project\":\"erp\","
                    + "\"type\":\"transaction.processed\",\"occurredAt\":\"" + occurredAt + "\",\"entity\":\"bench/" + id
                    + "\",\"value\":1500.0,\"attributes\":{\"currency\":\"XOF\",\"pad\":\"")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            int pad = Math.max(0, recordBytes - head.length - 3);
            if (at + head.length + pad + 4 > out.length) {
                out = Arrays.copyOf(out, Math.max(out.length * 2, at + head.length + pad + 4));
            }
            System.arraycopy(head, 0, out, at, head.length);
            at += head.length;
            System.arraycopy(PADDING, 0, out, at, pad);
            at += pad;
            out[at++] = '"';
            out[at++] = '}';
            out[at++] = '}';
            out[at++] = '\n';
        }
        return at == out.length ? out : Arrays.copyOf(out, at);
    }

    private static final byte[] PADDING = new byte[1 << 16];

    static {
        Arrays.fill(PADDING, (byte) 'x');
    }

    /**
     * One event per request over {@code CONCURRENCY} persistent HTTP/1.1 connections driven by one
     * non-blocking selector thread (a light client: the JDK's HttpClient spent more CPU per request
     * than the bare endpoint it measured, on the same 2 cores). {@code max}: each connection sends its
     * next request as soon as the answer to the last one is in (closed loop). A fixed RATE: request k
     * is due at {@code t0 + k/RATE} whether or not the server kept up (open loop); a due request waits
     * for a free connection, and its latency runs from when it was due, so a slow server cannot hide
     * its queueing (no coordinated omission). Requests still unanswered 30 s after the end count as failed.
     */
    /** How long {@link #single} runs at the requested rate before it measures (LOADGEN_WARMUP_SECONDS, default 1). */
    static final double WARM_UP_SECONDS = Double.parseDouble(System.getenv().getOrDefault("LOADGEN_WARMUP_SECONDS", "1"));

    static void single(String[] args) throws Exception {
        URI uri = URI.create(args[1]);
        String token = args[2];
        String rate = args[3];
        double seconds = Double.parseDouble(args[4]);
        int concurrency = Integer.parseInt(args[5]);
        int recordBytes = Integer.parseInt(args[6]);
        String run = Long.toString(System.nanoTime(), 36);
        String occurredAt = Instant.now().minusSeconds(60).toString();
        String head = requestHead(uri, token);
        java.util.function.LongFunction<java.nio.ByteBuffer> request =
                id -> java.nio.ByteBuffer.wrap(request(head, body(run, id, 1, occurredAt, recordBytes)));
        Driver driver = new Driver(new java.net.InetSocketAddress(uri.getHost(), uri.getPort()), concurrency, request);
        driver.run(rate.equals("max") ? 0 : Double.parseDouble(rate), WARM_UP_SECONDS, true);   // warm-up, not measured
        Driver.Result r = driver.run(rate.equals("max") ? 0 : Double.parseDouble(rate), seconds, false);
        long[] sorted = r.latencies();
        System.out.printf("requests_per_s=%.0f p50_ms=%.2f p99_ms=%.2f non_202=%d requests=%d%n",
                (sorted.length - r.failed()) / r.elapsed(), pct(sorted, 0.50), pct(sorted, 0.99), r.failed(), sorted.length);
        System.exit(0);
    }

    /** The selector loop of {@link #single}. */
    static final class Driver {
        record Result(long[] latencies, long failed, double elapsed) {
        }

        final class Conn {
            java.nio.channels.SocketChannel channel;
            java.nio.channels.SelectionKey key;
            java.nio.ByteBuffer out;
            final java.nio.ByteBuffer in = java.nio.ByteBuffer.allocate(64 * 1024);
            long due;   // when the request in flight was due (-1: idle)

            void open() throws java.io.IOException {
                channel = java.nio.channels.SocketChannel.open(address);
                channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
                channel.configureBlocking(false);
                key = channel.register(selector, 0, this);
                in.clear();
                due = -1;
            }
        }

        final java.net.InetSocketAddress address;
        final java.nio.channels.Selector selector;
        final java.util.function.LongFunction<java.nio.ByteBuffer> request;
        final List<Conn> conns = new ArrayList<>();
        final java.util.ArrayDeque<Conn> idle = new java.util.ArrayDeque<>();
        long ids;

        Driver(java.net.InetSocketAddress address, int concurrency, java.util.function.LongFunction<java.nio.ByteBuffer> request)
                throws java.io.IOException {
            this.address = address;
            this.selector = java.nio.channels.Selector.open();
            this.request = request;
            for (int i = 0; i < concurrency; i++) {
                Conn c = new Conn();
                c.open();
                conns.add(c);
                idle.add(c);
            }
        }

        Result run(double perSecond, double seconds, boolean warmUp) throws java.io.IOException {
            long[] latencies = new long[1 << 16];
            int count = 0;
            long failed = 0;
            long t0 = System.nanoTime();
            long t0Epoch = System.currentTimeMillis();
            long end = t0 + (long) (seconds * 1e9);
            long interval = perSecond > 0 ? (long) (1e9 / perSecond) : 0;
            long nextDue = t0;
            java.util.ArrayDeque<Long> waiting = new java.util.ArrayDeque<>();   // due times of requests without a connection
            // LOADGEN_TIMELINE=1: the slowest answer per 100 ms of due time, printed to stderr where over 20 ms,
            // with the wall-clock time of the slot (epoch ms) to line it up with other processes' records
            long[] timeline = System.getenv("LOADGEN_TIMELINE") != null ? new long[(int) (seconds * 10) + 1] : null;
            int inFlight = 0;
            long drainUntil = end + 30_000_000_000L;
            while (true) {
                long now = System.nanoTime();
                if (perSecond > 0) {
                    while (nextDue <= now && nextDue < end) {
                        waiting.add(nextDue);
                        nextDue += interval;
                    }
                } else if (now < end) {
                    while (waiting.size() < idle.size()) {
                        waiting.add(now);
                    }
                }
                while (!waiting.isEmpty() && !idle.isEmpty()) {
                    Conn c = idle.poll();
                    c.due = waiting.poll();
                    c.out = request.apply(ids++);
                    c.channel.write(c.out);
                    c.key.interestOps(c.out.hasRemaining() ? java.nio.channels.SelectionKey.OP_WRITE
                            : java.nio.channels.SelectionKey.OP_READ);
                    inFlight++;
                }
                if (now >= end && waiting.isEmpty() && inFlight == 0) {
                    break;
                }
                if (now >= drainUntil) {
                    failed += inFlight + waiting.size();
                    for (Conn c : conns) {
                        if (c.due >= 0) {
                            c.channel.close();
                            c.open();
                            idle.add(c);
                        }
                    }
                    break;
                }
                long waitNanos = perSecond > 0 && nextDue < end ? Math.max(0, nextDue - System.nanoTime()) : 1_000_000;
                if (waitNanos < 50_000) {
                    selector.selectNow();
                } else {
                    selector.select(Math.max(1, waitNanos / 1_000_000));
                }
                var keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    var key = keys.next();
                    keys.remove();
                    Conn c = (Conn) key.attachment();
                    if (c.due < 0) {
                        continue;
                    }
                    if (key.isValid() && key.isWritable()) {
                        c.channel.write(c.out);
                        if (!c.out.hasRemaining()) {
                            key.interestOps(java.nio.channels.SelectionKey.OP_READ);
                        }
                        continue;
                    }
                    int status;
                    try {
                        int n = c.channel.read(c.in);
                        status = n < 0 ? -1 : complete(c.in);
                    } catch (java.io.IOException e) {
                        status = -1;
                    }
                    if (status == 0) {
                        continue;
                    }
                    long latency = System.nanoTime() - c.due;
                    if (status != 202) {
                        failed++;
                    }
                    if (count == latencies.length) {
                        latencies = Arrays.copyOf(latencies, count * 2);
                    }
                    latencies[count++] = latency;
                    if (timeline != null && !warmUp) {
                        int slot = (int) Math.min(timeline.length - 1, Math.max(0, (c.due - t0) / 100_000_000L));
                        timeline[slot] = Math.max(timeline[slot], latency);
                    }
                    inFlight--;
                    if (status < 0) {   // the server closed the connection: open another
                        c.channel.close();
                        c.open();
                    } else {
                        c.in.clear();
                        c.due = -1;
                        key.interestOps(0);
                    }
                    idle.add(c);
                }
            }
            double elapsed = (System.nanoTime() - t0) / 1e9;
            for (int slot = 0; timeline != null && slot < timeline.length; slot++) {
                if (timeline[slot] > 20_000_000L) {
                    System.err.printf("t=+%.1fs slowest=%.1f ms at=%d%n", slot / 10.0, timeline[slot] / 1e6, t0Epoch + slot * 100L);
                }
            }
            long[] sorted = Arrays.copyOf(latencies, count);
            Arrays.sort(sorted);
            return new Result(sorted, failed, elapsed);
        }

        /** The status of the complete answer in {@code in}, 0 while it is incomplete. */
        static int complete(java.nio.ByteBuffer in) {
            byte[] a = in.array();
            int len = in.position();
            int headerEnd = -1;
            for (int i = 3; i < len; i++) {
                if (a[i] == '\n' && a[i - 1] == '\r' && a[i - 2] == '\n' && a[i - 3] == '\r') {
                    headerEnd = i + 1;
                    break;
                }
            }
            if (headerEnd < 0) {
                return 0;
            }
            String headers = new String(a, 0, headerEnd, java.nio.charset.StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
            int status = Integer.parseInt(headers.substring(9, 12));
            int cl = headers.indexOf("content-length:");
            if (cl >= 0) {
                int eol = headers.indexOf('\r', cl);
                int length = Integer.parseInt(headers.substring(cl + 15, eol).trim());
                return len >= headerEnd + length ? status : 0;
            }
            if (headers.contains("transfer-encoding: chunked")) {
                return len >= 5 && a[len - 1] == '\n' && a[len - 2] == '\r' && a[len - 3] == '\n' && a[len - 4] == '\r'
                        && a[len - 5] == '0' ? status : 0;
            }
            return status;
        }
    }

    static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))] / 1e6;
    }
}
