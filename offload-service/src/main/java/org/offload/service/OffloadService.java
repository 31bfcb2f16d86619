package org.offload.service;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.server.HttpChannel;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.offload.model.Tier;
import org.offload.policy.builtin.BuiltInPolicies;
import org.offload.scenario.Scenario;

/**
 * The decision service over HTTP (Javalin on Jetty): policies answer {@code POST /v1/decisions} against the
 * telemetry-fed state, under the placement constraints; see {@code docs/service.md} for the API.
 *
 * <pre>
 * POST /v1/decisions   device   a task  -> a decision (tier, node, estimates, explanation, stale telemetry)
 * POST /v1/telemetry   device   VM, link and device reports
 * GET  /v1/policies    device or admin   the policies, the active one, the scenario's nodes
 * PUT  /v1/policy      admin    {"policy": NAME, "model": PATH?}: swap the active policy without a restart
 * GET  /healthz        public   liveness
 * GET  /readyz         public   readiness (503 while shutting down)
 * GET  /metrics        public   Prometheus text
 * </pre>
 *
 * Build with {@link #builder}, {@link Builder#start start}, {@link #stop} (graceful: in-flight requests complete
 * within the configured grace, new ones get 503).
 */
public final class OffloadService implements AutoCloseable {
    private static final JsonFactory JSON = new JsonFactory();
    private static final String JSON_TYPE = "application/json";
    /** After in-flight handlers finished: how long Jetty may take to flush the last responses on stop. */
    private static final long STOP_FLUSH_MS = 200;

