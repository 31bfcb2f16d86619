package org.offload.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.offload.io.ResultWriter;
import org.offload.io.TraceWriter;
import org.offload.metrics.SimulationResult;
import org.offload.policy.PolicyRegistry;
import org.offload.scenario.Scenario;
import org.offload.sim.OffloadSimulation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code offload run}: runs one simulation, writes {@code summary.json}, {@code scenario.yaml} and optionally
 * {@code tasks.csv} into the output directory, and prints a summary table.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run one simulation and write its results.")
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO",
            description = "Scenario YAML file (default: the bundled default scenario).")
    Path scenarioFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a scenario value, e.g. devices.count=400 or applications.HEALTH_APP.upload_kb=30."
                    + " Repeatable; applied in order, before the shortcut options below.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--devices", paramLabel = "N", description = "Number of devices (devices.count).")
    Integer devices;

    @Option(names = "--policy", paramLabel = "NAME", description = "Offloading policy; see 'offload policies'.")
    String policy;

    @Option(names = "--seed", paramLabel = "S", description = "Master random seed.")
    Long seed;

    @Option(names = "--model", paramLabel = "FILE",
            description = "Model file for a learned policy (dl-tier: a tier-nn and/or a vm-nn from 'offload train';"
                    + " default: the bundled ones). Repeatable.")
    List<Path> models = new ArrayList<>();

    @Option(names = "--policy-option", paramLabel = "KEY=VALUE",
            description = "Option passed to the policy, e.g. batch_window_s=0.05 for dl-tier. Repeatable.")
    List<String> policyOptions = new ArrayList<>();

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Simulated time, warm-up included (duration_s).")
    Double duration;

    @Option(names = "--warmup", paramLabel = "SECONDS", description = "Warm-up time not measured (warmup_s).")
    Double warmup;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output directory (default: results/<scenario>-<policy>-<seed>).")
    Path out;

    @Option(names = "--trace", description = "Also write tasks.csv, one row per task.")
    boolean trace;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Option(names = "--remote", paramLabel = "URL",
            description = "Ask the decision service at URL (offload serve) for every decision and send it telemetry;"
                    + " then report the overhead against an in-process run of the service's policy.")
    String remote;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "With --remote: bearer token with the device role (default: $OFFLOAD_TOKEN).")
    String token;

    @Option(names = "--telemetry-interval-ms", paramLabel = "MS", defaultValue = "10",
            description = "With --remote: telemetry at most every MS of simulated time, 0 = before every decision"
                    + " (default: ${DEFAULT-VALUE}).")
    double telemetryIntervalMs;

    /** Set while a --remote run is in progress. */
    private RemoteRun remoteRun;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (AigcCli.isAigc(scenarioFile)) {
            return AigcCli.run(this, spec); // kind: aigc -> the slot-based AIGC environment (offload-aigc)
        }
        PolicyRegistry registry = Main.policyRegistry();
        if (policy != null && !registry.contains(policy)) {
            throw new UsageException(registry.unknownPolicy(policy));
        }
        LoadedScenario loaded = LoadedScenario.load(scenarioFile, overrides());
        ExtrapolationWarnings.print(loaded.scenario(), spec.commandLine().getErr(), "offload run: ");
        loaded.requireKnownPolicy(registry);
        Scenario scenario = loaded.scenario();
        Path dir = out != null ? OutputDirectory.checked(out, "--out") : defaultOutput(scenario);
        SimulationResult result = simulate(loaded, registry, dir);
        spec.commandLine().getOut().print(SummaryTable.render(result, dir.toString()));
        if (remoteRun != null) {
            remoteRun.report(spec.commandLine().getOut(), scenario, registry, policyOptions(), result);
        }
        return Main.OK;
    }

    /**
     * Builds the simulation first, so that a policy option it cannot use is reported before anything is written
     * in {@code dir}; then runs it, streaming the trace when asked, and writes the scenario and the summary.
     */
    private SimulationResult simulate(LoadedScenario loaded, PolicyRegistry registry, Path dir) throws IOException {
        Scenario scenario = loaded.scenario();
        Map<String, String> options = policyOptions();
        OffloadSimulation.Builder builder = OffloadSimulation.builder(scenario).registry(registry)
                .policyOptions(options);
        if (remote != null) {
            remoteRun = RemoteRun.connect(remote, token, telemetryIntervalMs, scenario);
            remoteRun.requirePolicy(policy);
            builder.policy(remoteRun.policyName(), remoteRun.policy());
        }
        TraceWriter[] opened = new TraceWriter[1];
        if (trace) {
            builder.taskListener(r -> opened[0].onTaskEnded(r));
        }
        ConsoleProgress progress = !quiet && Main.interactive(spec) ? new ConsoleProgress(scenario.name()) : null;
        TraceWriter traceWriter = null;
        try {
            OffloadSimulation simulation = builder.progress(progress).build();
            ResultWriter writer = new ResultWriter(dir);
            if (trace) {
                traceWriter = writer.openTrace();
                opened[0] = traceWriter;
            } else {
                writer.deleteStaleTrace();
            }
            SimulationResult result = simulation.run();
            if (traceWriter != null) {
                traceWriter.close();
                traceWriter = null;
            }
            List<String> recorded = new ArrayList<>(loaded.overrides());
            List<String> notes = new ArrayList<>();
            recordPolicyOptions(options, recorded, notes);
            writer.writeScenario(scenario.name(), loaded.source(), loaded.text(), recorded, notes);
            writer.writeSummary(result);
            return result;
        } catch (IOException | RuntimeException | Error e) {
            if (traceWriter != null) {
                traceWriter.discard();
                try {
                    traceWriter.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        } finally {
            if (progress != null) {
                progress.close();
            }
        }
    }

    /**
     * Adds the options given on the command line to the overrides the effective {@code scenario.yaml} records, as
     * {@code policy_options.KEY}, so that running that file reproduces the run: model files with absolute paths,
     * and for each a note with its SHA-256, which tells whether the file still holds the model that was run.
     */
    static void recordPolicyOptions(Map<String, String> options, List<String> overrides, List<String> notes)
            throws IOException {
        for (Map.Entry<String, String> e : options.entrySet()) {
            String value = e.getValue();
            if (e.getKey().equals("model")) {
                List<String> files = new ArrayList<>();
                for (String f : value.split(File.pathSeparator)) {
                    if (!f.isBlank()) {
                        Path file = Path.of(f).toAbsolutePath().normalize();
                        files.add(file.toString());
                        notes.add("model file " + file + " sha256 " + sha256(file));
                    }
                }
                value = String.join(File.pathSeparator, files);
            }
            overrides.add("policy_options." + e.getKey() + "=" + yamlString(value));
        }
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** {@code text} as a double-quoted YAML scalar, so that it is read back as the same text. */
    static String yamlString(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }

    /**
     * {@code --policy-option} values, with {@code --model} files as option {@code model} (path-separated). A key given
     * twice, an empty {@code model=}, {@code model=} together with {@code --model}, and a {@code --model} that is
     * not a file are usage errors.
     */
    Map<String, String> policyOptions() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String kv : policyOptions) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--policy-option: expected KEY=VALUE, got '" + kv + "'");
            }
            String key = kv.substring(0, eq).trim();
            String value = kv.substring(eq + 1).trim();
            if (m.containsKey(key)) {
                throw new UsageException("--policy-option " + key + " given twice ('" + m.get(key) + "' and '"
                        + value + "'); give it once");
            }
            if (key.equals("model") && value.isEmpty()) {
                throw new UsageException("--policy-option model= is empty; name the model files, or leave the option"
                        + " out for the bundled models");
            }
            m.put(key, value);
        }
        if (!models.isEmpty()) {
            if (m.containsKey("model")) {
                throw new UsageException("--model and --policy-option model=... both given; use one of them"
                        + " (--model FILE is repeatable)");
            }
            List<String> files = new ArrayList<>();
            for (Path p : models) {
                if (Files.isDirectory(p)) {
                    throw new UsageException("--model: " + p + " is a directory, not a model file");
                }
                if (!Files.isRegularFile(p)) {
                    throw new UsageException("--model: no such file: " + p);
                }
                files.add(p.toString());
            }
            m.put("model", String.join(File.pathSeparator, files));
        }
        return m;
    }

    /** The {@code --set} values followed by the shortcut options as {@code key=value} overrides. */
    List<String> overrides() {
        List<String> all = new ArrayList<>(sets);
        if (devices != null) {
            if (devices < 1) {
                throw new UsageException("--devices: expected a whole number >= 1, got " + devices);
            }
            all.add("devices.count=" + devices);
        }
        if (policy != null) {
            all.add("policy=" + policy);
        }
        if (seed != null) {
            all.add("seed=" + seed);
        }
        LoadedScenario.addTimes(all, duration, warmup);
        return all;
    }

    /** {@code results/<scenario>-<policy>-<seed>}, relative to the working directory. */
    static Path defaultOutput(Scenario scenario) {
        String name = scenario.name() + "-" + scenario.policy() + "-" + scenario.seed();
        return Path.of("results", name.replaceAll("[^A-Za-z0-9._-]", "_"));
    }
}
