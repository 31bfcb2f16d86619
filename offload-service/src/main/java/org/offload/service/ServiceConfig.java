package org.offload.service;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything {@code offload serve} is configured with. {@link #defaults()} gives the values used for keys the
 * configuration file leaves out; {@link ServiceConfigLoader} reads the file (strict keys). docs/service.md lists
 * every key with its meaning.
 *
 * @param host             address to bind (default 127.0.0.1; the container image binds 0.0.0.0)
 * @param port             TCP port; 0 picks a free one (tests)
 * @param scenario         scenario whose infrastructure the service decides for; null = the bundled default
 * @param policy           the policy active at start: name, model file, options
 * @param telemetryMaxAgeS telemetry older than this expires (the node shows nominal values, decisions say so)
 * @param limits           sizes, timeouts, rates and connection caps
 * @param tls              TLS from a PKCS12 keystore, or null for plain HTTP
 * @param tokensFile       bearer tokens file, or null (then the {@code OFFLOAD_TOKENS} environment variable)
 * @param audit            the audit log
 * @param shutdown         grace and drain on stop
 * @param models           where {@code PUT /v1/policy} may load model files from, and how large they may be
 * @param metricsAuth      whether {@code GET /metrics} needs a token with the metrics role
 * @param state            where telemetry, claims and rate-limit buckets live, and how long claims last
 * @param reloadIntervalS  how often the tokens file and the TLS keystore are checked for changes; 0 = never
 * @param constraints      placement constraints applied to every policy
 */
public record ServiceConfig(String host, int port, Path scenario, PolicySpec policy, double telemetryMaxAgeS,
                            Limits limits, Tls tls, Path tokensFile, Audit audit, Shutdown shutdown, Models models,
                            MetricsAuth metricsAuth, State state, double reloadIntervalS,
                            Constraints constraints) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_POLICY = "least-utilised";
    public static final double DEFAULT_TELEMETRY_MAX_AGE_S = 30;
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;
    public static final double DEFAULT_BODY_TIMEOUT_S = 5;
    public static final double DEFAULT_RATE_PER_S = 20_000;
    public static final double DEFAULT_RATE_BURST = 2_000;
    public static final double DEFAULT_SHUTDOWN_GRACE_S = 10;
    /** Health endpoints; the Kubernetes manifests' probes use these paths (a test checks it). */
    public static final String LIVENESS_PATH = "/healthz";
    public static final String READINESS_PATH = "/readyz";
    /** {@code audit.file} value that sends the audit log to standard output (for the platform's log collector). */
    public static final Path AUDIT_STDOUT = Path.of("-");

    /** {@code GET /metrics}: open to anyone who can reach the port (scrapers on a private network), or token. */
    public enum MetricsAuth { NONE, TOKEN }

    /** The active policy at start: its name, model file (or null) and options ({@code --policy-option}). */
    public record PolicySpec(String name, Path model, Map<String, String> options) {
        public PolicySpec {
            Objects.requireNonNull(name, "policy");
            options = Map.copyOf(options == null ? Map.of() : new LinkedHashMap<>(options));
        }
    }

    /**
     * @param maxBodyBytes          largest request body (413 above)
     * @param bodyTimeoutS          a body that pauses this long, or is incomplete this long after its headers: 408
     * @param headerTimeoutS        a connection must deliver a complete request head within this time after it
     *                              opens or after its previous answer, else it is closed (slowloris; also ends idle
     *                              keep-alive connections)
     * @param ratePerS              sustained requests per second per device (decisions) or per token (the rest);
     *                              0 = unlimited
     * @param rateBurst             bucket capacity for {@code ratePerS}
     * @param authFailRatePerS      refused authentications per second per client address before 429
     * @param authFailBurst         bucket capacity for {@code authFailRatePerS}
     * @param maxConnections        open connections in all; beyond it the server stops accepting until one closes
     * @param maxConnectionsPerClient open connections per client address; beyond it new ones are closed at once
     * @param bodyBytesInFlight     request body bytes held at once in all (503 beyond)
     * @param bodyBytesPerClient    request body bytes held at once per token identity (503 beyond)
     */
    public record Limits(int maxBodyBytes, double bodyTimeoutS, double headerTimeoutS, double ratePerS,
                         double rateBurst, double authFailRatePerS, double authFailBurst, int maxConnections,
                         int maxConnectionsPerClient, long bodyBytesInFlight, long bodyBytesPerClient) {
        public Limits {
            if (!(bodyTimeoutS > 0) || Double.isInfinite(bodyTimeoutS)) {
                throw new IllegalArgumentException("body timeout must be > 0 s, got " + bodyTimeoutS);
            }
            if (!(headerTimeoutS > 0) || Double.isInfinite(headerTimeoutS)) {
                throw new IllegalArgumentException("header timeout must be > 0 s, got " + headerTimeoutS);
            }
        }

        public static Limits defaults() {
            return new Limits(DEFAULT_MAX_BODY_BYTES, DEFAULT_BODY_TIMEOUT_S, 10, DEFAULT_RATE_PER_S, DEFAULT_RATE_BURST,
                    5, 20, 16_384, 1_024, 16L << 20, 4L << 20);
        }

        public Limits withBody(int maxBytes, double timeoutS) {
            return new Limits(maxBytes, timeoutS, headerTimeoutS, ratePerS, rateBurst, authFailRatePerS,
                    authFailBurst, maxConnections, maxConnectionsPerClient, bodyBytesInFlight, bodyBytesPerClient);
        }

        public Limits withRate(double perS, double burst) {
            return new Limits(maxBodyBytes, bodyTimeoutS, headerTimeoutS, perS, burst, authFailRatePerS,
                    authFailBurst, maxConnections, maxConnectionsPerClient, bodyBytesInFlight, bodyBytesPerClient);
        }

        public Limits withAuthFailRate(double perS, double burst) {
            return new Limits(maxBodyBytes, bodyTimeoutS, headerTimeoutS, ratePerS, rateBurst, perS, burst,
                    maxConnections, maxConnectionsPerClient, bodyBytesInFlight, bodyBytesPerClient);
        }

        public Limits withConnections(int max, int perClient, double headerTimeout) {
            return new Limits(maxBodyBytes, bodyTimeoutS, headerTimeout, ratePerS, rateBurst, authFailRatePerS,
                    authFailBurst, max, perClient, bodyBytesInFlight, bodyBytesPerClient);
        }

        public Limits withBodyBytes(long inFlight, long perClient) {
            return new Limits(maxBodyBytes, bodyTimeoutS, headerTimeoutS, ratePerS, rateBurst, authFailRatePerS,
                    authFailBurst, maxConnections, maxConnectionsPerClient, inFlight, perClient);
        }
    }

    /** PKCS12 keystore and its password, already resolved (from an environment variable or a file). */
    public record Tls(Path keystore, String password, Path passwordFile) {
        public Tls {
            Objects.requireNonNull(keystore, "keystore");
            Objects.requireNonNull(password, "password");
        }

        public Tls(Path keystore, String password) {
            this(keystore, password, null);
        }

        @Override
        public String toString() {
            return "Tls[keystore=" + keystore + ", password=***]";
        }
    }

    /**
     * @param file           JSON-lines file, {@link #AUDIT_STDOUT} for standard output, or null for none
     * @param decisions      also log decisions
     * @param decisionSample share of decisions logged (0..1) when {@code decisions} is on
     * @param maxBytes       the file is rotated when it would grow beyond this (0 = never)
     * @param keep           rotated files kept ({@code audit.jsonl.1} ...)
     */
    public record Audit(Path file, boolean decisions, double decisionSample, long maxBytes, int keep) {
        public static final Audit NONE = new Audit(null, false, 1, 64L << 20, 3);
    }

    /** @param graceS time in-flight requests get on stop; @param drainS time readiness shows 503 before new work is refused */
    public record Shutdown(double graceS, double drainS) {
    }

    /** @param dir directory {@code PUT /v1/policy} model files must be in (null: none may be loaded); @param maxBytes largest model file */
    public record Models(Path dir, long maxBytes) {
        public static final long DEFAULT_MAX_BYTES = 4L << 20;
    }

    /** Where the state is kept ({@code state.backend}). */
    public enum Backend { MEMORY, REDIS }

    /**
     * The {@code state:} block.
     *
     * @param backend    memory (this process, the default) or redis (shared by every replica using {@code url})
     * @param url        the Redis URL ({@code redis://[user:password@]host:port[/db]}; rediss:// for TLS), null
     *                   for memory
     * @param claimsTtlS how long a placement claims its VM's share before telemetry must confirm it; 0 = no
     *                   claims (decisions see the reported state only)
     */
    public record State(Backend backend, String url, double claimsTtlS) {
        public static final State MEMORY = new State(Backend.MEMORY, null, 0);

        public State {
            Objects.requireNonNull(backend, "backend");
            if ((backend == Backend.REDIS) != (url != null)) {
                throw new IllegalArgumentException("state.url is required for backend redis and only allowed there");
            }
        }
    }

    public ServiceConfig {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(shutdown, "shutdown");
        Objects.requireNonNull(models, "models");
        Objects.requireNonNull(metricsAuth, "metricsAuth");
        Objects.requireNonNull(constraints, "constraints");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, got " + port);
        }
    }

    public static ServiceConfig defaults() {
        return new ServiceConfig(DEFAULT_HOST, DEFAULT_PORT, null, new PolicySpec(DEFAULT_POLICY, null, Map.of()),
                DEFAULT_TELEMETRY_MAX_AGE_S, Limits.defaults(), null, null, Audit.NONE,
                new Shutdown(DEFAULT_SHUTDOWN_GRACE_S, 0), new Models(null, Models.DEFAULT_MAX_BYTES),
                MetricsAuth.NONE, State.MEMORY, 10, Constraints.NONE);
    }

    // Shorthands for the values read most.
    public double claimsTtlS() {
        return state.claimsTtlS();
    }

    public int maxBodyBytes() {
        return limits.maxBodyBytes();
    }

    public double bodyTimeoutS() {
        return limits.bodyTimeoutS();
    }

    public double shutdownGraceS() {
        return shutdown.graceS();
    }

    public Path auditFile() {
        return audit.file();
    }

    public Path model() {
        return policy.model();
    }

    // Copies with one part changed.
    public ServiceConfig withHost(String h) {
        return new ServiceConfig(h, port, scenario, policy, telemetryMaxAgeS, limits, tls, tokensFile, audit,
                shutdown, models, metricsAuth, state, reloadIntervalS, constraints);
    }

    public ServiceConfig withPort(int p) {
        return new ServiceConfig(host, p, scenario, policy, telemetryMaxAgeS, limits, tls, tokensFile, audit,
                shutdown, models, metricsAuth, state, reloadIntervalS, constraints);
    }

    public ServiceConfig withScenario(Path s) {
        return new ServiceConfig(host, port, s, policy, telemetryMaxAgeS, limits, tls, tokensFile, audit,
                shutdown, models, metricsAuth, state, reloadIntervalS, constraints);
    }

    public ServiceConfig withPolicy(PolicySpec p) {
        return new ServiceConfig(host, port, scenario, p, telemetryMaxAgeS, limits, tls, tokensFile, audit,
                shutdown, models, metricsAuth, state, reloadIntervalS, constraints);
    }

    public ServiceConfig withPolicy(String name, Path model) {
        return withPolicy(new PolicySpec(name, model, policy.options()));
    }

    public ServiceConfig withTelemetryMaxAgeS(double s) {
        return new ServiceConfig(host, port, scenario, policy, s, limits, tls, tokensFile, audit,
                shutdown, models, metricsAuth, state, reloadIntervalS, constraints);
    }

    public ServiceConfig withLimits(Limits l) {
        return new ServiceConfig(host, port, scenario, policy, telemetryMaxAgeS, l, tls, tokensFile, audit,
                shutdown, models, metricsAuth, state, reloadIntervalS, constraints);
    }

    public ServiceConfig withLimits(int bodyBytes, double perS, double burst) {
        return withLimits(limits.withBody(bodyBytes, limits.bodyTimeoutS()).withRate(perS, burst));
    }

    public ServiceConfig withBodyTimeoutS(double s) {
        return withLimits(limits.withBody(limits.maxBodyBytes(), s));
    }

    public ServiceConfig withTls(Tls t) {
        return new ServiceConfig(host, port, scenario, policy, telemetryMaxAgeS, limits, t, tokensFile, audit,
                shutdown, models, metricsAuth, state, reloadIntervalS, constraints);
    }

    public ServiceConfig withTokensFile(Path f) {
        return new ServiceConfig(host, port, scenario, policy, telemetryMaxAgeS, limits, tls, f, audit,
                shutdown, models, metricsAuth, state, reloadIntervalS, constraints);
    }

    public ServiceConfig withAudit(Audit a) {
        return new ServiceConfig(host, port, scenario, policy, telemetryMaxAgeS, limits, tls, tokensFile, a,
                shutdown, models, metricsAuth, state, reloadIntervalS, constraints);
    }

    public ServiceConfig withAudit(Path f, boolean decisions) {
        return withAudit(new Audit(f, decisions, audit.decisionSample(), audit.maxBytes(), audit.keep()));
    }

    public ServiceConfig withShutdown(Shutdown s) {
        return new ServiceConfig(host, port, scenario, policy, telemetryMaxAgeS, limits, tls, tokensFile, audit,
                s, models, metricsAuth, state, reloadIntervalS, constraints);
    }

    public ServiceConfig withShutdownGraceS(double s) {
        return withShutdown(new Shutdown(s, shutdown.drainS()));
    }

    public ServiceConfig withModels(Models m) {
        return new ServiceConfig(host, port, scenario, policy, telemetryMaxAgeS, limits, tls, tokensFile, audit,
                shutdown, m, metricsAuth, state, reloadIntervalS, constraints);
    }

    public ServiceConfig withMetricsAuth(MetricsAuth m) {
        return new ServiceConfig(host, port, scenario, policy, telemetryMaxAgeS, limits, tls, tokensFile, audit,
                shutdown, models, m, state, reloadIntervalS, constraints);
    }

    public ServiceConfig withClaimsTtlS(double s) {
        return withState(new State(state.backend(), state.url(), s));
    }

    public ServiceConfig withState(State st) {
        return new ServiceConfig(host, port, scenario, policy, telemetryMaxAgeS, limits, tls, tokensFile, audit,
                shutdown, models, metricsAuth, st, reloadIntervalS, constraints);
    }

    public ServiceConfig withReloadIntervalS(double s) {
        return new ServiceConfig(host, port, scenario, policy, telemetryMaxAgeS, limits, tls, tokensFile, audit,
                shutdown, models, metricsAuth, state, s, constraints);
    }

    public ServiceConfig withConstraints(Constraints c) {
        return new ServiceConfig(host, port, scenario, policy, telemetryMaxAgeS, limits, tls, tokensFile, audit,
                shutdown, models, metricsAuth, state, reloadIntervalS, c);
    }
}
