package org.offload.experiment;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.offload.io.AtomicFiles;

/**
 * {@value #FILE_NAME}: how a sweep was run. Keys: {@code command_line}, {@code spec} (the {@link SweepSpec}
 * under the sweep-file keys {@code scenario, set, devices, policies, replications, seed, threads} and, for a sweep
 * that varies a scenario key, {@code vary: {key, values}}),
 * {@code scenario_source}, {@code scenario_name}, {@code seed_derivation}, {@code runs}
 * ({@code total, executed, resumed, failed}), {@code failures} (one line each), {@code started} (ISO-8601),
 * {@code wall_time_s}, {@code generator}, {@code baseline} (the policy paired differences are taken against, or
 * null) and {@code executor} (where the runs ran, e.g. "2 threads").
 */
public record SweepManifest(String commandLine, SweepSpec spec, String scenarioSource, String scenarioName,
                            int executed, int resumed, List<String> failures, String started, double wallTimeS,
                            String generator, String baseline, String executor) {
    public static final String FILE_NAME = "sweep.json";

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    public SweepManifest {
        failures = List.copyOf(failures);
    }

    public ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("command_line", commandLine);
        ObjectNode s = root.putObject("spec");
        if (spec.scenario() == null) {
            s.putNull("scenario");
        } else {
            s.put("scenario", spec.scenario().toString());
        }
        ArrayNode set = s.putArray("set");
        spec.overrides().forEach(set::add);
        ArrayNode devices = s.putArray("devices");
        spec.devices().forEach(devices::add);
        ArrayNode policies = s.putArray("policies");
        spec.policies().forEach(policies::add);
        s.put("replications", spec.replications());
        s.put("seed", spec.seed());
        s.put("threads", spec.threads());
        if (spec.axis() != null) {
            ObjectNode vary = s.putObject("vary");
            vary.put("key", spec.axis().key());
            ArrayNode values = vary.putArray("values");
            spec.axis().values().forEach(values::add);
        }
        if (!spec.variants().isEmpty()) {
            ArrayNode variants = s.putArray("variants");
            for (PolicyVariant v : spec.variants()) {
                ObjectNode o = variants.addObject();
                o.put("name", v.name());
                o.put("policy", v.policy());
                ObjectNode options = o.putObject("options");
                v.options().forEach(options::put);
            }
        }
        root.put("scenario_source", scenarioSource);
        root.put("scenario_name", scenarioName);
        root.put("seed_derivation", "replication r (0-based) of every policy and device count runs with seed "
                + "RandomStreams.derive(" + spec.seed() + ", \"" + SweepSpec.SEED_STREAM + "\", r)");
        ObjectNode runs = root.putObject("runs");
        runs.put("total", spec.runCount());
        runs.put("executed", executed);
        runs.put("resumed", resumed);
        runs.put("failed", failures.size());
        ArrayNode f = root.putArray("failures");
        failures.forEach(f::add);
        root.put("started", started);
        root.put("wall_time_s", BigDecimal.valueOf(wallTimeS));
        root.put("generator", generator);
        if (baseline == null) {
            root.putNull("baseline");
        } else {
            root.put("baseline", baseline);
        }
        root.put("executor", executor);
        return root;
    }

    public void write(Path file) throws IOException {
        String text = JSON.writeValueAsString(toJson()) + "\n";
        AtomicFiles.writeString(file, text);
    }

    /** Reads a manifest written by {@link #write}. */
    public static SweepManifest read(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JacksonException e) {
            throw new IOException(file + ": not valid JSON (" + e.getOriginalMessage() + ", line "
                    + e.getLocation().getLineNr() + "); was it cut short?", e);
        }
        JsonNode s = root == null ? MissingNode.getInstance() : root.path("spec");
        if (!s.isObject()) {
            throw new IOException(file + ": no 'spec' object; not a sweep manifest");
        }
        try {
            JsonNode scenario = s.path("scenario");
            JsonNode vary = s.path("vary");
            SweepAxis axis = vary.isObject() ? new SweepAxis(vary.path("key").asText(), strings(vary.path("values")))
                    : null;
            SweepSpec spec = new SweepSpec(scenario.isTextual() ? Path.of(scenario.textValue()) : null,
                    strings(s.path("set")), ints(s.path("devices")), strings(s.path("policies")),
                    s.path("replications").asInt(), s.path("seed").asLong(), s.path("threads").asInt(1), axis,
                    variants(s.path("variants")));
            return new SweepManifest(root.path("command_line").asText(""), spec,
                    root.path("scenario_source").asText(""), root.path("scenario_name").asText(""),
                    root.path("runs").path("executed").asInt(), root.path("runs").path("resumed").asInt(),
                    strings(root.path("failures")), root.path("started").asText(""),
                    root.path("wall_time_s").asDouble(Double.NaN), root.path("generator").asText(""),
                    root.path("baseline").isTextual() ? root.path("baseline").textValue() : null,
                    root.path("executor").asText(""));
        } catch (SweepSpecException e) {
            throw new IOException(file + ": invalid spec: " + e.getMessage());
        }
    }

    private static List<PolicyVariant> variants(JsonNode array) {
        List<PolicyVariant> out = new ArrayList<>();
        for (JsonNode v : array) {
            java.util.Map<String, String> options = new java.util.LinkedHashMap<>();
            v.path("options").fields().forEachRemaining(e -> options.put(e.getKey(), e.getValue().asText()));
            out.add(new PolicyVariant(v.path("name").asText(), v.path("policy").asText(), options,
                    java.util.Map.of()));
        }
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asInt()));
        return out;
    }
}
