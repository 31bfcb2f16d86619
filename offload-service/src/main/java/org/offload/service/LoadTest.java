package org.offload.service;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

/**
 * Open-loop load on {@code POST /v1/decisions} of a service on this machine (loopback addresses only). Request
 * {@code i} is due at {@code start + i / rate}, whether or not earlier ones have been answered; whichever of the
 * {@code connections} keep-alive connections is free sends it (waiting until it is due). Latency is measured from
 * the <em>due</em> time, not the actual send time, so a stalled server (or a saturated client) shows up in the
 * percentiles instead of silently lowering the offered rate: the correction for coordinated omission. The gap
 * between due and actual send time is recorded separately ("send lag") to show the client's own share.
 *
 * <p>Bounded: at most {@link #MAX_DURATION_S} seconds, {@link #MAX_RATE} requests per second and
 * {@link #MAX_REQUESTS} requests; each socket read times out after 5 s, and the run stops at its deadline.
 */
public final class LoadTest {
    public static final double MAX_DURATION_S = 600;
    public static final double MAX_RATE = 200_000;
    public static final long MAX_REQUESTS = 20_000_000;
    private static final long HIGHEST_NS = 60_000_000_000L;

    /**
     * @param url         service base URL ({@code http://127.0.0.1:8080}); must resolve to loopback addresses only
     * @param ratePerS    offered requests per second
     * @param durationS   measured duration
     * @param warmupS     unmeasured load at the same rate before it
     * @param token       bearer token (device role), or null
     * @param connections keep-alive connections (= sender threads)
     * @param seed        seed of the random tasks
     * @param healthOnly  load {@code GET /healthz} instead of decisions: the HTTP stack's own cost, for comparison
     */
    public record Options(URI url, double ratePerS, double durationS, double warmupS, String token, int connections,
                          long seed, boolean healthOnly) {
        public Options(URI url, double ratePerS, double durationS, double warmupS, String token, int connections,
                       long seed) {
            this(url, ratePerS, durationS, warmupS, token, connections, seed, false);
        }
    }

    /** What a run measured; latencies in nanoseconds. */
    public record Result(Options options, long sent, long ok, Map<Integer, Long> statuses, long ioErrors,
                         double elapsedS, Histogram latency, Histogram sendLag) {
        public long errors() {
            return sent - ok;
        }

        public double achievedRate() {
            return elapsedS > 0 ? sent / elapsedS : 0;
        }
    }

    private LoadTest() {
    }

    /** Checks the options; the message of the exception is for the user (exit code 2). */
    public static void validate(Options o) {
        if (!"http".equals(o.url().getScheme())) {
            throw new IllegalArgumentException("loadtest speaks plain HTTP to a local service; got "
                    + o.url().getScheme() + "://");
        }
        String host = o.url().getHost();
        if (host == null) {
            throw new IllegalArgumentException("no host in " + o.url());
        }
        if (!loopbackOnly(host)) {
            throw new IllegalArgumentException("refusing to load " + host + ": loadtest only targets this machine "
                    + "(loopback addresses such as 127.0.0.1, localhost, [::1])");
        }
        if (!(o.ratePerS() > 0 && o.ratePerS() <= MAX_RATE)) {
            throw new IllegalArgumentException("--rate must be in (0, " + (long) MAX_RATE + "], got " + o.ratePerS());
        }
        if (!(o.durationS() > 0 && o.durationS() + o.warmupS() <= MAX_DURATION_S) || o.warmupS() < 0) {
            throw new IllegalArgumentException("--duration must be > 0 and, with --warmup, at most "
                    + (long) MAX_DURATION_S + " s");
        }
        if ((o.durationS() + o.warmupS()) * o.ratePerS() > MAX_REQUESTS) {
            throw new IllegalArgumentException("rate x (duration + warmup) is more than " + MAX_REQUESTS + " requests");
        }
        if (o.connections() < 1 || o.connections() > 256) {
            throw new IllegalArgumentException("--connections must be in 1..256, got " + o.connections());
        }
    }

