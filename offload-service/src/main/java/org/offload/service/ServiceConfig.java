package org.offload.service;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything {@code offload serve} is configured with. {@link #defaults()} gives the values used for keys the
 * configuration file leaves out; {@link ServiceConfigLoader} reads the file (strict keys).
 *
 * @param host              address to bind (default 127.0.0.1; the container image binds 0.0.0.0)
 * @param port              TCP port; 0 picks a free one (tests)
 * @param scenario          scenario whose infrastructure (sites, VMs, links, applications, power model) the
 *                          service decides for; null = the bundled default scenario
 * @param policy            policy active at start
 * @param model             model file for the policy, or null
 * @param telemetryMaxAgeS  telemetry older than this expires: the state falls back to nominal values for that
 *                          node and decisions list it as stale
 * @param maxBodyBytes      largest request body accepted (413 above)
 * @param bodyTimeoutS      a request body that pauses this long, or is still incomplete this long after its
 *                          headers, gets 408; bodies are read without holding a thread
 * @param ratePerS          per-token sustained request rate (token bucket refill); 0 = unlimited
 * @param rateBurst         per-token bucket capacity
 * @param tls               TLS from a PKCS12 keystore, or null for plain HTTP
 * @param tokensFile        bearer tokens file, or null (then the {@code OFFLOAD_TOKENS} environment variable)
 * @param auditFile         JSON-lines audit log, or null for none
 * @param auditDecisions    also audit every decision (not only admin actions)
 * @param shutdownGraceS    on stop, time in-flight requests get to complete
 * @param constraints       placement constraints applied to every policy
 */
public record ServiceConfig(String host, int port, Path scenario, String policy, Path model, double telemetryMaxAgeS,
                            int maxBodyBytes, double bodyTimeoutS, double ratePerS, double rateBurst, Tls tls,
                            Path tokensFile, Path auditFile, boolean auditDecisions, double shutdownGraceS,
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

    /** PKCS12 keystore and its password, already resolved (from an environment variable or a file). */
    public record Tls(Path keystore, String password) {
        public Tls {
            Objects.requireNonNull(keystore, "keystore");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Tls[keystore=" + keystore + ", password=***]";
        }
    }

    public ServiceConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(constraints, "constraints");
        if (!(bodyTimeoutS > 0) || Double.isInfinite(bodyTimeoutS)) {
            throw new IllegalArgumentException("body timeout must be > 0 s, got " + bodyTimeoutS);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, got " + port);
        }
    }

    public static ServiceConfig defaults() {
        return new ServiceConfig(DEFAULT_HOST, DEFAULT_PORT, null, DEFAULT_POLICY, null, DEFAULT_TELEMETRY_MAX_AGE_S,
                DEFAULT_MAX_BODY_BYTES, DEFAULT_BODY_TIMEOUT_S, DEFAULT_RATE_PER_S, DEFAULT_RATE_BURST, null, null,
                null, false, DEFAULT_SHUTDOWN_GRACE_S, Constraints.NONE);
    }

    public ServiceConfig withHost(String h) {
        return new ServiceConfig(h, port, scenario, policy, model, telemetryMaxAgeS, maxBodyBytes, bodyTimeoutS,
                ratePerS, rateBurst, tls, tokensFile, auditFile, auditDecisions, shutdownGraceS, constraints);
    }

    public ServiceConfig withPort(int p) {
        return new ServiceConfig(host, p, scenario, policy, model, telemetryMaxAgeS, maxBodyBytes, bodyTimeoutS,
                ratePerS, rateBurst, tls, tokensFile, auditFile, auditDecisions, shutdownGraceS, constraints);
    }

    public ServiceConfig withScenario(Path s) {
        return new ServiceConfig(host, port, s, policy, model, telemetryMaxAgeS, maxBodyBytes, bodyTimeoutS, ratePerS,
                rateBurst, tls, tokensFile, auditFile, auditDecisions, shutdownGraceS, constraints);
    }

    public ServiceConfig withPolicy(String p, Path m) {
        return new ServiceConfig(host, port, scenario, p, m, telemetryMaxAgeS, maxBodyBytes, bodyTimeoutS, ratePerS,
                rateBurst, tls, tokensFile, auditFile, auditDecisions, shutdownGraceS, constraints);
    }

    public ServiceConfig withTelemetryMaxAgeS(double s) {
        return new ServiceConfig(host, port, scenario, policy, model, s, maxBodyBytes, bodyTimeoutS, ratePerS,
                rateBurst, tls, tokensFile, auditFile, auditDecisions, shutdownGraceS, constraints);
    }

    public ServiceConfig withLimits(int bodyBytes, double perS, double burst) {
        return new ServiceConfig(host, port, scenario, policy, model, telemetryMaxAgeS, bodyBytes, bodyTimeoutS, perS,
                burst, tls, tokensFile, auditFile, auditDecisions, shutdownGraceS, constraints);
    }

    public ServiceConfig withBodyTimeoutS(double s) {
        return new ServiceConfig(host, port, scenario, policy, model, telemetryMaxAgeS, maxBodyBytes, s, ratePerS,
                rateBurst, tls, tokensFile, auditFile, auditDecisions, shutdownGraceS, constraints);
    }

    public ServiceConfig withTls(Tls t) {
        return new ServiceConfig(host, port, scenario, policy, model, telemetryMaxAgeS, maxBodyBytes, bodyTimeoutS,
                ratePerS, rateBurst, t, tokensFile, auditFile, auditDecisions, shutdownGraceS, constraints);
    }

    public ServiceConfig withTokensFile(Path f) {
        return new ServiceConfig(host, port, scenario, policy, model, telemetryMaxAgeS, maxBodyBytes, bodyTimeoutS,
                ratePerS, rateBurst, tls, f, auditFile, auditDecisions, shutdownGraceS, constraints);
    }

    public ServiceConfig withAudit(Path f, boolean decisions) {
        return new ServiceConfig(host, port, scenario, policy, model, telemetryMaxAgeS, maxBodyBytes, bodyTimeoutS,
                ratePerS, rateBurst, tls, tokensFile, f, decisions, shutdownGraceS, constraints);
    }

    public ServiceConfig withShutdownGraceS(double s) {
        return new ServiceConfig(host, port, scenario, policy, model, telemetryMaxAgeS, maxBodyBytes, bodyTimeoutS,
                ratePerS, rateBurst, tls, tokensFile, auditFile, auditDecisions, s, constraints);
    }

    public ServiceConfig withConstraints(Constraints c) {
        return new ServiceConfig(host, port, scenario, policy, model, telemetryMaxAgeS, maxBodyBytes, bodyTimeoutS,
                ratePerS, rateBurst, tls, tokensFile, auditFile, auditDecisions, shutdownGraceS, c);
    }
}
