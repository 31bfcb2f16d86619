package org.offload.service;

import static org.offload.io.Section.describe;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.offload.model.Tier;
import org.offload.scenario.Scenario;

/**
 * Reads a service configuration YAML file. Strict: unknown keys, wrong types and out-of-range values fail with a
 * {@link ServiceConfigException} naming file, line and full key. Relative paths in the file resolve against the
 * file's directory. Every key is optional; see {@link ServiceConfig} for the defaults.
 *
 * <pre>
 * host: 127.0.0.1                 port: 8080
 * scenario: scenarios/default.yaml
 * policy: least-utilised          model: path/to/model   (optional)
 * telemetry: {max_age_s: 30}
 * limits: {max_body_bytes: 16384, body_timeout_s: 5, rate_per_s: 20000, rate_burst: 2000}
 * tls: {keystore: ks.p12, password_env: OFFLOAD_KEYSTORE_PASSWORD}    # or password_file: FILE
 * auth: {tokens_file: tokens.txt}
 * audit: {file: audit.jsonl, decisions: false}
 * shutdown: {grace_s: 10}
 * constraints:
 *   data_classes:
 *     patient-records: {keep_on: [device, edge], max_latency_s: 2.0}
 *   applications:
 *     HEALTH_APP: {allowed_nodes: [local, site:0, cloud]}
 * </pre>
 */
public final class ServiceConfigLoader {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

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
        private final String file;
        private final Map<String, Integer> lines;

        private Loaded(ServiceConfig config, String file, Map<String, Integer> lines) {
            this.config = config;
            this.file = file;
            this.lines = lines;
        }

        public ServiceConfig config() {
            return config;
        }

