package org.offload.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.offload.experiment.Estimate;
import org.offload.experiment.Metric;
import org.offload.experiment.RunFailure;
import org.offload.experiment.ScenarioSource;
import org.offload.experiment.SweepResult;
import org.offload.experiment.SweepRunner;
import org.offload.experiment.SweepSpec;
import org.offload.experiment.SweepSpecException;
import org.offload.experiment.SweepSpecFile;
import org.offload.report.Report;
import org.offload.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code offload sweep}: runs every policy at every device count, several replications each, in parallel;
 * writes per-run results, {@code sweep.csv}, {@code aggregate.csv}, {@code sweep.json} and the report.
 * Exit code 1 if any run failed (the others complete).
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run several policies at several numbers of devices, with replications, in parallel.",
                "Writes per-run results, aggregates with 95%% confidence intervals, charts and an HTML report. "
                        + "Replication r uses the same seed for every policy and device count (common random "
                        + "numbers)."})
final class SweepCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO",
            description = "Scenario YAML file (default: the sweep file's, else the bundled default scenario).")
    Path scenarioFile;

    @Option(names = "--devices", paramLabel = "LIST",
            description = "Numbers of devices: FROM..TO:STEP (inclusive, e.g. 200..2000:200) or a list "
                    + "(200,400,1000). Required unless the sweep file gives them.")
    String devices;

    @Option(names = "--policies", paramLabel = "A,B,...",
            description = "Policies, in the order reports list them (default: the scenario's policy); "
                    + "see 'offload policies'.")
    String policies;

    @Option(names = "--replications", paramLabel = "N", description = "Runs per policy and device count (default: 1).")
    Integer replications;

    @Option(names = "--threads", paramLabel = "T",
            description = "Simulations run at once (default: the number of processors). Results do not depend on it.")
    Integer threads;

    @Option(names = "--seed", paramLabel = "S",
            description = "Base seed the replications' seeds derive from (default: the scenario's seed).")
    Long seed;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a scenario value for every run, e.g. network.model=mm1. Repeatable; applied "
                    + "after the sweep file's and before --duration and --warmup.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Simulated time, warm-up included (duration_s).")
    Double duration;

    @Option(names = "--warmup", paramLabel = "SECONDS", description = "Warm-up time not measured (warmup_s).")
    Double warmup;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output directory (default: results/sweep-<scenario>-<seed>).")
    Path out;

    @Option(names = "--resume", description = "Keep runs that already have a summary.json in the output directory.")
    boolean resume;

    @Option(names = "--spec", paramLabel = "FILE",
            description = "Sweep file (YAML or JSON) with the keys scenario, devices, policies, replications, seed, "
                    + "set, threads; command-line options take precedence. Without it, a 'sweep:' block in the "
                    + "scenario file (same keys but scenario) is used.")
    Path specFile;

    @Option(names = "--no-report", description = "Do not draw the charts and report.html (see 'offload report').")
    boolean noReport;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SweepSpec sweep;
        Path dir;
        SweepResult result;
        try {
            sweep = sweepSpec();
            dir = out != null ? OutputDirectory.checked(out, "--out") : defaultOutput(sweep);
            try (SweepProgress progress = quiet ? null : new SweepProgress(Main.interactive(spec), err)) {
                result = SweepRunner.builder(sweep, dir)
                        .registry(Main.policyRegistry())
                        .resume(resume)
                        .listener(progress)
                        .commandLine(commandLine())
                        .generator("offload " + VersionProvider.version())
                        .build().run();
            }
        } catch (SweepSpecException e) {
            throw new UsageException(e.getMessage());
        }
        stdout.print(summary(result));
        if (!noReport) {
            Report report = ReportCommand.build(dir);
            stdout.println("Report:  " + report.html());
        }
        if (!result.succeeded()) {
            List<RunFailure> failures = result.failures();
            err.printf("offload: %d of %d runs failed (see %s):%n", failures.size(), sweep.runCount(),
                    dir.resolve(SweepRunner.FAILURES_FILE));
            failures.stream().limit(5).forEach(f -> err.println("  " + f.describe()));
            if (failures.size() > 5) {
                err.println("  ... and " + (failures.size() - 5) + " more");
            }
            return Main.INTERNAL_ERROR;
        }
        return Main.OK;
    }

    /** The sweep file's values, overridden by the command line's, with defaults filled in. */
    SweepSpec sweepSpec() {
        SweepSpecFile file = specFile != null ? SweepSpecFile.read(specFile) : null;
        Path scenario = scenarioFile != null ? scenarioFile : file != null ? file.scenario() : null;
        if (file == null && scenario != null) {
            file = SweepSpecFile.fromScenario(scenario);
        }
        List<String> overrides = new ArrayList<>();
        if (file != null && file.set() != null) {
            overrides.addAll(file.set());
        }
        overrides.addAll(sets);
        LoadedScenario.addTimes(overrides, duration, warmup);
        List<Integer> deviceCounts = devices != null ? SweepSpec.parseDevices(devices)
                : file != null ? file.devices() : null;
        if (deviceCounts == null) {
            throw new UsageException("--devices is required (e.g. --devices 200..2000:200), or a sweep file with "
                    + "'devices'");
        }
        Scenario base = ScenarioSource.read(scenario).parse(overrides);
        List<String> policyNames = policies != null ? SweepSpec.parsePolicies(policies)
                : file != null && file.policies() != null ? file.policies() : List.of(base.policy());
        int reps = replications != null ? replications
                : file != null && file.replications() != null ? file.replications() : 1;
        long baseSeed = seed != null ? seed : file != null && file.seed() != null ? file.seed() : base.seed();
        int t = threads != null ? threads
                : file != null && file.threads() != null ? file.threads() : SweepSpec.defaultThreads();
        return new SweepSpec(scenario, overrides, deviceCounts, policyNames, reps, baseSeed, t);
    }

    private static Path defaultOutput(SweepSpec sweep) {
        String name = ScenarioSource.read(sweep.scenario()).parse(sweep.overrides()).name();
        return Path.of("results", ("sweep-" + name + "-" + sweep.seed()).replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    private String commandLine() {
        List<String> parts = new ArrayList<>(List.of("offload"));
        for (String a : spec.commandLine().getParseResult().originalArgs()) {
            parts.add(a.matches("[A-Za-z0-9_./=:,+@%-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return String.join(" ", parts);
    }

    private static String summary(SweepResult r) {
        StringBuilder b = new StringBuilder();
        SweepSpec s = r.spec();
        b.append(String.format(Locale.ROOT, "Sweep    %d runs: %d executed, %d resumed, %d failed; %s on %d thread%s%n",
                s.runCount(), r.executed(), r.resumed(), r.failures().size(), wall(r.wallTimeS()),
                s.threads(), s.threads() == 1 ? "" : "s"));
        b.append("Output   ").append(r.directory()).append('\n').append('\n');
        List<Object> header = new ArrayList<>(List.of("Mean service time (s)"));
        s.devices().forEach(header::add);
        TextTable table = new TextTable(header.stream().map(String::valueOf).toArray(String[]::new));
        for (String p : s.policies()) {
            List<Object> row = new ArrayList<>(List.of(p));
            for (int d : s.devices()) {
                Estimate e = r.aggregate().stream().filter(a -> a.policy().equals(p) && a.devices() == d)
                        .findFirst().map(a -> a.estimate(Metric.SERVICE_TIME_MEAN)).orElse(Estimate.EMPTY);
                row.add(Double.isFinite(e.mean()) ? String.format(Locale.ROOT, "%.3f", e.mean()) : "-");
            }
            table.row(row.toArray());
        }
        b.append(table.render("")).append('\n');
        return b.toString();
    }

    private static String wall(double seconds) {
        return seconds < 60 ? String.format(Locale.ROOT, "%.1f s", seconds) : SweepProgress.clock(seconds);
    }
}
