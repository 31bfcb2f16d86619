package org.offload.experiment;

import java.io.File;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.offload.experiment.engine.RunExecutor;
import org.offload.experiment.engine.RunOutput;
import org.offload.io.ResultWriter;
import org.offload.io.SummaryJson;
import org.offload.metrics.SimulationResult;
import org.offload.policy.PolicyRegistry;
import org.offload.policy.builtin.BuiltInPolicies;
import org.offload.scenario.Scenario;
import org.offload.sim.OffloadSimulation;

/**
 * The discrete-event study's work for one run, as a value that travels to other JVMs (a Spark executor): the
 * scenario text, the sweep's overrides and the bytes of the model files its {@code policy_options.model} names, read
 * on the driver. In the JVM that built it, it simulates with the sweep's registry and the files as named. A copy
 * deserialised elsewhere rebuilds the registry (the built-in policies plus the {@code PolicyProvider}s on the
 * thread's context class loader, e.g. jars added with {@code spark-submit --jars}) and writes the shipped model
 * files to a temporary folder for the run; the run's {@code scenario.yaml} still names the files as given, so its
 * files are the same as in the driver's JVM.
 */
final class DesEvaluator implements RunExecutor.Evaluator<RunPoint> {
    private static final long serialVersionUID = 1L;

    private final ScenarioSource source;
    private final List<String> overrides;
    /** File name as given in the {@code model} option → its bytes, in the option's order. */
    private final LinkedHashMap<String, byte[]> models;
    /** The sweep's configured policies by name. */
    private final LinkedHashMap<String, PolicyVariant> variants;
    /** The sweep's registry in the JVM that built this; in a deserialised copy, null until its first run builds one. */
    private transient PolicyRegistry registry;
    /** True in the JVM that built this (the model files are where they were named); false in a deserialised copy. */
    private transient boolean original;

    private DesEvaluator(ScenarioSource source, List<String> overrides, LinkedHashMap<String, byte[]> models,
                         PolicyRegistry registry, List<PolicyVariant> variants) {
        this.source = source;
        this.overrides = List.copyOf(overrides);
        this.models = models;
        this.variants = new LinkedHashMap<>();
        variants.forEach(v -> this.variants.put(v.name(), v));
        this.registry = registry;
        this.original = true;
    }

    /**
     * The evaluator of a sweep of {@code source} with the spec's {@code overrides}; {@code scenario} is a run's
     * scenario, whose {@code policy_options.model} files are read now. A file that cannot be read is a
     * {@link SweepSpecException} before any run starts.
     */
    static DesEvaluator of(ScenarioSource source, List<String> overrides, Scenario scenario, PolicyRegistry registry,
                           List<PolicyVariant> variants) {
        LinkedHashMap<String, byte[]> models = new LinkedHashMap<>();
        List<String> options = new ArrayList<>();
        if (scenario != null && scenario.policyOptions().get("model") != null) {
            options.add(scenario.policyOptions().get("model"));
        }
        variants.stream().map(v -> v.options().get("model")).filter(java.util.Objects::nonNull).forEach(options::add);
        for (String option : options) {
            for (String f : option.split(File.pathSeparator)) {
                if (f.isBlank() || models.containsKey(f)) {
                    continue;
                }
                Path file = Path.of(f);
                if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                    throw new SweepSpecException("policy option model: " + f + ": no such readable file (model files"
                            + " are read where the sweep starts and travel with its runs)");
                }
                try {
                    models.put(f, Files.readAllBytes(file));
                } catch (IOException e) {
                    throw new SweepSpecException("policy option model: " + f + ": cannot read it (" + e + ")");
                }
            }
        }
        return new DesEvaluator(source, overrides, models, registry, variants);
    }

    /** The overrides of one run: the spec's, then the axis's value, devices, policy and seed. */
    List<String> overrides(RunPoint p) {
        List<String> all = new ArrayList<>(overrides);
        if (p.axisKey() != null) {
            all.add(p.axisKey() + "=" + p.axisValue());
        }
        all.add("devices.count=" + p.devices());
        PolicyVariant v = variants.get(p.policy());
        if (v != null) {
            all.addAll(v.overrides());
        } else {
            all.add("policy=" + p.policy());
        }
        all.add("seed=" + p.seed());
        return all;
    }

    /** Simulates one run; its files are the effective scenario and then the summary. */
    @Override
    public RunOutput evaluate(RunPoint p) throws IOException {
        List<String> runOverrides = overrides(p);
        Scenario scenario = source.parse(runOverrides);
        SimulationResult result;
        String label = variants.containsKey(p.policy()) ? p.policy() : null;
        String given = scenario.policyOptions().get("model");
        if (original || models.isEmpty() || given == null) {
            result = simulate(scenario, Map.of(), label);
        } else {
            Path dir = Files.createTempDirectory("offload-models");
            try {
                Map<String, String> copies = new LinkedHashMap<>();
                int i = 0;
                for (Map.Entry<String, byte[]> m : models.entrySet()) {
                    Path copy = dir.resolve((i++) + "-" + Path.of(m.getKey()).getFileName());
                    Files.write(copy, m.getValue());
                    copies.put(m.getKey(), copy.toString());
                }
                List<String> local = new ArrayList<>();
                for (String f : given.split(File.pathSeparator)) {
                    local.add(copies.getOrDefault(f, f));
                }
                result = simulate(scenario, Map.of("model", String.join(File.pathSeparator, local)), label);
            } finally {
                deleteTree(dir);
            }
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(ResultWriter.SCENARIO_FILE, ResultWriter.effectiveScenarioYaml(scenario.name(), source.label(),
                source.text(), runOverrides).getBytes(StandardCharsets.UTF_8));
        String driftSeries = SummaryJson.driftSeriesCsv(result);
        if (driftSeries != null) {
            files.put(SummaryJson.DRIFT_SERIES_FILE, driftSeries.getBytes(StandardCharsets.UTF_8));
        }
        files.put(SummaryJson.FILE_NAME, SummaryJson.toText(result).getBytes(StandardCharsets.UTF_8));
        return new RunOutput(files, Metric.readAll(SummaryJson.toJson(result)));
    }

    /** The model files' names as given and their sizes in bytes (what travels with the runs). */
    Map<String, Integer> modelSizes() {
        Map<String, Integer> out = new LinkedHashMap<>();
        models.forEach((k, v) -> out.put(k, v.length));
        return Collections.unmodifiableMap(out);
    }

    private SimulationResult simulate(Scenario scenario, Map<String, String> options, String label) {
        PolicyRegistry r = registry;
        if (r == null) {
            r = BuiltInPolicies.registry().addProviders(Thread.currentThread().getContextClassLoader());
            registry = r;
        }
        return OffloadSimulation.builder(scenario).registry(r).policyOptions(options).label(label).build().run();
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        registry = null;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
