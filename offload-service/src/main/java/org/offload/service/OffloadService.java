package org.offload.service;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.offload.policy.builtin.BuiltInPolicies;
import org.offload.scenario.Scenario;
import org.offload.service.state.ClaimsStore;
import org.offload.service.state.InMemoryClaimsStore;
import org.offload.service.state.InMemoryRateLimitBuckets;
import org.offload.service.state.RandomTaskIds;
import org.offload.service.state.RedisState;
import org.offload.service.state.RateLimitBuckets;

/**
 * The decision service's life cycle: builds the parts (engine and state, {@link AuthFilter}, {@link BodyBudget},
 * {@link ServiceMetrics}, {@link AuditLog}, {@link RequestPipeline}, {@link Routes}, {@link HttpServer}), starts
 * listening, reloads tokens and the TLS keystore when their files change, and stops gracefully. See
 * {@code docs/service.md} for the API.
 *
 * <pre>
 * POST /v1/decisions   device   a task  -> a decision (tier, node, variant, estimates, explanation, telemetry)
 * POST /v1/telemetry   device   device reports (VM and link reports: infra)
 * GET  /v1/policies    any token   the policies, the active one, the scenario's nodes
 * PUT  /v1/policy      admin    {"policy", "model"?, "options"?}: swap the active policy without a restart
 * POST /v1/reload      admin    re-read the tokens file and the TLS keystore
 * GET  /healthz, /readyz        liveness, readiness (503 while stopping)
 * GET  /metrics        public or metrics token   Prometheus text
 * </pre>
 */
public final class OffloadService implements AutoCloseable {
    /** After in-flight handlers finished: how long Jetty may take to flush the last responses on stop. */
    private static final long STOP_FLUSH_MS = 200;
    /** Client addresses with a refused-authentication bucket kept at once (beyond: refused, fail closed). */
    private static final int MAX_BUCKETS = 100_000;