    static {
        // Jetty and Javalin log through SLF4J; keep them to warnings unless the user configured otherwise.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        // Jetty warns about every malformed request (oversized headers...): clients' errors, answered with 4xx.
        if (System.getProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty.http.HttpParser") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty.http.HttpParser", "error");
        }
    }

    private final ServiceConfig config;
    private final DecisionEngine engine;
    private final Tokens tokens;
    private final RateLimiter limiter;
    private final AuditLog audit;
    private final Metrics metrics = new Metrics();
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Counts dispatched requests until their responses are complete; lets the last responses out on stop. */
    private final Completion completion = new Completion();

    /** Jetty listener: a request counts from dispatch to the end of its exchange (response fully sent). */
    private static final class Completion implements HttpChannel.Listener {
        private static final String COUNTED = "org.offload.service.counted";
        final AtomicInteger active = new AtomicInteger();

        @Override
        public void onBeforeDispatch(Request request) {
            request.setAttribute(COUNTED, Boolean.TRUE);
            active.incrementAndGet();
        }

        @Override
        public void onComplete(Request request) {
            if (request.getAttribute(COUNTED) != null) {
                active.decrementAndGet();
            }
        }
    }
    private final LongSupplier nanos;
    private volatile boolean draining;
    private volatile boolean stopped;
    private Javalin app;

    /** Options for one service; the configuration and scenario are required. */
    public static final class Builder {
        private final ServiceConfig config;
        private final Scenario scenario;
        private PolicyCatalog catalog;
        private Tokens tokens;
        private boolean noAuth;
        private ServiceClock clock = ServiceClock.system();
        private LongSupplier nanos = System::nanoTime;

        private Builder(ServiceConfig config, Scenario scenario) {
            this.config = Objects.requireNonNull(config, "config");
            this.scenario = Objects.requireNonNull(scenario, "scenario");
        }

        /** Policies to offer (default: the built-in registry, no model loaders). */
        public Builder catalog(PolicyCatalog c) {
            this.catalog = c;
            return this;
        }

        /** Bearer tokens (required unless {@link #noAuth}). */
        public Builder tokens(Tokens t) {
            this.tokens = t;
            return this;
        }

        /** Serve without authentication: every caller has every role. Only allowed on a loopback address. */
        public Builder noAuth(boolean b) {
            this.noAuth = b;
            return this;
        }

        /** Clock for {@code now()} and telemetry ages (tests pin it). */
        public Builder clock(ServiceClock c) {
            this.clock = c;
            return this;
        }

        /** Nanosecond time source for rate limiting (tests). */
        public Builder nanos(LongSupplier n) {
            this.nanos = n;
            return this;
        }

        /** Builds the engine (policy, state) and starts listening. */
        public OffloadService start() {
            if (tokens == null && !noAuth) {
                throw new IllegalArgumentException("no tokens configured: give a tokens file (auth.tokens_file, "
                        + "--tokens) or the OFFLOAD_TOKENS environment variable, or run without authentication on "
                        + "a loopback address (--no-auth)");
            }
            if (noAuth && !isLoopback(config.host())) {
                throw new IllegalArgumentException("--no-auth is only allowed on a loopback address, not "
                        + config.host());
            }
            OffloadService s = new OffloadService(this);
            s.startServer();
            return s;
        }
    }

    public static Builder builder(ServiceConfig config, Scenario scenario) {
        return new Builder(config, scenario);
    }

    private OffloadService(Builder b) {
        this.config = b.config;
        this.tokens = b.noAuth ? null : b.tokens;
        this.nanos = b.nanos;
        PolicyCatalog catalog = b.catalog != null ? b.catalog : new PolicyCatalog(BuiltInPolicies.registry());
        this.engine = new DecisionEngine(b.scenario, catalog, config.constraints(), config.telemetryMaxAgeS(), b.clock,
                config.policy(), config.model());
        this.limiter = new RateLimiter(config.ratePerS(), config.rateBurst(), nanos);
        if (config.tls() != null) {
            checkKeystore(config.tls());
        }
        this.audit = new AuditLog(config.auditFile(), config.auditDecisions());
    }

    static boolean isLoopback(String host) {
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static void checkKeystore(ServiceConfig.Tls tls) {
        try (InputStream in = java.nio.file.Files.newInputStream(tls.keystore())) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, tls.password().toCharArray());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot open the TLS keystore " + tls.keystore() + ": " + e.getMessage(), e);
        }
    }

    private void startServer() {
        app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.startupWatcherEnabled = false;
            cfg.http.maxRequestSize = config.maxBodyBytes();
            cfg.http.prefer405over404 = true;
            cfg.http.disableCompression();
            cfg.jetty.threadPool = new QueuedThreadPool(64, 4, 60_000);
            ServiceConfig.Tls tls = config.tls();
            cfg.jetty.addConnector((server, http) -> {
                ServerConnector c;
                if (tls != null) {
                    SslContextFactory.Server ssl = new SslContextFactory.Server();
                    ssl.setKeyStorePath(tls.keystore().toAbsolutePath().toString());
                    ssl.setKeyStorePassword(tls.password());
                    ssl.setKeyStoreType("PKCS12");
                    http.addCustomizer(new SecureRequestCustomizer(false));
                    c = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                            new HttpConnectionFactory(http));
                } else {
                    c = new ServerConnector(server, new HttpConnectionFactory(http));
                }
                // From a request's headers to its answer (idle keep-alive connections keep the connector's 30 s):
                // a body that pauses this long fails its read with a timeout, answered 408.
                http.setIdleTimeout(Math.round(config.bodyTimeoutS() * 1000));
                c.setHost(config.host());
                c.setPort(config.port());
                c.addBean(completion);
                return c;
            });
            cfg.router.mount(r -> {
                r.post("/v1/decisions", route(Metrics.DECISIONS, Tokens.Role.DEVICE, true, this::decisions));
                r.post("/v1/telemetry", route(Metrics.TELEMETRY, Tokens.Role.DEVICE, true, this::telemetry));
                r.get("/v1/policies", route(Metrics.POLICIES, null, false, this::policies));
                r.put("/v1/policy", route(Metrics.POLICY, Tokens.Role.ADMIN, true, this::policy));
                r.get(ServiceConfig.LIVENESS_PATH, route(Metrics.HEALTHZ, PUBLIC, false, this::healthz));
                r.get(ServiceConfig.READINESS_PATH, route(Metrics.READYZ, PUBLIC, false, this::readyz));
                r.get("/metrics", route(Metrics.METRICS, PUBLIC, false, this::metrics));
                r.error(404, ctx -> {
                    metrics.request(Metrics.OTHER, 404, 0);
                    error(ctx, 404, null, "no such endpoint: " + ctx.method() + " " + clip(ctx.path()));
                });
                r.error(405, ctx -> {
                    metrics.request(Metrics.OTHER, 405, 0);
                    error(ctx, 405, null, "method " + ctx.method() + " not allowed on " + clip(ctx.path()));
                });
            });
        });
        app.start(config.host(), config.port());
        audit.write("service_start", AuditLog.fields("policy", engine.active().name(),
                "model", engine.active().model() == null ? null : engine.active().model().toString(),
                "scenario", engine.scenario().name(), "address", baseUrl()));
    }

    private static String clip(String s) {
        return s.length() > 100 ? s.substring(0, 100) + "..." : s;
    }

    /** Marker role: no authentication at all (health, readiness, metrics). */
    private static final Tokens.Role PUBLIC = null;

    @FunctionalInterface
    private interface Body {
        /** Handles the request; returns the status written. */
        int handle(Context ctx, Tokens.Identity who, byte[] body) throws Exception;
    }

    private static final Tokens.Identity ANONYMOUS = new Tokens.Identity("anonymous",
            java.util.EnumSet.allOf(Tokens.Role.class));

    /**
     * Wraps an endpoint: in-flight accounting, draining, authentication ({@code role} null with
     * {@code authenticated} false = public; null with authenticated = any valid token), rate limit, body limit,
     * errors as JSON, metrics. A body is read asynchronously ({@link BodyReader}), so a slow or stalled client holds
     * no thread; the endpoint runs once the body is complete.
     */
    private Handler route(int endpoint, Tokens.Role role, boolean readBody, Body body) {
        boolean auth = role != null || endpoint == Metrics.POLICIES;
        return ctx -> {
            long t0 = nanos.getAsLong();
            long deadline = System.nanoTime() + Math.round(config.bodyTimeoutS() * 1e9);
            inFlight.incrementAndGet();
            Tokens.Identity caller = null;
            long length;
            try {
                refuseWhileDraining(ctx, endpoint);
                caller = auth ? authenticate(ctx, endpoint, role) : ANONYMOUS;
                rateLimit(ctx, caller, auth);
                length = readBody ? checkBody(ctx) : 0;
            } catch (Exception e) {
                answer(ctx, endpoint, caller, t0, e, null);
                return;
            }
            Tokens.Identity who = caller;
            if (!readBody) {
                answer(ctx, endpoint, who, t0, null, () -> body.handle(ctx, who, null));
                return;
            }
            ctx.future(() -> {
                try {
                    BodyReader r = new BodyReader(ctx.req().getInputStream(), length, config.maxBodyBytes(),
                            deadline, config.bodyTimeoutS());
                    r.in.setReadListener(r);
                    return r.done.handle((bytes, failure) -> {
                        answer(ctx, endpoint, who, t0, failure, () -> body.handle(ctx, who, bytes));
                        return null;
                    });
                } catch (Exception e) {
                    answer(ctx, endpoint, who, t0, e, null);
                    return CompletableFuture.completedFuture(null);
                }
            });
        };
    }

    /**
     * Answers one request, once: runs {@code work} unless {@code failure} (reading the body, admitting the request)
     * already decided the answer; errors become JSON (4xx for the client's, 500 for ours); then the accounting. A
     * failed policy change by an authenticated caller ({@code who} not null) is audited here, whatever failed.
     */
    private void answer(Context ctx, int endpoint, Tokens.Identity who, long t0, Throwable failure,
                        Callable<Integer> work) {
        int status;
        String field = null;
        String message = null;
        try {
            if (failure != null) {
                throw failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                        : failure;
            }
            status = work.call();
        } catch (BadRequestException e) {
            status = e.status();
            field = e.field();
            message = e.getMessage();
        } catch (Throwable e) {
            status = 500;
            message = "internal error: " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : clip(e.getMessage()));
        }
        try {
            if (message != null) {
                if (endpoint == Metrics.POLICY && who != null) { // before the answer, so the log follows the calls
                    audit.write("policy_change", AuditLog.fields("result", "failed", "status", status,
                            "actor", who.name(), "remote", ctx.ip(), "from", engine.active().name(),
                            "error", clip(message)));
                }
                if (status == 408 || status == 413) {
                    ctx.header("Connection", "close"); // the rest of the body is not read
                }
                error(ctx, status, field, message);
            }
        } finally {
            inFlight.decrementAndGet();
            metrics.request(endpoint, status, nanos.getAsLong() - t0);
        }
    }

    private void refuseWhileDraining(Context ctx, int endpoint) {
        if (draining && endpoint != Metrics.HEALTHZ && endpoint != Metrics.READYZ && endpoint != Metrics.METRICS) {
            ctx.header("Connection", "close");
            throw new BadRequestException(503, null, "the service is shutting down");
        }
    }

    private void rateLimit(Context ctx, Tokens.Identity who, boolean auth) {
        if (auth && !limiter.tryAcquire(who.name())) {
            ctx.header("Retry-After", "1");
            throw new BadRequestException(429, null, "rate limit exceeded for '" + who.name() + "' ("
                    + fmtRate(config.ratePerS()) + " requests/s, burst " + fmtRate(config.rateBurst()) + ")");
        }
    }

    private static String fmtRate(double r) {
        return r == Math.rint(r) ? Long.toString((long) r) : Double.toString(r);
    }

    private Tokens.Identity authenticate(Context ctx, int endpoint, Tokens.Role role) {
        if (tokens == null) {
            return ANONYMOUS;
        }
        String h = ctx.header("Authorization");
        if (h == null || h.isBlank()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"offload\"");
            denied(endpoint, ctx, null, 401);
            throw new BadRequestException(401, null, "missing bearer token (Authorization: Bearer TOKEN)");
        }
        String token = null;
        if (h.length() > 7 && h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = h.substring(7).strip();
        }
        Tokens.Identity who = token == null ? null : tokens.authenticate(token);
        if (who == null) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"offload\", error=\"invalid_token\"");
            denied(endpoint, ctx, null, 401);
            throw new BadRequestException(401, null, "invalid bearer token");
        }
        if (role != null && !who.has(role)) {
            denied(endpoint, ctx, who, 403);
            throw new BadRequestException(403, null, "token '" + who.name() + "' lacks the " + role.key()
                    + " role this endpoint needs");
        }
        return who;
    }

    /** Audits refused calls to admin endpoints (never the token itself). */
    private void denied(int endpoint, Context ctx, Tokens.Identity who, int status) {
        if (endpoint == Metrics.POLICY) {
            audit.write("policy_change", AuditLog.fields("result", "denied", "status", status,
                    "actor", who == null ? null : who.name(), "remote", ctx.ip()));
        }
    }

    /** Checks a body's headers before it is read: the content type (415), a declared length over the limit (413). */
    private long checkBody(Context ctx) {
        String ct = ctx.req().getContentType();
        if (ct == null || !ct.toLowerCase(Locale.ROOT).startsWith(JSON_TYPE)) {
            throw new BadRequestException(415, null, "Content-Type must be " + JSON_TYPE + ", got "
                    + (ct == null ? "none" : clip(ct)));
        }
        int max = config.maxBodyBytes();
        long length = ctx.req().getContentLengthLong();
        if (length > max) {
            ctx.header("Connection", "close");
            throw new BadRequestException(413, null, "body of " + length + " bytes exceeds the limit of " + max);
        }
        return length;
    }

    /**
     * Collects a request body as it arrives, on Jetty's callbacks ({@link ReadListener}), so no thread waits for a
     * slow client. {@link #done} completes with the body, or with a {@link BadRequestException}: 413 beyond the
     * limit (chunked bodies), 408 when the body pauses for the body timeout (Jetty's per-request idle timeout) or is
     * still incomplete when data arrives after the deadline, 400 when the client ends it early.
     */
    private static final class BodyReader implements ReadListener {
        final ServletInputStream in;
        final CompletableFuture<byte[]> done = new CompletableFuture<>();
        private final long length;
        private final int max;
        private final long deadline;
        private final double timeoutS;
        private byte[] buf;
        private int n;

        BodyReader(ServletInputStream in, long length, int max, long deadline, double timeoutS) {
            this.in = in;
            this.length = length;
            this.max = max;
            this.deadline = deadline;
            this.timeoutS = timeoutS;
            // Known length: one exact buffer (and a byte to see the end); chunked: grows up to max + 1.
            this.buf = new byte[length >= 0 ? (int) length + 1 : Math.min(max + 1, 1024)];
        }

        @Override
        public void onDataAvailable() throws IOException {
            while (!done.isDone() && in.isReady()) {
                if (n == buf.length) {
                    buf = Arrays.copyOf(buf, Math.min(max + 1, 2 * buf.length));
                }
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) {
                    return; // onAllDataRead follows
                }
                n += r;
                if (n > max) {
                    done.completeExceptionally(new BadRequestException(413, null, "body exceeds the limit of "
                            + max + " bytes"));
                }
            }
            if (System.nanoTime() - deadline > 0) {
                done.completeExceptionally(timeout());
            }
        }

        @Override
        public void onAllDataRead() {
            if (length >= 0 && n < length) {
                done.completeExceptionally(new BadRequestException(null, "body shorter than its Content-Length"));
            } else {
                done.complete(Arrays.copyOf(buf, n));
            }
        }

        @Override
        public void onError(Throwable t) {
            for (Throwable c = t; c != null; c = c.getCause()) {
                if (c instanceof TimeoutException) {
                    done.completeExceptionally(timeout());
                    return;
                }
                if (c instanceof BadMessageException b && b.getCode() >= 400 && b.getCode() < 500) {
                    done.completeExceptionally(new BadRequestException(b.getCode(), null, "malformed body: "
                            + clip(String.valueOf(b.getReason()))));
                    return;
                }
            }
            done.completeExceptionally(new BadRequestException(null, "body incomplete: the client ended it before "
                    + (length >= 0 ? "its Content-Length" : "its last chunk")));
        }

        private BadRequestException timeout() {
            return new BadRequestException(408, null, "request body not received within " + Num.fixed(timeoutS, 1)
                    + " s (limits.body_timeout_s)");
        }
    }

    // ------------------------------------------------------------------ endpoints

    private int decisions(Context ctx, Tokens.Identity who, byte[] body) throws IOException {
        JsonNode n = Fields.parse(body);
        DecisionEngine.Answer a = engine.decide(n);
        metrics.decision(a);
        if (audit.decisions()) {
            audit.write("decision", AuditLog.fields("actor", who.name(), "remote", ctx.ip(), "task_id", a.taskId(),
                    "outcome", a.outcome(), "node", a.node(), "policy", a.policy(), "violation", a.violation()));
        }
        ByteArrayBuilder out = new ByteArrayBuilder(512);
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            writeAnswer(g, a, config.telemetryMaxAgeS());
        }
        return json(ctx, 200, out.toByteArray());
    }

    static void writeAnswer(JsonGenerator g, DecisionEngine.Answer a, double maxAgeS) throws IOException {
        g.writeStartObject();
        g.writeNumberField("task_id", a.taskId());
        g.writeStringField("outcome", a.outcome());
        if (a.placed()) {
            g.writeStringField("tier", a.tier().key());
            g.writeStringField("node", a.node());
            if (a.tier() != Tier.LOCAL) {
                g.writeNumberField("vm", a.vm());
                if (a.site() >= 0) {
                    g.writeNumberField("site", a.site());
                }
            }
            g.writeObjectFieldStart("estimates");
            number(g, "latency_s", a.latencyS());
            number(g, "energy_j", a.energyJ());
            g.writeEndObject();
        }
        g.writeStringField("policy", a.policy());
        g.writeStringField("explanation", a.explanation());
        if (a.violation() != null) {
            g.writeObjectFieldStart("constraint");
            g.writeStringField("policy_choice", a.policyChoice());
            g.writeStringField("violation", a.violation());
            g.writeEndObject();
        }
        if (a.reason() != null) {
            g.writeStringField("reason", a.reason());
        }
        if (a.placed()) {
            g.writeObjectFieldStart("telemetry");
            g.writeBooleanField("fresh", a.stale().isEmpty());
            g.writeNumberField("max_age_s", maxAgeS);
            g.writeArrayFieldStart("stale");
            for (String s : a.stale()) {
                g.writeString(s);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void number(JsonGenerator g, String name, double v) throws IOException {
        if (Double.isFinite(v)) {
            g.writeNumberField(name, v);
        } else {
            g.writeNullField(name);
        }
    }

    private int telemetry(Context ctx, Tokens.Identity who, byte[] body) throws IOException {
        Telemetry t = engine.requests().telemetry(Fields.parse(body));
        engine.apply(t);
        ByteArrayBuilder out = new ByteArrayBuilder(128);
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeObjectFieldStart("accepted");
            g.writeNumberField("vms", t.vms().size());
            g.writeNumberField("links", t.links().size());
            g.writeNumberField("devices", t.devices().size());
            g.writeEndObject();
            g.writeNumberField("max_age_s", config.telemetryMaxAgeS());
            g.writeEndObject();
        }
        return json(ctx, 200, out.toByteArray());
    }

    private int policies(Context ctx, Tokens.Identity who, byte[] body) throws IOException {
        Scenario s = engine.scenario();
        DecisionEngine.Active a = engine.active();
        ByteArrayBuilder out = new ByteArrayBuilder(2048);
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeObjectFieldStart("active");
            g.writeStringField("name", a.name());
            g.writeStringField("model", a.model() == null ? null : a.model().toString());
            g.writeStringField("description", a.description());
            g.writeEndObject();
            g.writeArrayFieldStart("policies");
            for (PolicyCatalog.Info i : engine.catalog().list()) {
                g.writeStartObject();
                g.writeStringField("name", i.name());
                g.writeStringField("description", i.description());
                g.writeBooleanField("takes_model", i.takesModel());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("scenario");
            g.writeStringField("name", s.name());
            g.writeArrayFieldStart("applications");
            for (String n : s.applicationNames()) {
                g.writeString(n);
            }
            g.writeEndArray();
            g.writeNumberField("devices", s.devices().count());
            g.writeNumberField("sites", s.edge().sites());
            g.writeNumberField("edge_vms_per_site", s.edge().hostsPerSite() * s.edge().vmsPerHost());
            g.writeNumberField("cloud_vms", s.cloud().vmCount());
            g.writeBooleanField("devices_compute", s.devices().canComputeLocally());
            g.writeEndObject();
            g.writeArrayFieldStart("data_classes");
            for (Constraints.DataClass dc : engine.constraints().dataClasses().values()) {
                g.writeString(dc.name());
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return json(ctx, 200, out.toByteArray());
    }

    private int policy(Context ctx, Tokens.Identity who, byte[] body) throws IOException {
        Requests.PolicyChange change;
        try {
            change = engine.requests().policyChange(Fields.parse(body));
        } catch (InvalidPathException e) {
            throw new BadRequestException("model", "model: not a valid path");
        }
        DecisionEngine.Active old = engine.active();
        DecisionEngine.Active now;
        try {
            engine.setPolicy(change.policy(), change.model());
            now = engine.active();
        } catch (IllegalArgumentException e) {
            String field = engine.catalog().contains(change.policy()) ? "model" : "policy";
            audit.write("policy_change", AuditLog.fields("result", "failed", "status", 400, "actor", who.name(),
                    "remote", ctx.ip(), "from", old.name(), "to", change.policy(),
                    "model", change.model() == null ? null : change.model().toString(), "error", e.getMessage()));
            error(ctx, 400, field, field + ": " + e.getMessage()); // answered here: audited with the details above
            return 400;
        }
        metrics.policyChanged();
        audit.write("policy_change", AuditLog.fields("result", "ok", "status", 200, "actor", who.name(),
                "remote", ctx.ip(), "from", old.name(),
                "from_model", old.model() == null ? null : old.model().toString(), "to", now.name(),
                "model", now.model() == null ? null : now.model().toString()));
        ByteArrayBuilder out = new ByteArrayBuilder(256);
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeObjectFieldStart("previous");
            g.writeStringField("name", old.name());
            g.writeStringField("model", old.model() == null ? null : old.model().toString());
            g.writeEndObject();
            g.writeObjectFieldStart("active");
            g.writeStringField("name", now.name());
            g.writeStringField("model", now.model() == null ? null : now.model().toString());
            g.writeEndObject();
            g.writeEndObject();
        }
        return json(ctx, 200, out.toByteArray());
    }

    private int healthz(Context ctx, Tokens.Identity who, byte[] body) {
        return json(ctx, 200, "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8));
    }

    private int readyz(Context ctx, Tokens.Identity who, byte[] body) {
        if (draining) {
            return json(ctx, 503, "{\"status\":\"shutting down\"}".getBytes(StandardCharsets.UTF_8));
        }
        String s = "{\"status\":\"ready\",\"policy\":" + quote(engine.active().name()) + ",\"stale_nodes\":"
                + engine.staleNodes() + "}";
        return json(ctx, 200, s.getBytes(StandardCharsets.UTF_8));
    }

    private int metrics(Context ctx, Tokens.Identity who, byte[] body) {
        String text = metrics.render(engine.active().name(), engine.staleNodes(), inFlight.get(), !draining);
        ctx.status(200).contentType("text/plain; version=0.0.4; charset=utf-8").result(text);
        return 200;
    }

    private static String quote(String s) {
        ByteArrayBuilder out = new ByteArrayBuilder(64);
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeString(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }

    /** Writes the response directly (with its length), bypassing Javalin's result stream copy. */
    private static int json(Context ctx, int status, byte[] bytes) {
        jakarta.servlet.http.HttpServletResponse res = ctx.res();
        res.setStatus(status);
        res.setContentType(JSON_TYPE);
        res.setContentLength(bytes.length);
        try {
            res.getOutputStream().write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return status;
    }

    private static void error(Context ctx, int status, String field, String message) {
        ByteArrayBuilder out = new ByteArrayBuilder(256);
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("error", message);
            if (field != null) {
                g.writeStringField("field", field);
            }
            g.writeNumberField("status", status);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        json(ctx, status, out.toByteArray());
    }

    // ------------------------------------------------------------------ lifecycle

    public int port() {
        return app.port();
    }

    /** {@code http://host:port} (https with TLS); the host as configured. */
    public String baseUrl() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return (config.tls() != null ? "https" : "http") + "://" + host + ":" + port();
    }

    public DecisionEngine engine() {
        return engine;
    }

    public ServiceConfig config() {
        return config;
    }

    int inFlight() {
        return inFlight.get();
    }

    public boolean draining() {
        return draining;
    }

    /**
     * Graceful stop: readiness turns 503 and new requests get 503 with {@code Connection: close}; requests already
     * being handled complete (up to the configured grace); then the server stops. Idempotent.
     */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        draining = true;
        long deadline = System.nanoTime() + Math.round(config.shutdownGraceS() * 1e9);
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        int left = inFlight.get();
        // Handlers are done (or the grace is spent); let Jetty finish writing their responses (counted until the
        // exchange is complete), then stop without Jetty's own graceful wait, which would also wait for idle
        // keep-alive connections to close.
        long flushDeadline = System.nanoTime() + STOP_FLUSH_MS * 1_000_000;
        while (completion.active.get() > 0 && System.nanoTime() < flushDeadline) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        app.jettyServer().server().setStopTimeout(0);
        app.stop();
        stopped = true;
        audit.write("service_stop", AuditLog.fields("in_flight_abandoned", left));
        audit.close();
    }

    @Override
    public void close() {
        stop();
    }

    /** The audit log's file, or null. */
    public Path auditFile() {
        return audit.file();
    }

    static List<String> endpoints() {
        return List.of(Metrics.ENDPOINTS).subList(0, Metrics.ENDPOINTS.length - 1);
    }
}
