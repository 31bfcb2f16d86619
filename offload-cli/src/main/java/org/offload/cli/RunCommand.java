package org.offload.cli;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PolicyRegistry registry = Main.policyRegistry();
        if (policy != null && !registry.contains(policy)) {
            throw new UsageException("unknown policy '" + policy + "'; known policies: "
                    + String.join(", ", registry.entries().keySet()));
        }
        LoadedScenario loaded = LoadedScenario.load(scenarioFile, overrides());
        loaded.requireKnownPolicy(registry);
        Scenario scenario = loaded.scenario();
        Path dir = out != null ? out : defaultOutput(scenario);
        ResultWriter writer = new ResultWriter(dir);

        SimulationResult result = simulate(scenario, registry, writer);
        writer.writeScenario(scenario.name(), loaded.source(), loaded.text(), loaded.overrides());
        writer.writeSummary(result);
        spec.commandLine().getOut().print(SummaryTable.render(result, dir.toString()));
        return Main.OK;
    }

    private SimulationResult simulate(Scenario scenario, PolicyRegistry registry, ResultWriter writer)
            throws IOException {
        OffloadSimulation.Builder builder = OffloadSimulation.builder(scenario).registry(registry);
        ConsoleProgress progress = !quiet && Main.interactive(spec) ? new ConsoleProgress(scenario.name()) : null;
        TraceWriter traceWriter = null;
        try {
            if (trace) {
                traceWriter = writer.openTrace();
                builder.taskListener(traceWriter);
            } else {
                writer.deleteStaleTrace();
            }
            builder.progress(progress);
            SimulationResult result = builder.build().run();
            if (traceWriter != null) {
                traceWriter.close();
            }
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
        if (duration != null) {
            all.add("duration_s=" + plain(duration));
        }
        if (warmup != null) {
            all.add("warmup_s=" + plain(warmup));
        }
        return all;
    }

    /** {@code results/<scenario>-<policy>-<seed>}, relative to the working directory. */
    static Path defaultOutput(Scenario scenario) {
        String name = scenario.name() + "-" + scenario.policy() + "-" + scenario.seed();
        return Path.of("results", name.replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    private static String plain(double v) {
        return Double.isFinite(v) ? BigDecimal.valueOf(v).toPlainString() : Double.toString(v);
    }
}