    static {
        // Jetty and Javalin log through SLF4J; keep them to warnings unless the user configured otherwise.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        // Jetty warns about every malformed request (oversized headers...): clients' errors, answered with 4xx.
        if (System.getProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty.http.HttpParser") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty.http.HttpParser", "error");
        }
        // ... and about every body abandoned by a slow client we answered 408 ("Pending read in onCompleted").
        if (System.getProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty.server.HttpConnection") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty.server.HttpConnection", "error");
        }
    }

    private final ServiceConfig config;
    private final DecisionEngine engine;
    private final AuthFilter auth;
    private final BodyBudget budget;
    private final AuditLog audit;
    private final ConnectionGuard guard;
    private final ServiceMetrics metrics;
    private final RequestPipeline pipeline;
    private final HttpServer server;
    private final List<String> warnings = new ArrayList<>();
    private final ScheduledExecutorService reloader;
    /** The shared state when {@code state.backend} is redis (readiness asks it; closed on stop), else null. */
    private final RedisState shared;
    private volatile boolean draining;
    private boolean stopped;
    private long[] watched;

    /** Options for one service; the configuration and scenario are required. */
    public static final class Builder {
        private final ServiceConfig config;
        private final Scenario scenario;
        private PolicyCatalog catalog;
        private Tokens tokens;
        private boolean noAuth;
        private ServiceClock clock;
        private LongSupplier nanos = System::nanoTime;
        private DecisionEngine.Stores stores;
        private RateLimitBuckets buckets;

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

        /**
         * Clock for {@code now()} and telemetry ages (tests pin it). Default: monotonic in this process; the wall
         * clock (epoch seconds) when the state is shared through Redis, so that replicas agree on ages.
         */
        public Builder clock(ServiceClock c) {
            this.clock = c;
            return this;
        }

        /** Nanosecond time source for rate limiting (tests). */
        public Builder nanos(LongSupplier n) {
            this.nanos = n;
            return this;
        }

        /** Where telemetry, claims and task ids live (default: in this process). */
        public Builder stores(DecisionEngine.Stores s) {
            this.stores = s;
            return this;
        }

        /** Where rate-limit buckets live (default: in this process). */
        public Builder buckets(RateLimitBuckets b) {
            this.buckets = b;
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
        PolicyCatalog catalog = b.catalog != null ? b.catalog : new PolicyCatalog(BuiltInPolicies.registry());
        if (config.model() != null) {
            ModelFiles files = new ModelFiles(config.models().dir(), config.models().maxBytes());
            for (String part : config.model().toString().split(java.io.File.pathSeparator)) {
                if (Files.isRegularFile(Path.of(part))) {
                    files.check(Path.of(part)); // the policy's loader reports other problems
                }
            }
        }
        DecisionEngine.Stores stores = b.stores;
        RateLimitBuckets buckets = b.buckets;
        ServiceClock clock = b.clock;
        if (config.state().backend() == ServiceConfig.Backend.REDIS && b.stores == null) {
            Scenario sc = b.scenario;
            this.shared = RedisState.connect(config.state().url(), sc.edge().vmCount() + sc.cloud().vmCount(),
                    sc.edge().sites(), sc.devices().count());
            stores = new DecisionEngine.Stores(shared.telemetry(), config.claimsTtlS() > 0
                    ? shared.claims(InMemoryClaimsStore.MAX_CLAIMS_PER_VM) : ClaimsStore.NONE, new RandomTaskIds());
            buckets = buckets != null ? buckets : shared.buckets();
            clock = clock != null ? clock : ServiceClock.wall();
        } else {
            this.shared = null;
        }
        this.engine = new DecisionEngine(b.scenario, catalog, config.constraints(), config.telemetryMaxAgeS(),
                clock != null ? clock : ServiceClock.system(), config.policy(), stores != null ? stores
                : DecisionEngine.Stores.inMemory(b.scenario, config.claimsTtlS()), config.claimsTtlS());
        if (config.tls() != null) {
            checkKeystore(config.tls());
        } else if (!isLoopback(config.host())) {
            warnings.add("WARNING: listening on " + config.host() + " over plain HTTP: bearer tokens, telemetry and "
                    + "decisions cross the network unencrypted. Configure tls: (docs/service.md#security).");
        }
        Tokens tokens = b.noAuth ? null : b.tokens;
        if (tokens != null) {
            warnings.addAll(tokens.warnings());
        }
        this.audit = new AuditLog(config.audit());
        this.guard = new ConnectionGuard(config.limits().headerTimeoutS(), config.limits().maxConnectionsPerClient());
        this.budget = new BodyBudget(config.limits().bodyBytesInFlight(), config.limits().bodyBytesPerClient());
        RequestPipeline[] p = new RequestPipeline[1];
        this.metrics = new ServiceMetrics(new ServiceMetrics.Gauges() {
            @Override
            public int staleNodes() {
                return engine.staleNodes();
            }

            @Override
            public int inFlight() {
                return p[0].inFlight();
            }

            @Override
            public boolean ready() {
                return !draining;
            }

            @Override
            public int openConnections() {
                return guard.open();
            }

            @Override
            public long bodyBytesHeld() {
                return budget.used();
            }
        }, guard);
        metrics.policy(engine.active().name());
        buckets = buckets != null ? buckets : new InMemoryRateLimitBuckets(b.nanos, MAX_BUCKETS);
        this.auth = new AuthFilter(tokens, buckets, config.limits(), this::refused);
        this.pipeline = new RequestPipeline(config.limits(), auth, budget, metrics, this::failed, b.nanos);
        p[0] = pipeline;
        Routes routes = new Routes(config, engine, auth, metrics, audit, new Routes.Service() {
            @Override
            public boolean ready() {
                return !draining;
            }

            @Override
            public int inFlight() {
                return pipeline.inFlight();
            }

            @Override
            public String stateProblem() {
                return shared == null ? null : shared.problem();
            }

            @Override
            public List<String> reload() {
                return OffloadService.this.reload();
            }
        });
        this.server = new HttpServer(config, guard, pipeline, routes, metrics);
        this.reloader = config.reloadIntervalS() > 0 && (config.tokensFile() != null || config.tls() != null)
                ? Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "offload-reload");
                    t.setDaemon(true);
                    return t;
                }) : null;
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
        try (InputStream in = Files.newInputStream(tls.keystore())) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, tls.password().toCharArray());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot open the TLS keystore " + tls.keystore() + ": " + e.getMessage(), e);
        }
    }

    private void startServer() {
        server.start(config.host(), config.port());
        audit.write("service_start", AuditLog.fields("policy", engine.active().name(),
                "model", engine.active().model() == null ? null : engine.active().model().toString(),
                "scenario", engine.scenario().name(), "address", baseUrl()));
        if (reloader != null) {
            watched = fingerprint();
            long ms = Math.round(config.reloadIntervalS() * 1000);
            reloader.scheduleWithFixedDelay(this::reloadIfChanged, ms, ms, TimeUnit.MILLISECONDS);
        }
    }

    /** A refused call: counted by client; for admin endpoints audited, unless throttled (429 without a token). */
    private void refused(int endpoint, io.javalin.http.Context ctx, Tokens.Identity who, String client, int status) {
        metrics.refused(client, status);
        if ((endpoint == ServiceMetrics.POLICY || endpoint == ServiceMetrics.RELOAD) && !(who == null && status == 429)) {
            audit.write(endpoint == ServiceMetrics.POLICY ? "policy_change" : "reload", AuditLog.fields("result",
                    "denied", "status", status, "actor", who == null ? null : who.name(), "remote", ctx.ip(),
                    "request_id", ctx.attribute(HttpErrors.REQUEST_ID)));
        }
    }

    /** A failed admin call by an authenticated caller (bad body, rate limit...): audited with the error. */
    private void failed(int endpoint, io.javalin.http.Context ctx, Tokens.Identity who, int status, String message) {
        if (endpoint == ServiceMetrics.POLICY || endpoint == ServiceMetrics.RELOAD) {
            audit.write(endpoint == ServiceMetrics.POLICY ? "policy_change" : "reload", AuditLog.fields("result",
                    "failed", "status", status, "actor", who.name(), "remote", ctx.ip(),
                    "request_id", ctx.attribute(HttpErrors.REQUEST_ID), "from", engine.active().name(),
                    "error", Requests.clip(message)));
        }
    }

    // ------------------------------------------------------------------ reload (key rotation)

    /** Re-reads the tokens file and the TLS keystore now; a line per part reloaded. Errors keep the old ones. */
    synchronized List<String> reload() {
        List<String> done = new ArrayList<>();
        if (config.tokensFile() != null && auth.enabled()) {
            try {
                Tokens t = Tokens.load(config.tokensFile());
                auth.tokens(t);
                done.add("tokens: " + t.size() + " from " + config.tokensFile());
                t.warnings().forEach(w -> System.err.println("offload serve: " + w));
            } catch (ServiceConfigException e) {
                throw new BadRequestException(400, null, "reload failed, the old tokens stay: " + e.getMessage());
            }
        }
        if (config.tls() != null) {
            ServiceConfig.Tls tls = config.tls();
            try {
                if (tls.passwordFile() != null) {
                    tls = new ServiceConfig.Tls(tls.keystore(), Files.readString(tls.passwordFile(),
                            StandardCharsets.UTF_8).strip(), tls.passwordFile());
                }
                checkKeystore(tls);
                server.reloadTls(tls);
                done.add("TLS keystore " + tls.keystore());
            } catch (Exception e) {
                throw new BadRequestException(400, null, "reload failed, the old keystore stays: cannot open "
                        + tls.keystore());
            }
        }
        watched = fingerprint();
        return done;
    }

    private void reloadIfChanged() {
        long[] now = fingerprint();
        if (java.util.Arrays.equals(now, watched)) {
            return;
        }
        try {
            List<String> done = reload();
            audit.write("reload", AuditLog.fields("result", "ok", "actor", "file change", "reloaded",
                    String.join("; ", done)));
        } catch (BadRequestException e) {
            watched = now; // report a broken file once, not every interval
            System.err.println("offload serve: " + e.getMessage());
            audit.write("reload", AuditLog.fields("result", "failed", "actor", "file change", "error", e.getMessage()));
        }
    }

    /** Modification time and size of every watched file (tokens, keystore, keystore password). */
    private long[] fingerprint() {
        List<Path> files = new ArrayList<>();
        if (config.tokensFile() != null) {
            files.add(config.tokensFile());
        }
        if (config.tls() != null) {
            files.add(config.tls().keystore());
            if (config.tls().passwordFile() != null) {
                files.add(config.tls().passwordFile());
            }
        }
        long[] f = new long[2 * files.size()];
        for (int i = 0; i < files.size(); i++) {
            try {
                f[2 * i] = Files.getLastModifiedTime(files.get(i)).toMillis();
                f[2 * i + 1] = Files.size(files.get(i));
            } catch (IOException e) {
                f[2 * i] = -1;
            }
        }
        return f;
    }

    // ------------------------------------------------------------------ life cycle

    public int port() {
        return server.port();
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

    /** What the operator should know at start (plain HTTP on a network address, readable tokens file...). */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    int inFlight() {
        return pipeline.inFlight();
    }

    public boolean draining() {
        return draining;
    }

    /**
     * Graceful stop: readiness turns 503; for {@code shutdown.drain_s} requests are still served (answers say
     * {@code Connection: close}, moving keep-alive clients away); then new requests get 503 and requests already
     * being handled complete (up to the grace); then the server stops. Idempotent.
     */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        draining = true;
        pipeline.closeConnections();
        sleepUntil(System.nanoTime() + Math.round(config.shutdown().drainS() * 1e9), () -> false);
        pipeline.refuse();
        sleepUntil(System.nanoTime() + Math.round(config.shutdownGraceS() * 1e9), () -> pipeline.inFlight() == 0);
        int left = pipeline.inFlight();
        // Handlers are done (or the grace is spent); let Jetty finish writing their answers (counted until the
        // exchange is complete), then stop without Jetty's own graceful wait, which would also wait for idle
        // keep-alive connections to close.
        sleepUntil(System.nanoTime() + STOP_FLUSH_MS * 1_000_000, () -> guard.active.get() <= 0);
        if (reloader != null) {
            reloader.shutdownNow();
        }
        server.stop();
        guard.close();
        stopped = true;
        audit.write("service_stop", AuditLog.fields("in_flight_abandoned", left));
        audit.close();
        if (shared != null) {
            shared.close();
        }
    }

    private static void sleepUntil(long deadline, java.util.function.BooleanSupplier done) {
        while (!done.getAsBoolean() && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
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
        return List.of(ServiceMetrics.ENDPOINTS).subList(0, ServiceMetrics.ENDPOINTS.length - 1);
    }
}
