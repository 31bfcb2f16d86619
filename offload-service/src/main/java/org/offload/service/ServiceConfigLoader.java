package org.offload.service;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import org.offload.io.ScenarioFileException;
import org.offload.io.Section;
import org.offload.model.Tier;
import org.offload.io.QosReader;
import org.offload.scenario.QosSpec;
import org.offload.scenario.Scenario;
import org.offload.scenario.ScenarioException;

/**
 * Reads a service configuration YAML file. Strict: unknown keys, wrong types and out-of-range values fail with a
 * {@link ServiceConfigException} naming file, line and full key. Relative paths in the file resolve against the
 * file's directory. Every key is optional; see {@link ServiceConfig} for the defaults. The file is read by
 * offload-io's {@link Section}, the one YAML reader of the project.
 *
 * <pre>
 * host: 127.0.0.1                 port: 8080
 * scenario: scenarios/default.yaml
 * policy: least-utilised          model: path/to/model   (optional)
 * policy_options: {v: 0.5}
 * telemetry: {max_age_s: 30}
 * limits: {max_body_bytes: 16384, body_timeout_s: 5, header_timeout_s: 10, rate_per_s: 20000, rate_burst: 2000,
 *          auth_fail_rate_per_s: 5, auth_fail_burst: 20, max_connections: 16384, max_connections_per_client: 1024,
 *          body_bytes_in_flight: 16777216, body_bytes_per_client: 4194304}
 * tls: {keystore: ks.p12, password_env: OFFLOAD_KEYSTORE_PASSWORD}    # or password_file: FILE
 * auth: {tokens_file: tokens.txt}
 * metrics: {auth: none}                                              # or token (role metrics)
 * audit: {file: audit.jsonl, decisions: false, decision_sample: 1, max_bytes: 67108864, keep: 3}   # file: "-"
 * shutdown: {grace_s: 10, drain_s: 0}
 * models: {dir: models, max_bytes: 4194304}
 * state: {backend: memory, claims_ttl_s: 0}
 * reload: {interval_s: 10}
 * constraints:
 *   data_classes:
 *     patient-records: {keep_on: [device, edge], max_latency_s: 2.0}
 *   applications:
 *     HEALTH_APP: {allowed_nodes: [local, site:0, cloud]}
 * </pre>
 */
public final class ServiceConfigLoader {
    private final Function<String, String> env;

    public ServiceConfigLoader() {
        this(System::getenv);
    }

    /** A loader reading environment variables (TLS password) through {@code env}. */
    public ServiceConfigLoader(Function<String, String> env) {
        this.env = env;
    }

    /** A loaded file: the configuration and what is needed to check it against a scenario with line numbers. */
    public static final class Loaded {
        private final ServiceConfig config;
        private final Section root;
        /** The {@code qos:} block, or null when the file has none (the scenario's own classes apply). */
        private final QosSpec qos;

        private Loaded(ServiceConfig config, Section root, QosSpec qos) {
            this.config = config;
            this.root = root;
            this.qos = qos;
        }

        /**
         * The scenario the service decides for: {@code base} checked as {@link #check} does, with the file's
         * {@code qos:} classes and slices (which replace the scenario's own) when it has them; every application
         * the block maps must exist in {@code base}.
         */
        public Scenario scenario(Scenario base) {
            check(base);
            if (qos == null) {
                return base;
            }
            return located(() -> {
                List<String> apps = base.applicationNames();
                for (String app : qos.applicationClasses().keySet()) {
                    if (!apps.contains(app)) {
                        throw root.error("qos.applications." + app, "no application '" + app + "' in scenario "
                                + base.name() + "; applications: " + String.join(", ", apps));
                    }
                }
                try {
                    return base.withQos(qos);
                } catch (ScenarioException e) {
                    throw root.error("qos", "does not fit scenario " + base.name() + ": " + e.getMessage());
                }
            });
        }

        public ServiceConfig config() {
            return config;
        }

        /**
         * Checks the constraints against the scenario the service will use: applications must exist, and
         * {@code site:N} / {@code vm:N} must name existing nodes.
         */
        public void check(Scenario scenario) {
            located(() -> {
                checkConstraints(config.constraints(), scenario, root);
                return null;
            });
        }
    }

