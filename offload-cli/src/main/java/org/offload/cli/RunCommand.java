package org.offload.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
            throw new UsageException("unknown policy '" + policy + "'; known policies: "
                    + String.join(", ", registry.entries().keySet()));
        }
        LoadedScenario loaded = LoadedScenario.load(scenarioFile, overrides());
        loaded.requireKnownPolicy(registry);
        Scenario scenario = loaded.scenario();
        Path dir = out != null ? out : defaultOutput(scenario);
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
        OffloadSimulation.Builder builder = OffloadSimulation.builder(scenario).registry(registry)
                .policyOptions(policyOptions());
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
            writer.writeScenario(scenario.name(), loaded.source(), loaded.text(), loaded.overrides());
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

    /** {@code --policy-option} values, with {@code --model} files as option {@code model} (path-separated). */
    Map<String, String> policyOptions() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String kv : policyOptions) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--policy-option: expected KEY=VALUE, got '" + kv + "'");
            }
            m.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
        if (!models.isEmpty()) {
            List<String> files = new ArrayList<>();
            for (Path p : models) {
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