    /** True when {@code host} resolves, and only to loopback addresses. */
    public static boolean loopbackOnly(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            InetAddress[] all = InetAddress.getAllByName(h);
            for (InetAddress a : all) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return all.length > 0;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Runs the load and returns what it measured. */
    public static Result run(Options o) throws IOException {
        return run(o, List.of());
    }

    /**
     * Runs the load spread over {@code o.url()} and {@code others} (replicas of one service): connection i goes to
     * URL i mod n, and all connections take their requests from one schedule, so each replica gets about 1/n.
     */
    public static Result run(Options o, List<URI> others) throws IOException {
        validate(o);
        List<URI> urls = new ArrayList<>();
        urls.add(o.url());
        for (URI other : others) {
            Options check = new Options(other, o.ratePerS(), o.durationS(), o.warmupS(), o.token(), o.connections(),
                    o.seed(), o.healthOnly());
            validate(check);
            urls.add(other);
        }
        InetSocketAddress[] addrs = new InetSocketAddress[urls.size()];
        List<List<byte[]>> perUrl = new ArrayList<>();
        for (int i = 0; i < addrs.length; i++) {
            URI u = urls.get(i);
            String host = u.getHost().startsWith("[") ? u.getHost().substring(1, u.getHost().length() - 1)
                    : u.getHost();
            addrs[i] = new InetSocketAddress(InetAddress.getByName(host), u.getPort() < 0 ? 80 : u.getPort());
            perUrl.add(requests(o, addrs[i], u));
        }

        long warmup = Math.round(o.warmupS() * o.ratePerS());
        long total = warmup + Math.round(o.durationS() * o.ratePerS());
        double intervalNs = 1e9 / o.ratePerS();
        long start = System.nanoTime() + 20_000_000;
        long deadline = start + Math.round((o.warmupS() + o.durationS()) * 1e9) + 10_000_000_000L;
        AtomicLong next = new AtomicLong();
        Worker[] workers = new Worker[o.connections()];
        Thread[] threads = new Thread[workers.length];
        for (int i = 0; i < workers.length; i++) {
            int k = i % addrs.length;
            workers[i] = new Worker(addrs[k], perUrl.get(k), next, total, warmup, start, intervalNs, deadline);
            threads[i] = new Thread(workers[i], "loadtest-" + i);
            threads[i].setDaemon(true);
            threads[i].start();
        }
        for (Thread t : threads) {
            try {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000 + 6_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        long end = System.nanoTime();
        Histogram lat = new Histogram(HIGHEST_NS, 3);
        Histogram lag = new Histogram(HIGHEST_NS, 3);
        long sent = 0;
        long ok = 0;
        long io = 0;
        long lastDone = start;
        Map<Integer, Long> statuses = new TreeMap<>();
        for (Worker w : workers) {
            w.stop = true;
            lat.add(w.latency);
            lag.add(w.lag);
            sent += w.sent;
            ok += w.ok;
            io += w.ioErrors;
            lastDone = Math.max(lastDone, w.lastDone);
            w.statuses.forEach((k, v) -> statuses.merge(k, v, Long::sum));
            w.close();
        }
        long measuredStart = start + Math.round(warmup * intervalNs);
        double elapsed = Math.max(1e-9, (Math.max(lastDone, measuredStart) - measuredStart) / 1e9);
        if (end - measuredStart < elapsed * 1e9) {
            elapsed = (end - measuredStart) / 1e9;
        }
        return new Result(o, sent, ok, statuses, io, elapsed, lat, lag);
    }

    /**
     * Runs the load while {@code slow} slow clients hold connections (opened first, kept open throughout), and
     * prints what happened to both on {@code out}.
     */
    public static Result runUnderSlowClients(Options o, SlowClients.Options slow, PrintWriter out) throws IOException {
        validate(o);
        try (SlowClients attack = SlowClients.start(slow)) {
            long t0 = System.nanoTime();
            int open = attack.awaitOpen(60);
            out.printf(Locale.ROOT, "slow clients  %d of %d connections open after %.1f s (from %s, %d address%s)%n",
                    open, slow.stalledBodies() + slow.drippingHeaders(), (System.nanoTime() - t0) / 1e9,
                    slow.from() == null ? "any address" : slow.from().getHostAddress(), slow.addresses(),
                    slow.addresses() == 1 ? "" : "es");
            Result r = run(o);
            SlowClients.print(attack.stats(), out);
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Request bytes for a few hundred random tasks of the service's scenario (asked from /v1/policies). */
    private static List<byte[]> requests(Options o, InetSocketAddress addr, URI u) throws IOException {
        String hostHeader = u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
        if (o.healthOnly()) {
            return List.of(("GET /healthz HTTP/1.1\r\nHost: " + hostHeader + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        }
        String auth = o.token() == null ? "" : "Authorization: Bearer " + o.token() + "\r\n";
        Bodies.ScenarioInfo scenario;
        try (Socket s = new Socket()) {
            s.connect(addr, 5000);
            s.setSoTimeout(5000);
            String get = "GET /v1/policies HTTP/1.1\r\nHost: " + hostHeader + "\r\n" + auth + "Connection: close\r\n\r\n";
            s.getOutputStream().write(get.getBytes(StandardCharsets.US_ASCII));
            Response r = Response.read(new BufferedInputStream(s.getInputStream()));
            if (r.status != 200) {
                throw new IOException("GET /v1/policies answered " + r.status + ": "
                        + new String(r.body, StandardCharsets.UTF_8));
            }
            scenario = Bodies.read(r.body, Bodies.PoliciesAnswer.class).scenario();
        }
        List<String> apps = scenario.applications();
        int devices = scenario.devices();
        SplittableRandom rnd = new SplittableRandom(o.seed());
        List<byte[]> out = new ArrayList<>();

        for (int i = 0; i < 256; i++) {
            String body = new String(Bodies.bytes(new Bodies.DecisionRequest(null, apps.get(rnd.nextInt(apps.size())),
                    rnd.nextInt(devices), null, null, null, null, null, null, null, null)), StandardCharsets.UTF_8);
            String req = "POST /v1/decisions HTTP/1.1\r\nHost: " + hostHeader + "\r\n" + auth
                    + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
            out.add(req.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    private static final class Worker implements Runnable {
        final InetSocketAddress addr;
        final List<byte[]> requests;
        final AtomicLong next;
        final long total;
        final long warmup;
        final long start;
        final double intervalNs;
        final long deadline;
        final Histogram latency = new Histogram(HIGHEST_NS, 3);
        final Histogram lag = new Histogram(HIGHEST_NS, 3);
        final Map<Integer, Long> statuses = new TreeMap<>();
        volatile boolean stop;
        long sent;
        long ok;
        long ioErrors;
        long lastDone;
        Socket socket;
        OutputStream out;
        BufferedInputStream in;

        Worker(InetSocketAddress addr, List<byte[]> requests, AtomicLong next, long total, long warmup, long start,
               double intervalNs, long deadline) {
            this.addr = addr;
            this.requests = requests;
            this.next = next;
            this.total = total;
            this.warmup = warmup;
            this.start = start;
            this.intervalNs = intervalNs;
            this.deadline = deadline;
        }

        @Override
        public void run() {
            while (!stop) {
                long i = next.getAndIncrement();
                if (i >= total) {
                    return;
                }
                long due = start + Math.round(i * intervalNs);
                long now;
                while ((now = System.nanoTime()) < due) {
                    LockSupport.parkNanos(due - now);
                }
                if (now > deadline) {
                    return;
                }
                int status;
                try {
                    status = exchange(requests.get((int) (i % requests.size())));
                } catch (IOException e) {
                    status = -1;
                    close();
                }
                long done = System.nanoTime();
                if (i < warmup) {
                    continue;
                }
                lastDone = done;
                sent++;
                if (status >= 200 && status < 300) {
                    ok++;
                } else if (status < 0) {
                    ioErrors++;
                }
                if (status >= 0) {
                    statuses.merge(status, 1L, Long::sum);
                }
                latency.recordValue(Math.min(HIGHEST_NS, Math.max(0, done - due)));
                lag.recordValue(Math.min(HIGHEST_NS, Math.max(0, now - due)));
            }
        }

        private int exchange(byte[] request) throws IOException {
            if (socket == null) {
                socket = new Socket();
                socket.setTcpNoDelay(true);
                socket.connect(addr, 5000);
                socket.setSoTimeout(5000);
                out = socket.getOutputStream();
                in = new BufferedInputStream(socket.getInputStream(), 8192);
            }
            out.write(request);
            out.flush();
            Response r = Response.read(in);
            if (r.close) {
                close();
            }
            return r.status;
        }

        void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
                socket = null;
            }
        }
    }

    /** A minimal HTTP/1.1 response reader: status, Content-Length or chunked body, Connection: close. */
    static final class Response {
        int status;
        byte[] body;
        boolean close;

        static Response read(InputStream in) throws IOException {
            Response r = new Response();
            String statusLine = line(in);
            if (statusLine == null || !statusLine.startsWith("HTTP/1.")) {
                throw new IOException("bad status line: " + statusLine);
            }
            r.status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
                int c = h.indexOf(':');
                if (c < 0) {
                    continue;
                }
                String name = h.substring(0, c).trim().toLowerCase(Locale.ROOT);
                String value = h.substring(c + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> r.close = value.equalsIgnoreCase("close");
                    default -> {
                    }
                }
            }
            if (chunked) {
                java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
                while (true) {
                    String size = line(in);
                    if (size == null) {
                        throw new IOException("truncated chunked body");
                    }
                    int semi = size.indexOf(';');
                    int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                    if (n == 0) {
                        for (String t = line(in); t != null && !t.isEmpty(); t = line(in)) {
                            // trailers
                        }
                        break;
                    }
                    body.write(in.readNBytes(n));
                    line(in);
                }
                r.body = body.toByteArray();
            } else if (length >= 0) {
                if (length > 16 * 1024 * 1024) {
                    throw new IOException("response too large: " + length);
                }
                r.body = in.readNBytes((int) length);
                if (r.body.length < length) {
                    throw new IOException("truncated body");
                }
            } else {
                r.body = in.readAllBytes();
                r.close = true;
            }
            return r;
        }

        private static String line(InputStream in) throws IOException {
            StringBuilder sb = new StringBuilder(64);
            int c;
            while ((c = in.read()) >= 0) {
                if (c == '\n') {
                    int n = sb.length();
                    if (n > 0 && sb.charAt(n - 1) == '\r') {
                        sb.setLength(n - 1);
                    }
                    return sb.toString();
                }
                if (sb.length() > 16 * 1024) {
                    throw new IOException("header line too long");
                }
                sb.append((char) c);
            }
            return sb.length() == 0 ? null : sb.toString();
        }
    }

    /** The report {@code offload loadtest} prints. */
    public static void print(Result r, PrintWriter out) {
        Options o = r.options();
        out.printf(Locale.ROOT, "loadtest %s%s: %s req/s for %s s (after %s s warm-up), %d connections%n",
                o.url(), o.healthOnly() ? "/healthz" : "/v1/decisions", num(o.ratePerS()), num(o.durationS()),
                num(o.warmupS()), o.connections());
        out.println("open loop; latency measured from each request's due time (coordinated omission corrected)");
        out.printf(Locale.ROOT, "requests   %d sent, %d ok, %d errors (%d I/O)%s%n", r.sent(), r.ok(), r.errors(),
                r.ioErrors(), statusText(r.statuses()));
        out.printf(Locale.ROOT, "rate       achieved %.1f req/s (offered %s)%n", r.achievedRate(), num(o.ratePerS()));
        Histogram h = r.latency();
        if (h.getTotalCount() > 0) {
            out.printf(Locale.ROOT, "latency    p50 %s  p90 %s  p99 %s  p99.9 %s  max %s%n", ms(h.getValueAtPercentile(50)),
                    ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)),
                    ms(h.getMaxValue()));
            Histogram l = r.sendLag();
            out.printf(Locale.ROOT, "send lag   p50 %s  p99 %s  max %s (due -> sent; the client's own share)%n",
                    ms(l.getValueAtPercentile(50)), ms(l.getValueAtPercentile(99)), ms(l.getMaxValue()));
        }
    }

    private static String statusText(Map<Integer, Long> statuses) {
        if (statuses.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("; status");
        statuses.forEach((k, v) -> sb.append(' ').append(k).append(':').append(v));
        return sb.toString();
    }

    static String ms(long ns) {
        return String.format(Locale.ROOT, "%.3f ms", ns / 1e6);
    }

    private static String num(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