    /** Parses {@code file}. */
    public Loaded load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new ServiceConfigException(file.toString(), -1, "", "not UTF-8 text");
        } catch (IOException e) {
            throw new ServiceConfigException(file.toString(), -1, "", "cannot read the file");
        }
        Path dir = file.toAbsolutePath().getParent();
        return parse(text, file.toString(), dir);
    }

    /** Parses configuration text; {@code source} labels errors, relative paths resolve against {@code baseDir}. */
    public Loaded parse(String text, String source, Path baseDir) {
        return located(() -> read(Section.parseOptional(source, new StringReader(text)), baseDir));
    }

    /** Runs {@code body}, turning the reader's located errors into {@link ServiceConfigException}s. */
    private static <T> T located(Supplier<T> body) {
        try {
            return body.get();
        } catch (ScenarioFileException e) {
            throw new ServiceConfigException(e.file(), e.line(), e.key(), e.problem());
        }
    }

    private Loaded read(Section root, Path baseDir) {
        root.allow("host", "port", "scenario", "policy", "model", "policy_options", "telemetry", "limits", "tls",
                "auth", "metrics", "audit", "shutdown", "models", "state", "reload", "constraints", "qos");
        ServiceConfig d = ServiceConfig.defaults();
        String host = root.text("host", d.host());
        int port = (int) integer(root, "port", d.port(), 0, 65535);
        Path scenario = root.has("scenario") ? resolve(baseDir, root.text("scenario")) : null;
        String policy = root.text("policy", d.policy().name());
        Path model = root.has("model") ? resolve(baseDir, root.text("model")) : null;
        Map<String, String> options = root.scalars("policy_options");
        if (options.containsKey(PolicyCatalog.MODEL_OPTION)) {
            throw root.error("policy_options.model", "give the model file as the top-level key model");
        }
        double maxAge = d.telemetryMaxAgeS();
        if (root.has("telemetry")) {
            maxAge = number(root.section("telemetry").allow("max_age_s"), "max_age_s", maxAge, 0.001, 1e9);
        }
        ServiceConfig.Limits limits = root.has("limits") ? limits(root.section("limits"), d.limits()) : d.limits();
        ServiceConfig.Tls tls = root.has("tls") ? tls(root, root.section("tls"), baseDir) : null;
        Path tokens = null;
        if (root.has("auth")) {
            Section a = root.section("auth").allow("tokens_file");
            tokens = a.has("tokens_file") ? resolve(baseDir, a.text("tokens_file")) : null;
        }
        ServiceConfig.MetricsAuth metricsAuth = root.has("metrics")
                ? root.section("metrics").allow("auth").choice("auth", ServiceConfig.MetricsAuth.class,
                ServiceConfig.MetricsAuth.NONE) : ServiceConfig.MetricsAuth.NONE;
        ServiceConfig.Audit audit = root.has("audit") ? audit(root.section("audit"), baseDir) : d.audit();
        ServiceConfig.Shutdown shutdown = d.shutdown();
        if (root.has("shutdown")) {
            Section sh = root.section("shutdown").allow("grace_s", "drain_s");
            shutdown = new ServiceConfig.Shutdown(number(sh, "grace_s", shutdown.graceS(), 0, 3600),
                    number(sh, "drain_s", shutdown.drainS(), 0, 3600));
        }
        ServiceConfig.Models models = d.models();
        if (root.has("models")) {
            Section m = root.section("models").allow("dir", "max_bytes");
            models = new ServiceConfig.Models(m.has("dir") ? resolve(baseDir, m.text("dir")) : null,
                    integer(m, "max_bytes", models.maxBytes(), 1024, 1L << 30));
        }
        ServiceConfig.State state = root.has("state") ? state(root.section("state"), d.state()) : d.state();
        double reload = d.reloadIntervalS();
        if (root.has("reload")) {
            reload = number(root.section("reload").allow("interval_s"), "interval_s", reload, 0, 86_400);
        }
        Constraints constraints = root.has("constraints") ? constraints(root.section("constraints")) : Constraints.NONE;
        ServiceConfig config = new ServiceConfig(host, port, scenario, new ServiceConfig.PolicySpec(policy, model,
                options), maxAge, limits, tls, tokens, audit, shutdown, models, metricsAuth, state, reload,
                constraints);
        QosSpec qos = root.has("qos") ? QosReader.service(root.section("qos")) : null;
        return new Loaded(config, root, qos);
    }

    /** {@code state: {backend: memory|redis, url: redis://host:port, claims_ttl_s: S}}; url only (and always) for redis. */
    private static ServiceConfig.State state(Section st, ServiceConfig.State d) {
        st.allow("backend", "url", "claims_ttl_s");
        ServiceConfig.Backend backend = st.choice("backend", ServiceConfig.Backend.class, d.backend());
        double ttl = number(st, "claims_ttl_s", d.claimsTtlS(), 0, 3600);
        if (backend == ServiceConfig.Backend.MEMORY) {
            if (st.has("url")) {
                throw st.error("url", "only allowed with backend: redis (the memory backend keeps the state in this process)");
            }
            return new ServiceConfig.State(backend, null, ttl);
        }
        if (!st.has("url")) {
            throw st.error("url", "required with backend: redis; give redis://host:port (or rediss:// for TLS)");
        }
        String url = st.text("url");
        try {
            java.net.URI u = new java.net.URI(url);
            if (!("redis".equals(u.getScheme()) || "rediss".equals(u.getScheme())) || u.getHost() == null) {
                throw new java.net.URISyntaxException(url, "not redis://host[:port][/db] or rediss://...");
            }
        } catch (java.net.URISyntaxException e) {
            throw st.error("url", "is not a Redis URL (redis://host[:port][/db], rediss:// for TLS), got '" + url + "'");
        }
        return new ServiceConfig.State(backend, url, ttl);
    }

    private static ServiceConfig.Limits limits(Section l, ServiceConfig.Limits d) {
        l.allow("max_body_bytes", "body_timeout_s", "header_timeout_s", "rate_per_s", "rate_burst",
                "auth_fail_rate_per_s", "auth_fail_burst", "max_connections", "max_connections_per_client",
                "body_bytes_in_flight", "body_bytes_per_client");
        int body = (int) integer(l, "max_body_bytes", d.maxBodyBytes(), 256, 64L * 1024 * 1024);
        return new ServiceConfig.Limits(body, number(l, "body_timeout_s", d.bodyTimeoutS(), 0.1, 300),
                number(l, "header_timeout_s", d.headerTimeoutS(), 0.1, 300),
                number(l, "rate_per_s", d.ratePerS(), 0, 1e9), number(l, "rate_burst", d.rateBurst(), 1, 1e9),
                number(l, "auth_fail_rate_per_s", d.authFailRatePerS(), 0, 1e9),
                number(l, "auth_fail_burst", d.authFailBurst(), 1, 1e9),
                (int) integer(l, "max_connections", d.maxConnections(), 1, 1_000_000),
                (int) integer(l, "max_connections_per_client", d.maxConnectionsPerClient(), 1, 1_000_000),
                integer(l, "body_bytes_in_flight", d.bodyBytesInFlight(), body, 1L << 40),
                integer(l, "body_bytes_per_client", d.bodyBytesPerClient(), body, 1L << 40));
    }

    private ServiceConfig.Tls tls(Section root, Section t, Path baseDir) {
        t.allow("keystore", "password_env", "password_file");
        Path ks = resolve(baseDir, t.text("keystore"));
        if (t.has("password_env") == t.has("password_file")) {
            throw root.error("tls", "give exactly one of password_env and password_file");
        }
        if (t.has("password_env")) {
            String var = t.text("password_env");
            String password = env.apply(var);
            if (password == null) {
                throw t.error("password_env", "environment variable " + var + " is not set");
            }
            return new ServiceConfig.Tls(ks, password);
        }
        Path pf = resolve(baseDir, t.text("password_file"));
        try {
            return new ServiceConfig.Tls(ks, Files.readString(pf, StandardCharsets.UTF_8).strip(), pf);
        } catch (IOException e) {
            throw t.error("password_file", "cannot read " + pf);
        }
    }

    private static ServiceConfig.Audit audit(Section a, Path baseDir) {
        a.allow("file", "decisions", "decision_sample", "max_bytes", "keep");
        ServiceConfig.Audit d = ServiceConfig.Audit.NONE;
        Path file = null;
        if (a.has("file")) {
            String f = a.text("file");
            file = f.equals("-") ? ServiceConfig.AUDIT_STDOUT : resolve(baseDir, f);
        }
        return new ServiceConfig.Audit(file, a.bool("decisions", false),
                number(a, "decision_sample", d.decisionSample(), 0, 1),
                integer(a, "max_bytes", d.maxBytes(), 0, 1L << 40), (int) integer(a, "keep", d.keep(), 0, 100));
    }

    private static double number(Section s, String k, double def, double min, double max) {
        double v = s.number(k, def);
        if (s.has(k) && !(v >= min && v <= max)) {
            throw s.error(k, "must be in [" + Num.plain(min) + ", " + Num.plain(max) + "], got " + Num.plain(v));
        }
        return v;
    }

    private static long integer(Section s, String k, long def, long min, long max) {
        long v = s.longInteger(k, def);
        if (s.has(k) && (v < min || v > max)) {
            throw s.error(k, "must be in [" + min + ", " + max + "], got " + v);
        }
        return v;
    }

    private static Constraints constraints(Section c) {
        c.allow("data_classes", "applications");
        Map<String, Constraints.DataClass> classes = new LinkedHashMap<>();
        if (c.has("data_classes")) {
            Section dc = c.section("data_classes");
            for (String name : dc.keys()) {
                Section s = dc.section(name).allow("keep_on", "max_latency_s");
                Set<Tier> keep = EnumSet.allOf(Tier.class);
                if (s.has("keep_on")) {
                    keep = EnumSet.noneOf(Tier.class);
                    List<String> items = s.texts("keep_on");
                    for (int i = 0; i < items.size(); i++) {
                        String v = items.get(i).trim().toLowerCase(Locale.ROOT);
                        switch (v) {
                            case "device", "local" -> keep.add(Tier.LOCAL);
                            case "edge" -> keep.add(Tier.EDGE);
                            case "cloud" -> keep.add(Tier.CLOUD);
                            default -> throw s.error("keep_on[" + i + "]",
                                    "unknown tier '" + items.get(i) + "'; allowed: device, edge, cloud");
                        }
                    }
                    if (keep.isEmpty()) {
                        throw s.error("keep_on", "must name at least one tier (device, edge, cloud)");
                    }
                }
                double slo = number(s, "max_latency_s", Double.POSITIVE_INFINITY, 1e-6, 1e9);
                classes.put(name, new Constraints.DataClass(name, keep, slo));
            }
        }
        Map<String, List<NodeSelector>> apps = new LinkedHashMap<>();
        if (c.has("applications")) {
            Section as = c.section("applications");
            for (String name : as.keys()) {
                Section s = as.section(name).allow("allowed_nodes");
                List<String> items = s.texts("allowed_nodes");
                if (items.isEmpty()) {
                    throw s.error("allowed_nodes", "must name at least one node");
                }
                List<NodeSelector> sel = new ArrayList<>();
                for (int i = 0; i < items.size(); i++) {
                    try {
                        sel.add(NodeSelector.parse(items.get(i)));
                    } catch (IllegalArgumentException e) {
                        throw s.error("allowed_nodes[" + i + "]", e.getMessage());
                    }
                }
                apps.put(name, sel);
            }
        }
        return new Constraints(classes, apps);
    }

    static void checkConstraints(Constraints c, Scenario scenario, Section root) {
        List<String> appNames = scenario.applicationNames();
        int sites = scenario.edge().sites();
        int vms = scenario.edge().vmCount() + scenario.cloud().vmCount();
        for (Map.Entry<String, List<NodeSelector>> e : c.allowedNodes().entrySet()) {
            String key = "constraints.applications." + e.getKey();
            if (!appNames.contains(e.getKey())) {
                throw root.error(key, "no application '" + e.getKey() + "' in scenario " + scenario.name()
                        + "; applications: " + String.join(", ", appNames));
            }
            for (int i = 0; i < e.getValue().size(); i++) {
                NodeSelector s = e.getValue().get(i);
                String k = key + ".allowed_nodes[" + i + "]";
                if (s.kind() == NodeSelector.Kind.SITE && s.index() >= sites) {
                    throw root.error(k, "site " + s.index() + " does not exist; the scenario has sites 0.."
                            + (sites - 1));
                }
                if (s.kind() == NodeSelector.Kind.VM && s.index() >= vms) {
                    throw root.error(k, "vm " + s.index() + " does not exist; the scenario has VMs 0.." + (vms - 1));
                }
            }
        }
    }

    private static Path resolve(Path baseDir, String p) {
        if (p == null) {
            return null;
        }
        Path path = Path.of(p);
        return path.isAbsolute() || baseDir == null ? path : baseDir.resolve(path).normalize();
    }
}