        /**
         * Checks the constraints against the scenario the service will use: applications must exist, and
         * {@code site:N} / {@code vm:N} must name existing nodes.
         */
        public void check(Scenario scenario) {
            checkConstraints(config.constraints(), scenario, file, lines);
        }
    }

    /** Parses {@code file}. */
    public Loaded load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ServiceConfigException(file.toString(), -1, "", "cannot read the file (" + e.getMessage() + ")");
        }
        Path dir = file.toAbsolutePath().getParent();
        return parse(text, file.toString(), dir);
    }

    /** Parses configuration text; {@code source} labels errors, relative paths resolve against {@code baseDir}. */
    public Loaded parse(String text, String source, Path baseDir) {
        Tree tree = Tree.parse(source, new StringReader(text));
        Sec root = new Sec(tree, "", tree.root);
        root.allow("host", "port", "scenario", "policy", "model", "telemetry", "limits", "tls", "auth", "audit",
                "shutdown", "constraints");
        ServiceConfig d = ServiceConfig.defaults();
        String host = root.text("host", d.host());
        int port = (int) root.integer("port", d.port(), 0, 65535);
        Path scenario = root.has("scenario") ? resolve(baseDir, root.text("scenario", null)) : null;
        String policy = root.text("policy", d.policy());
        Path model = root.has("model") ? resolve(baseDir, root.text("model", null)) : null;

        double maxAge = d.telemetryMaxAgeS();
        if (root.has("telemetry")) {
            Sec t = root.section("telemetry").allow("max_age_s");
            maxAge = t.number("max_age_s", maxAge, 0.001, 1e9);
        }
        int body = d.maxBodyBytes();
        double bodyTimeout = d.bodyTimeoutS();
        double rate = d.ratePerS();
        double burst = d.rateBurst();
        if (root.has("limits")) {
            Sec l = root.section("limits").allow("max_body_bytes", "body_timeout_s", "rate_per_s", "rate_burst");
            body = (int) l.integer("max_body_bytes", body, 256, 64L * 1024 * 1024);
            bodyTimeout = l.number("body_timeout_s", bodyTimeout, 0.1, 300);
            rate = l.number("rate_per_s", rate, 0, 1e9);
            burst = l.number("rate_burst", burst, 1, 1e9);
        }
        ServiceConfig.Tls tls = null;
        if (root.has("tls")) {
            Sec t = root.section("tls").allow("keystore", "password_env", "password_file");
            Path ks = resolve(baseDir, t.text("keystore", null));
            if (ks == null) {
                throw t.error("keystore", "is required");
            }
            if (t.has("password_env") == t.has("password_file")) {
                throw tree.error(t.key(""), "give exactly one of password_env and password_file");
            }
            String password;
            if (t.has("password_env")) {
                String var = t.text("password_env", null);
                password = env.apply(var);
                if (password == null) {
                    throw t.error("password_env", "environment variable " + var + " is not set");
                }
            } else {
                Path pf = resolve(baseDir, t.text("password_file", null));
                try {
                    password = Files.readString(pf, StandardCharsets.UTF_8).strip();
                } catch (IOException e) {
                    throw t.error("password_file", "cannot read " + pf + " (" + e.getMessage() + ")");
                }
            }
            tls = new ServiceConfig.Tls(ks, password);
        }
        Path tokens = null;
        if (root.has("auth")) {
            Sec a = root.section("auth").allow("tokens_file");
            tokens = a.has("tokens_file") ? resolve(baseDir, a.text("tokens_file", null)) : null;
        }
        Path audit = null;
        boolean auditDecisions = false;
        if (root.has("audit")) {
            Sec a = root.section("audit").allow("file", "decisions");
            audit = a.has("file") ? resolve(baseDir, a.text("file", null)) : null;
            auditDecisions = a.bool("decisions", false);
        }
        double grace = d.shutdownGraceS();
        if (root.has("shutdown")) {
            grace = root.section("shutdown").allow("grace_s").number("grace_s", grace, 0, 3600);
        }
        Constraints constraints = root.has("constraints") ? constraints(root.section("constraints")) : Constraints.NONE;
        ServiceConfig config = new ServiceConfig(host, port, scenario, policy, model, maxAge, body, bodyTimeout, rate,
                burst, tls, tokens, audit, auditDecisions, grace, constraints);
        return new Loaded(config, source, tree.lines);
    }

    private static Constraints constraints(Sec c) {
        c.allow("data_classes", "applications");
        Map<String, Constraints.DataClass> classes = new LinkedHashMap<>();
        if (c.has("data_classes")) {
            Sec dc = c.section("data_classes");
            for (String name : dc.keys()) {
                Sec s = dc.section(name).allow("keep_on", "max_latency_s");
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
                double slo = s.number("max_latency_s", Double.POSITIVE_INFINITY, 1e-6, 1e9);
                classes.put(name, new Constraints.DataClass(name, keep, slo));
            }
        }
        Map<String, List<NodeSelector>> apps = new LinkedHashMap<>();
        if (c.has("applications")) {
            Sec as = c.section("applications");
            for (String name : as.keys()) {
                Sec s = as.section(name).allow("allowed_nodes");
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

    static void checkConstraints(Constraints c, Scenario scenario, String file, Map<String, Integer> lines) {
        List<String> appNames = scenario.applicationNames();
        int sites = scenario.edge().sites();
        int vms = scenario.edge().vmCount() + scenario.cloud().vmCount();
        for (Map.Entry<String, List<NodeSelector>> e : c.allowedNodes().entrySet()) {
            String key = "constraints.applications." + e.getKey();
            if (!appNames.contains(e.getKey())) {
                throw new ServiceConfigException(file, lines.getOrDefault(key, -1), key, "no application '"
                        + e.getKey() + "' in scenario " + scenario.name() + "; applications: "
                        + String.join(", ", appNames));
            }
            for (int i = 0; i < e.getValue().size(); i++) {
                NodeSelector s = e.getValue().get(i);
                String k = key + ".allowed_nodes[" + i + "]";
                if (s.kind() == NodeSelector.Kind.SITE && s.index() >= sites) {
                    throw new ServiceConfigException(file, lines.getOrDefault(k, -1), k, "site " + s.index()
                            + " does not exist; the scenario has sites 0.." + (sites - 1));
                }
                if (s.kind() == NodeSelector.Kind.VM && s.index() >= vms) {
                    throw new ServiceConfigException(file, lines.getOrDefault(k, -1), k, "vm " + s.index()
                            + " does not exist; the scenario has VMs 0.." + (vms - 1));
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

    // ------------------------------------------------------------------ strict YAML tree with line numbers

    private static final class Tree {
        final String file;
        final Map<String, Integer> lines = new HashMap<>();
        ObjectNode root;

        Tree(String file) {
            this.file = file;
        }

        static Tree parse(String file, Reader in) {
            Tree t = new Tree(file);
            try (JsonParser p = new YAMLFactory().createParser(in)) {
                JsonToken first = p.nextToken();
                if (first == null) {
                    t.root = NODES.objectNode();
                    return t;
                }
                if (first != JsonToken.START_OBJECT) {
                    throw new ServiceConfigException(file, line(p), "", "the top level must be a mapping of keys to values");
                }
                t.root = (ObjectNode) t.read(p, "");
                if (p.nextToken() != null) {
                    throw new ServiceConfigException(file, line(p), "", "only one YAML document is allowed");
                }
            } catch (StreamReadException e) {
                int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
                String msg = e.getOriginalMessage() == null ? e.toString()
                        : e.getOriginalMessage().lines().findFirst().orElse("");
                throw new ServiceConfigException(file, line, "", "invalid YAML: " + msg);
            } catch (IOException e) {
                throw new ServiceConfigException(file, -1, "", "cannot read (" + e.getMessage() + ")");
            }
            return t;
        }

        private JsonNode read(JsonParser p, String path) throws IOException {
            JsonToken token = p.currentToken();
            switch (token) {
                case START_OBJECT -> {
                    ObjectNode obj = NODES.objectNode();
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        String child = path.isEmpty() ? name : path + "." + name;
                        int line = line(p);
                        if (obj.has(name)) {
                            throw new ServiceConfigException(file, line, child, "duplicate key");
                        }
                        lines.put(child, line);
                        p.nextToken();
                        obj.set(name, read(p, child));
                    }
                    return obj;
                }
                case START_ARRAY -> {
                    ArrayNode arr = NODES.arrayNode();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        String child = path + "[" + arr.size() + "]";
                        lines.put(child, line(p));
                        arr.add(read(p, child));
                    }
                    return arr;
                }
                case VALUE_STRING -> {
                    return NODES.textNode(p.getText());
                }
                case VALUE_NUMBER_INT -> {
                    return NODES.numberNode(p.getLongValue());
                }
                case VALUE_NUMBER_FLOAT -> {
                    return NODES.numberNode(p.getDoubleValue());
                }
                case VALUE_TRUE, VALUE_FALSE -> {
                    return NODES.booleanNode(token == JsonToken.VALUE_TRUE);
                }
                case VALUE_NULL -> {
                    return NODES.nullNode();
                }
                default -> throw new ServiceConfigException(file, line(p), path, "unsupported YAML value (" + token + ")");
            }
        }

        ServiceConfigException error(String key, String problem) {
            for (String k = key; ; ) {
                Integer line = lines.get(k);
                if (line != null) {
                    return new ServiceConfigException(file, line, key, problem);
                }
                if (k.isEmpty()) {
                    return new ServiceConfigException(file, -1, key, problem);
                }
                int i = Math.max(k.lastIndexOf('.'), k.lastIndexOf('['));
                k = i < 0 ? "" : k.substring(0, i);
            }
        }

        private static int line(JsonParser p) {
            return p.currentTokenLocation().getLineNr();
        }
    }

    /** One mapping of the tree, with typed strict accessors. */
    private static final class Sec {
        final Tree tree;
        final String path;
        final JsonNode node;

        Sec(Tree tree, String path, JsonNode node) {
            this.tree = tree;
            this.path = path;
            this.node = node;
            if (!node.isObject()) {
                throw tree.error(path, "expected a mapping of keys to values, got " + describe(node));
            }
        }

        Sec allow(String... allowed) {
            List<String> keys = Arrays.asList(allowed);
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!keys.contains(k)) {
                    throw error(k, "unknown key; allowed keys here: " + String.join(", ", keys));
                }
            }
            return this;
        }

        List<String> keys() {
            List<String> out = new ArrayList<>();
            node.fieldNames().forEachRemaining(out::add);
            return out;
        }

        String key(String k) {
            return path.isEmpty() ? k : k.isEmpty() ? path : path + "." + k;
        }

        ServiceConfigException error(String k, String problem) {
            return tree.error(key(k), problem);
        }

        boolean has(String k) {
            return node.hasNonNull(k);
        }

        Sec section(String k) {
            return new Sec(tree, key(k), node.get(k));
        }

        String text(String k, String def) {
            if (!has(k)) {
                return def;
            }
            JsonNode v = node.get(k);
            if (!v.isTextual()) {
                throw error(k, "expected a string, got " + describe(v));
            }
            return v.textValue();
        }

        boolean bool(String k, boolean def) {
            if (!has(k)) {
                return def;
            }
            JsonNode v = node.get(k);
            if (!v.isBoolean()) {
                throw error(k, "expected true or false, got " + describe(v));
            }
            return v.booleanValue();
        }

        double number(String k, double def, double min, double max) {
            if (!has(k)) {
                return def;
            }
            JsonNode v = node.get(k);
            if (!v.isNumber()) {
                throw error(k, "expected a number, got " + describe(v));
            }
            double d = v.doubleValue();
            if (!(d >= min && d <= max)) {
                throw error(k, "must be in [" + plain(min) + ", " + plain(max) + "], got " + plain(d));
            }
            return d;
        }

        long integer(String k, long def, long min, long max) {
            if (!has(k)) {
                return def;
            }
            JsonNode v = node.get(k);
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                throw error(k, "expected an integer, got " + describe(v));
            }
            long n = v.longValue();
            if (n < min || n > max) {
                throw error(k, "must be in [" + min + ", " + max + "], got " + n);
            }
            return n;
        }

        List<String> texts(String k) {
            if (!has(k)) {
                throw error(k, "is required");
            }
            JsonNode v = node.get(k);
            if (!v.isArray()) {
                throw error(k, "expected a list, got " + describe(v));
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                if (!v.get(i).isTextual()) {
                    throw error(k + "[" + i + "]", "expected a string, got " + describe(v.get(i)));
                }
                out.add(v.get(i).textValue());
            }
            return out;
        }

        private static String plain(double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
        }
    }
}
