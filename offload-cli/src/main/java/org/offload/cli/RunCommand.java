package org.offload.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.offload.io.ResultWriter;
import org.offload.io.TraceWriter;
import org.offload.metrics.SimulationResult;
import org.offload.policy.PolicyRegistry;
import org.offload.scenario.Scenario;
import org.offload.sim.OffloadSimulation;
import org.offload.sim.SimulationBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code offload run}: runs one simulation, writes {@code summary.json}, {@code scenario.yaml} and optionally
 * {@code tasks.csv} into the output directory, and prints a summary table.
 */
@Command(name = "run", sortOptions = false, description = "Run one simulation and write its results.")
final class RunCommand implements Callable<Integer>, CommonOptions.Checked {
    @Mixin
    CommonOptions.ScenarioFile scenario;

    @Mixin
    CommonOptions.Overrides overrides;

    @Mixin
    CommonOptions.DeviceCount devices;

    @Mixin
    CommonOptions.PolicyChoice policy;

    @Mixin
    CommonOptions.Seed seed;

    @Mixin
    CommonOptions.Times times;

    @Option(names = "--trace", description = "Also write tasks.csv, one row per task.")
    boolean trace;

    @Option(names = "--remote", paramLabel = "URL",
            description = "Ask the decision service at URL (offload serve) for every decision and send it telemetry;"
                    + " then report the overhead against an in-process run of the service's policy.")
    String remote;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "With --remote: bearer token with the device role (default: $OFFLOAD_TOKEN).")
    String token;

    @Option(names = "--telemetry-interval-ms", paramLabel = "MS", defaultValue = "10",
            converter = Converters.NonNegative.class,
            description = "With --remote: telemetry at most every MS of simulated time, 0 = before every decision"
                    + " (default: ${DEFAULT-VALUE}).")
    double telemetryIntervalMs;

    @Mixin
    CommonOptions.Output out;

    @Mixin
    CommonOptions.Quiet quiet;

    @Mixin
    CommonOptions.Help help;

    /** Set while a --remote run is in progress. */
    private RemoteRun remoteRun;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (AigcCli.isAigc(scenario.file)) {
            return AigcCli.run(this, spec); // kind: aigc -> the slot-based AIGC environment (offload-aigc)
        }
        Problems problems = new Problems();
        LoadedScenario loaded = checked(problems);
        problems.throwIfAny();
        PolicyRegistry registry = Main.policyRegistry(spec);
        ExtrapolationWarnings.print(loaded.scenario(), spec.commandLine().getErr(), "offload run: ");
        Scenario scenario = loaded.scenario();
        Path dir = out.dir != null ? out.dir : defaultOutput(scenario);
        SimulationResult result = simulate(loaded, registry, dir);
        spec.commandLine().getOut().print(SummaryTable.render(result, dir.toString()));
        if (remoteRun != null) {
            remoteRun.report(spec.commandLine().getOut(), scenario, registry, policyOptions(), result);
        }
        return Main.OK;
    }

    @Override
    public void check(Problems problems) {
        if (!AigcCli.isAigc(scenario.file)) {
            checked(problems);
        }
    }

    /**
     * Checks every option on its own and the scenario with the overrides that passed, adding each problem to
     * {@code problems}; the loaded scenario, or null if it could not be loaded.
     */
    private LoadedScenario checked(Problems problems) {
        PolicyRegistry registry = Main.policyRegistry(spec);
        boolean knownPolicy = policy.name == null || registry.contains(policy.name);
        if (!knownPolicy) {
            problems.add(registry.unknownPolicy(policy.name));
        }
        policy.options(problems);
        problems.check(out::checked);
        List<String> all = overrides(knownPolicy);
        LoadedScenario loaded = problems.attempt(() -> times.explained(() -> LoadedScenario.load(scenario.file, all)));
        if (loaded != null && knownPolicy) {
            problems.check(() -> loaded.requireKnownPolicy(registry));
        }
        return loaded;
    }

    /**
     * Builds the simulation first, so that a policy option it cannot use is reported before anything is written
     * in {@code dir}; then runs it, streaming the trace when asked, and writes the scenario and the summary.
     */
    private SimulationResult simulate(LoadedScenario loaded, PolicyRegistry registry, Path dir) throws IOException {
        Scenario scenario = loaded.scenario();
        Map<String, String> options = policyOptions();
        SimulationBuilder builder = OffloadSimulation.builder(scenario).registry(registry)
                .policyOptions(options);
        if (remote != null) {
            remoteRun = RemoteRun.connect(remote, token, telemetryIntervalMs, scenario);
            remoteRun.requirePolicy(policy.name);
            builder.policy(remoteRun.policyName(), remoteRun.policy());
        }
        TraceWriter[] opened = new TraceWriter[1];
        if (trace) {
            builder.taskListener(r -> opened[0].onTaskEnded(r));
        }
        ConsoleProgress progress = !quiet.quiet && Main.interactive(spec) ? new ConsoleProgress(scenario.name()) : null;
        TraceWriter traceWriter = null;
        try {
            OffloadSimulation simulation = builder.progress(progress).build();
            ResultWriter writer = new ResultWriter(dir);
            if (trace) {
                traceWriter = writer.openTrace(scenario.applications().stream().anyMatch(a -> a.cascade() != null));
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

    /** The policy options (the command line has been checked: see {@link #checked}). */
    Map<String, String> policyOptions() {
        Problems problems = new Problems();
        Map<String, String> options = policy.options(problems);
        problems.throwIfAny();
        return options;
    }

    /** The {@code --set} values followed by the shortcut options as {@code key=value} overrides. */
    List<String> overrides(boolean withPolicy) {
        List<String> all = new ArrayList<>(overrides.sets);
        devices.addTo(all);
        if (policy.name != null && withPolicy) {
            all.add("policy=" + policy.name);
        }
        seed.addTo(all);
        times.addTo(all);
        return all;
    }

    /** {@code results/<scenario>-<policy>-<seed>}, relative to the working directory. */
    static Path defaultOutput(Scenario scenario) {
        String name = scenario.name() + "-" + scenario.policy() + "-" + scenario.seed();
        return Path.of("results", name.replaceAll("[^A-Za-z0-9._-]", "_"));
    }
}
