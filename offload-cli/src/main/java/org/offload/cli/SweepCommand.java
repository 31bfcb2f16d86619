package org.offload.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.offload.experiment.AggregateRow;
import org.offload.experiment.Estimate;
import org.offload.experiment.Metric;
import org.offload.experiment.PolicyVariant;
import org.offload.experiment.RunFailure;
import org.offload.experiment.RunPoint;
import org.offload.experiment.SweepAxis;
import org.offload.experiment.ScenarioSource;
import org.offload.experiment.SweepResult;
import org.offload.experiment.SweepRunner;
import org.offload.experiment.SweepSpec;
import org.offload.experiment.SweepSpecException;
import org.offload.experiment.SweepSpecFile;
import org.offload.experiment.engine.RunExecutor;
import org.offload.io.TextFiles;
import org.offload.policy.PolicyRegistry;
import org.offload.report.Report;
import org.offload.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code offload sweep}: runs every policy at every device count, several replications each, in parallel;
 * writes per-run results, {@code sweep.csv}, {@code aggregate.csv}, {@code sweep.json} and the report.
 * Exit code 1 if any run failed (the others complete).
 */
@Command(name = "sweep", sortOptions = false,
        description = {"Run several policies at several numbers of devices, with replications, in parallel.",
                "Writes per-run results, aggregates with 95%% confidence intervals, charts and an HTML report. "
                        + "Replication r uses the same seed for every policy and device count (common random "
                        + "numbers)."})
final class SweepCommand implements Callable<Integer>, CommonOptions.Checked {
    @Mixin
    CommonOptions.ScenarioFile scenario;

    @Mixin
    CommonOptions.Overrides overrides;

    @Option(names = {"-n", "--devices"}, paramLabel = "LIST",
            description = "Numbers of devices: FROM..TO:STEP (inclusive, e.g. 200..2000:200) or a list "
                    + "(200,400,1000). Required unless the sweep file gives them.")
    String devices;

    @Option(names = "--vary", paramLabel = "KEY=V1,V2,...",
            description = "Also vary one scenario key (as --set names it) over these numbers, e.g. "
                    + "network.wlan.bandwidth_mbps=2,5,10,20,50: every policy runs at every value × device count. "
                    + "One --vary at most. The report charts against it.")
    List<String> vary = new ArrayList<>();

    @Option(names = "--tradeoff", paramLabel = "X,Y",
            description = "Also chart metric Y against metric X (sweep.csv column names, e.g. "
                    + "service_time_mean_s,cascade_accuracy): one point per device count or axis value, one line per "
                    + "policy. Repeatable.")
    List<String> tradeoffs = new ArrayList<>();

    @Option(names = {"-p", "--policies"}, paramLabel = "A,B,...",
            description = "Policies, in the order reports list them (default: the scenario's policy); "
                    + "see 'offload policies'.")
    String policies;

    @Mixin
    CommonOptions.Seed seed;

    @Mixin
    CommonOptions.Times times;

    @Option(names = "--replications", paramLabel = "N", converter = Converters.Count.class,
            description = "Runs per policy and device count (default: 1).")
    Integer replications;

    @Option(names = "--threads", paramLabel = "T", converter = Converters.Count.class,
            description = "Simulations run at once (default: the number of processors). Results do not depend on it.")
    Integer threads;

    @Mixin
    EngineOptions engine;

    @Option(names = "--spec", paramLabel = "FILE",
            description = "Sweep file (YAML or JSON) with the keys scenario, devices, policies (names, or {name, policy, "
                    + "options} for a policy with its options under a name of its own), replications, seed, "
                    + "set, threads, vary ({key: KEY, values: [..]}); command-line options take precedence. Without it, a 'sweep:' block in the "
                    + "scenario file (same keys but scenario) is used.")
    Path specFile;

    @Option(names = "--resume", description = "Keep the runs of this sweep that already have a summary.json in the "
            + "output directory and run the rest (also after Ctrl-C).")
    boolean resume;

    @Option(names = "--force", description = "Replace the runs an earlier sweep left in the output directory (without "
            + "--resume or --force, such a directory is refused).")
    boolean force;

