package org.offload.experiment;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A sweep file (YAML or JSON): a mapping with the optional keys {@code scenario} (path, relative to the sweep
 * file's folder), {@code devices} ({@code "200..2000:200"}, {@code "200,400"}, a number or a list of numbers),
 * {@code policies} (list or comma-separated text), {@code replications}, {@code seed}, {@code set} (list of
 * {@code key=value} overrides), {@code threads} and {@code vary} (a mapping {@code {key: KEY, values: [V1, V2, ...]}}:
 * one scenario key varied besides the devices, see {@link SweepAxis}). Unknown keys and wrong types are errors
 * naming the key.
 * Absent keys read as null, for the command line's options or the defaults to fill in. A {@code policies} item may be
 * a mapping {@code {name, policy, options}} instead of a name: a {@link PolicyVariant}, listed in {@code variants}
 * and by its name in {@code policies}; its errors name the file's line ({@code file:line: key: problem}).
 */
public record SweepSpecFile(Path scenario, List<Integer> devices, List<String> policies, Integer replications,
                            Long seed, List<String> set, Integer threads, SweepAxis vary,
                            List<PolicyVariant> variants) {
    /** The keys a sweep file may have. */
    public static final List<String> KEYS = List.of("scenario", "devices", "policies", "replications", "seed",
            "set", "threads", "vary");
    /** The keys of its {@code vary} mapping. */
    public static final List<String> VARY_KEYS = List.of("key", "values");

    private static final YAMLMapper YAML = new YAMLMapper();

    /** Reads and checks {@code file}; errors are {@link SweepSpecException}s naming the file and key. */
    public static SweepSpecFile read(Path file) {
        JsonNode root = readTree(file);
        if (root == null || root.isMissingNode() || root.isNull()) {
            root = YAML.createObjectNode();
        }
        return parse(file, "", root, KEYS);
    }

    /**
     * The {@code sweep:} block of a scenario file (the keys of a sweep file except {@code scenario}), or null
     * when the scenario has none.
     */
    public static SweepSpecFile fromScenario(Path scenarioFile) {
        JsonNode root = readTree(scenarioFile);
        JsonNode block = root == null || !root.isObject() ? null : root.get("sweep");
        if (block == null || block.isNull()) {
            return null;
        }
        return parse(scenarioFile, "sweep.", block, KEYS.subList(1, KEYS.size()));
    }

    private static JsonNode readTree(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (JacksonException e) {
            throw new SweepSpecException(file + ": not valid YAML or JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new SweepSpecException(file + ": cannot read the file (" + e + ")");
        }
    }

    private static SweepSpecFile parse(Path file, String prefix, JsonNode root, List<String> keys) {
        if (!root.isObject()) {
            throw new SweepSpecException(file + ": " + (prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1)
                    + ": ") + "expected a mapping with keys " + String.join(", ", keys));
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!keys.contains(k)) {
                throw new SweepSpecException(file + ": " + prefix + k + ": unknown key; allowed keys: "
                        + String.join(", ", keys));
            }
        }
        Reader r = new Reader(file, prefix, root);
        String scenario = r.text("scenario");
        Path base = file.toAbsolutePath().getParent();
        Path scenarioPath = scenario == null ? null
                : base == null || Path.of(scenario).isAbsolute() ? Path.of(scenario) : base.resolve(scenario).normalize();
        JsonNode policies = root.get("policies");
        boolean configured = policies != null && policies.isArray()
                && java.util.stream.StreamSupport.stream(policies.spliterator(), false).anyMatch(JsonNode::isObject);
        List<PolicyVariant> variants = configured ? PolicyVariants.read(file, prefix) : List.of();
        List<String> names = configured ? PolicyVariants.names(policies) : r.policies();
        return new SweepSpecFile(scenarioPath, r.devices(), names, r.integer("replications"),
                r.longInteger("seed"), r.strings("set"), r.integer("threads"), r.vary(), variants);
    }

    private record Reader(Path file, String prefix, JsonNode root) {
        SweepSpecException error(String key, String problem) {
            return new SweepSpecException(file + ": " + prefix + key + ": " + problem);
        }

        JsonNode get(String key) {
            JsonNode v = root.get(key);
            return v == null || v.isNull() ? null : v;
        }

        String text(String key) {
            JsonNode v = get(key);
            if (v == null) {
                return null;
            }
            if (!v.isTextual() || v.textValue().isBlank()) {
                throw error(key, "expected a file path, got " + v);
            }
            return v.textValue();
        }

        Integer integer(String key) {
            Long v = longInteger(key);
            if (v == null) {
                return null;
            }
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw error(key, "out of range: " + v);
            }
            return v.intValue();
        }

        Long longInteger(String key) {
            JsonNode v = get(key);
            if (v == null) {
                return null;
            }
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                throw error(key, "expected a whole number, got " + v);
            }
            return v.longValue();
        }

        List<Integer> devices() {
            JsonNode v = get("devices");
            if (v == null) {
                return null;
            }
            try {
                if (v.isTextual()) {
                    return SweepSpec.parseDevices(v.textValue());
                }
                if (v.isIntegralNumber()) {
                    return List.of(v.intValue());
                }
                if (v.isArray()) {
                    List<Integer> out = new ArrayList<>();
                    for (JsonNode d : v) {
                        if (!d.isIntegralNumber()) {
                            throw error("devices", "expected whole numbers, got " + d);
                        }
                        out.add(d.intValue());
                    }
                    return out;
                }
            } catch (SweepSpecException e) {
                throw new SweepSpecException(file + ": " + e.getMessage());
            }
            throw error("devices", "expected FROM..TO:STEP, a comma-separated list or a list of numbers, got " + v);
        }

        SweepAxis vary() {
            JsonNode v = get("vary");
            if (v == null) {
                return null;
            }
            if (v.isArray()) {
                throw error("vary", "one axis is supported besides the devices, got a list of " + v.size()
                        + "; give a single mapping {key: KEY, values: [V1, V2, ...]}");
            }
            if (!v.isObject()) {
                throw error("vary", "expected a mapping {key: KEY, values: [V1, V2, ...]}, got " + v);
            }
            for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!VARY_KEYS.contains(k)) {
                    throw error("vary." + k, "unknown key; allowed keys: " + String.join(", ", VARY_KEYS));
                }
            }
            JsonNode key = v.get("key");
            if (key == null || !key.isTextual() || key.textValue().isBlank()) {
                throw error("vary.key", "expected a scenario key (e.g. network.wlan.bandwidth_mbps), got " + key);
            }
            JsonNode values = v.get("values");
            List<String> out = new ArrayList<>();
            if (values != null && values.isTextual()) {
                out.addAll(List.of(values.textValue().split(",", -1)));
            } else if (values != null && values.isArray()) {
                for (JsonNode x : values) {
                    if (!x.isNumber() && !x.isTextual()) {
                        throw error("vary.values", "expected numbers, got " + x);
                    }
                    out.add(x.isNumber() ? x.decimalValue().toPlainString() : x.textValue());
                }
            } else if (values != null && values.isNumber()) {
                out.add(values.decimalValue().toPlainString());
            } else {
                throw error("vary.values", "expected a list of numbers (e.g. [2, 5, 10]), got " + values);
            }
            try {
                return new SweepAxis(key.textValue(), out);
            } catch (SweepSpecException e) {
                throw new SweepSpecException(file + ": " + prefix + e.getMessage());
            }
        }

        List<String> policies() {
            JsonNode v = get("policies");
            if (v == null) {
                return null;
            }
            if (v.isTextual()) {
                try {
                    return SweepSpec.parsePolicies(v.textValue());
                } catch (SweepSpecException e) {
                    throw new SweepSpecException(file + ": " + e.getMessage());
                }
            }
            return strings("policies");
        }

        List<String> strings(String key) {
            JsonNode v = get(key);
            if (v == null) {
                return null;
            }
            if (!v.isArray()) {
                throw error(key, "expected a list, got " + v);
            }
            List<String> out = new ArrayList<>();
            for (JsonNode s : v) {
                if (!s.isTextual()) {
                    throw error(key, "expected text items, got " + s);
                }
                out.add(s.textValue());
            }
            return out;
        }
    }
}