    @Option(names = "--baseline", paramLabel = "POLICY", description = "Compare every other policy with this one, "
            + "paired by replication (common random numbers): paired.csv and the report's paired-difference figures.")
    String baseline;

    @Option(names = "--no-report", description = "Do not draw the charts and report.html (see 'offload report').")
    boolean noReport;

    @Mixin
    CommonOptions.Output out;

    @Mixin
    CommonOptions.Quiet quiet;

    @Mixin
    CommonOptions.Help help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Problems problems = new Problems();
        SweepSpec sweep = sweepSpec(problems);
        problems.throwIfAny();
        Path dir = out.dir != null ? out.dir : defaultOutput(sweep);
        SweepResult result;
        RunExecutor executor = engine.executor(sweep.threads());
        SweepProgress progress = new SweepProgress(Main.interactive(spec) && !quiet.quiet, quiet.quiet, err);
        try (progress; InterruptNotice notice = new InterruptNotice("offload sweep", err, dir, progress)) {
            result = SweepRunner.builder(sweep, dir)
                    .registry(Main.policyRegistry(spec))
                    .resume(resume)
                    .force(force)
                    .baseline(baseline)
                    .listener(progress)
                    .executor(executor)
                    .commandLine(commandLine())
                    .generator("offload " + VersionProvider.version())
                    .build().run();
        } catch (SweepSpecException e) {
            throw new UsageException(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            EngineOptions.close(executor);
        }
        stdout.print(summary(result, executor.describe()));
        if (!noReport) {
            Report report = ReportCommand.build(dir, null, tradeoffs);
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

    @Override
    public void check(Problems problems) {
        sweepSpec(problems);
    }

    /**
     * The sweep file's values, overridden by the command line's, with defaults filled in; every problem found on
     * the way is added to {@code problems} (then the result is null or not to be used).
     */
    SweepSpec sweepSpec(Problems problems) {
        problems.check(out::checked);
        engine.check(problems);
        problems.check(() -> ReportCommand.tradeoffs(tradeoffs));
        SweepSpecFile file = specFile == null ? null : sweepFile(problems, () -> SweepSpecFile.read(specFile));
        Path scenarioPath = scenario.file != null ? scenario.file : file != null ? file.scenario() : null;
        boolean readable = scenarioPath == null || problems.check(() -> TextFiles.readUtf8(scenarioPath));
        if (file == null && specFile == null && scenarioPath != null && readable) {
            file = sweepFile(problems, () -> SweepSpecFile.fromScenario(scenarioPath));
        }
        List<String> all = new ArrayList<>();
        if (file != null && file.set() != null) {
            all.addAll(file.set());
        }
        all.addAll(overrides.sets);
        times.addTo(all);
        List<Integer> deviceCounts = devices != null
                ? sweepFile(problems, () -> SweepSpec.parseDevices(devices)) : file != null ? file.devices() : null;
        if (deviceCounts == null && devices == null) {
            problems.add("--devices is required (e.g. --devices 200..2000:200), or a sweep file with 'devices'");
        }
        List<String> policyNames = policies != null ? sweepFile(problems, () -> SweepSpec.parsePolicies(policies))
                : file != null ? file.policies() : null;
        PolicyRegistry registry = Main.policyRegistry(spec);
        List<PolicyVariant> variants = file != null && file.variants() != null ? file.variants() : List.of();
        PolicyVariantCheck.names(variants, registry, problems);
        if (policyNames != null) {
            policyNames.stream().filter(p -> !registry.contains(p) && variants.stream().noneMatch(
                    v -> v.name().equals(p))).forEach(p -> problems.add(
                    (policies != null ? "--policies: " : "") + registry.unknownPolicy(p)));
        }
        SweepAxis axis = vary.size() > 1
                ? fail(problems, "--vary: one axis is supported besides --devices, got " + vary.size() + " ("
                        + String.join(" ", vary) + "); run one sweep per extra key")
                : vary.size() == 1 ? sweepFile(problems, () -> SweepAxis.parse(vary.get(0)))
                : file != null ? file.vary() : null;
        LoadedScenario loaded = !readable ? null
                : problems.attempt(() -> times.explained(() -> LoadedScenario.load(scenarioPath, all)));
        Scenario base = loaded == null ? null : loaded.scenario();
        if (axis != null && loaded != null) {
            AxisCheck.check(axis, loaded, all, problems);
        }
        if (base == null || deviceCounts == null || !problems.isEmpty()) {
            return null;
        }
        PolicyVariantCheck.options(variants, registry, base, problems);
        if (policyNames == null) {
            policyNames = List.of(base.policy());
        }
        if (baseline != null && !policyNames.contains(baseline)) {
            problems.add("--baseline: '" + baseline + "' is not one of the sweep's policies ("
                    + String.join(", ", policyNames) + ")");
        }
        if (resume && force) {
            problems.add("--resume and --force: choose one (--resume keeps this sweep's finished runs, --force "
                    + "replaces them)");
        }
        if (!problems.isEmpty()) {
            return null;
        }
        int reps = replications != null ? replications
                : file != null && file.replications() != null ? file.replications() : 1;
        long baseSeed = seed.seed != null ? seed.seed : file != null && file.seed() != null ? file.seed() : base.seed();
        int t = threads != null ? threads
                : file != null && file.threads() != null ? file.threads() : SweepSpec.defaultThreads();
        List<String> names = policyNames;
        return sweepFile(problems, () -> new SweepSpec(scenarioPath, all, deviceCounts, names, reps, baseSeed, t,
                axis, variants));
    }

    private static <T> T fail(Problems problems, String message) {
        problems.add(message);
        return null;
    }

    /** {@code read}'s value, or null with its {@link SweepSpecException} added to {@code problems}. */
    private static <T> T sweepFile(Problems problems, java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (SweepSpecException e) {
            problems.add(e.getMessage());
            return null;
        }
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

    /**
     * The sweep's counts and, per policy and device count, the mean service time with its 95% interval and the
     * failure rate beside it (a mean service time over completed tasks means little without it); {@code executor}
     * says where the runs executed ({@code RunExecutor.describe()}).
     */
    static String summary(SweepResult r, String executor) {
        StringBuilder b = new StringBuilder();
        SweepSpec s = r.spec();
        b.append(String.format(Locale.ROOT, "Sweep    %d runs: %d executed, %d resumed, %d failed; %s on %s%n",
                s.runCount(), r.executed(), r.resumed(), r.failures().size(), wall(r.wallTimeS()), executor));
        b.append("Output   ").append(r.directory()).append('\n').append('\n');
        b.append("Mean service time (s) [95% CI], failed tasks (%); n = replications per cell").append('\n');
        List<Object> header = new ArrayList<>(List.of("policy"));
        List<RunPoint> cells = s.points().stream().filter(p -> p.replication() == 0
                && p.policy().equals(s.policies().get(0))).toList();
        if (s.axis() != null) {
            b.append("Columns: ").append(s.axis().key()).append(s.devices().size() == 1 ? " (" + s.devices().get(0)
                    + " devices)" : " / devices").append('\n');
        }
        cells.forEach(c -> header.add(c.axisKey() == null ? c.devices() + " devices"
                : s.devices().size() == 1 ? c.axisValue() : c.axisValue() + " / " + c.devices()));
        TextTable table = new TextTable(header.stream().map(String::valueOf).toArray(String[]::new));
        for (String p : s.policies()) {
            List<Object> row = new ArrayList<>(List.of(p));
            for (RunPoint c : cells) {
                AggregateRow a = r.aggregate().stream().filter(x -> x.policy().equals(p) && x.devices() == c.devices()
                        && java.util.Objects.equals(x.axisValue(), c.axisValue())).findFirst().orElse(null);
                Estimate e = a == null ? Estimate.EMPTY : a.estimate(Metric.SERVICE_TIME_MEAN);
                Estimate f = a == null ? Estimate.EMPTY : a.estimate(Metric.FAILURE_RATE);
                row.add(!Double.isFinite(e.mean()) ? "-" : String.format(Locale.ROOT, "%.3f [%.3f, %.3f] %.1f%%",
                        e.mean(), e.ci95Low(), e.ci95High(), 100 * f.mean()));
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
