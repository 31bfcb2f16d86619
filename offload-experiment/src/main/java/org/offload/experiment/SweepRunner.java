package org.offload.experiment;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.offload.experiment.engine.Group;
import org.offload.experiment.engine.Outcome;
import org.offload.experiment.engine.RunExecutor;
import org.offload.experiment.engine.RunListener;
import org.offload.experiment.engine.SweepEngine;
import org.offload.experiment.engine.Tables;
import org.offload.experiment.engine.ThreadPoolRunExecutor;
import org.offload.io.AtomicFiles;
import org.offload.io.ScenarioFileException;
import org.offload.policy.PolicyRegistry;
import org.offload.policy.builtin.BuiltInPolicies;
import org.offload.scenario.ScenarioException;

/**
 * Runs a {@link SweepSpec} as a {@link DesStudy} on the {@link SweepEngine}: each run an independent simulation, on
 * a {@link RunExecutor} (by default a pool of {@code spec.threads()} threads). Each run writes
 * {@code runs/<policy>/d<devices>/r<rep>/} ({@code scenario.yaml}, {@code summary.json}); the sweep then writes
 * {@value Tables#RUNS_FILE}, {@value Tables#AGGREGATE_FILE}, {@value Tables#PAIRED_FILE} (with a baseline),
 * {@value SweepManifest#FILE_NAME} and, if runs failed, {@value #FAILURES_FILE}. Results are aggregated in spec
 * order, so the CSV files (wall time aside) do not depend on the executor or its parallelism.
 *
 * <p>Bad input (unknown policy, invalid scenario, a folder holding another sweep's runs without resume or force, a
 * resumed run from a different sweep) fails before any run starts, with {@link SweepSpecException},
 * {@link ScenarioFileException} or {@link ScenarioException}. A run that throws is recorded and the others go on.
 */
public final class SweepRunner {
    /** Lists the failed runs with their stack traces; deleted when a sweep has no failures. */
    public static final String FAILURES_FILE = "failures.txt";

    private final SweepSpec spec;
    private final Path dir;
    private final PolicyRegistry registry;
    private final boolean resume;
    private final boolean force;
    private final RunListener<? super RunPoint> listener;
    private final RunExecutor executor;
    private final String baseline;
    private final String commandLine;
    private final String generator;

    private SweepRunner(Builder b) {
        this.spec = b.spec;
        this.dir = b.dir;
        this.registry = b.registry != null ? b.registry : BuiltInPolicies.registry();
        this.resume = b.resume;
        this.force = b.force;
        this.listener = b.listener != null ? b.listener : new RunListener<RunPoint>() { };
        this.executor = b.executor != null ? b.executor : new ThreadPoolRunExecutor(b.spec.threads());
        this.baseline = b.baseline;
        this.commandLine = b.commandLine;
        this.generator = b.generator;
    }

    public static Builder builder(SweepSpec spec, Path directory) {
        return new Builder(spec, directory);
    }

    /** Options of a sweep; everything but the spec and the output directory is optional. */
    public static final class Builder {
        private final SweepSpec spec;
        private final Path dir;
        private PolicyRegistry registry;
        private boolean resume;
        private boolean force;
        private RunListener<? super RunPoint> listener;
        private RunExecutor executor;
        private String baseline;
        private String commandLine = "";
        private String generator = "offload";

        private Builder(SweepSpec spec, Path dir) {
            this.spec = Objects.requireNonNull(spec, "spec");
            this.dir = Objects.requireNonNull(dir, "directory");
        }

        /** Registry the policies are looked up in (default: {@code BuiltInPolicies.registry()}). */
        public Builder registry(PolicyRegistry r) {
            this.registry = r;
            return this;
        }

        /** Reuses runs whose {@code summary.json} exists instead of running them again. */
        public Builder resume(boolean r) {
            this.resume = r;
            return this;
        }

        /** Replaces the runs the directory holds (without it or resume, a directory with runs is refused). */
        public Builder force(boolean f) {
            this.force = f;
            return this;
        }

        public Builder listener(RunListener<? super RunPoint> l) {
            this.listener = l;
            return this;
        }

        /** Where runs execute (default: a pool of the spec's thread count). */
        public Builder executor(RunExecutor e) {
            this.executor = e;
            return this;
        }

        /** A policy of the spec to compare every other with, paired by replication ({@value Tables#PAIRED_FILE}). */
        public Builder baseline(String policy) {
            this.baseline = policy;
            return this;
        }

        /** The command line recorded in {@value SweepManifest#FILE_NAME}. */
        public Builder commandLine(String c) {
            this.commandLine = c;
            return this;
        }

        /** Names the program (and version) in {@value SweepManifest#FILE_NAME}. */
        public Builder generator(String g) {
            this.generator = g;
            return this;
        }

        public SweepRunner build() {
            return new SweepRunner(this);
        }
    }

    /**
     * Runs the sweep. Throws only for bad input (before any run), for I/O errors writing the sweep files and when
     * interrupted (the runs finished by then are kept; {@code resume} continues).
     */
    public SweepResult run() throws IOException, InterruptedException {
        Instant started = Instant.now();
        List<String> unknown = spec.policies().stream().filter(p -> !registry.contains(p) && spec.variant(p) == null)
                .toList();
        if (!unknown.isEmpty()) {
            throw new SweepSpecException(unknown.size() == 1 ? registry.unknownPolicy(unknown.get(0))
                    : "unknown policies '" + String.join("', '", unknown) + "'; known policies: "
                    + String.join(", ", registry.entries().keySet()));
        }
        if (baseline != null && !spec.policies().contains(baseline)) {
            throw new SweepSpecException("baseline: '" + baseline + "' is not one of the sweep's policies ("
                    + String.join(", ", spec.policies()) + ")");
        }
        ScenarioSource source = ScenarioSource.read(spec.scenario());
        DesStudy study = new DesStudy(spec, source, registry);
        String scenarioName = null;
        for (RunPoint p : spec.points()) {
            if (p.replication() == 0 && p.policy().equals(spec.policies().get(0))) {
                scenarioName = source.parse(study.overrides(p)).name();
            }
        }
        SweepEngine.Result<RunPoint> r = SweepEngine.run(study, dir, executor, resume, force, listener);

        List<RunResult> runs = new ArrayList<>();
        List<RunFailure> failures = new ArrayList<>();
        for (Outcome<RunPoint> o : r.outcomes()) {
            if (o.ok()) {
                runs.add(new RunResult(o.run(), o.values(), o.resumed()));
            } else {
                failures.add(new RunFailure(o.run(), o.error()));
            }
        }
        List<Group> groups = Tables.groups(study, r.outcomes());
        List<AggregateRow> aggregate = groups.stream().map(AggregateRow::of).toList();
        Tables.writeRuns(dir.resolve(Tables.RUNS_FILE), study.metrics(), r.outcomes());
        Tables.writeAggregate(dir.resolve(Tables.AGGREGATE_FILE), study.metrics(), groups);
        List<Tables.Paired> paired = baseline == null ? List.of() : Tables.paired(study.metrics(), groups, baseline);
        if (baseline != null) {
            Tables.writePaired(dir.resolve(Tables.PAIRED_FILE), study.metrics(), paired);
        } else {
            Files.deleteIfExists(dir.resolve(Tables.PAIRED_FILE));
        }
        writeFailures(failures);
        double wall = r.wallTimeS();
        new SweepManifest(commandLine, spec, source.label(), scenarioName, r.executed(), r.resumed(),
                failures.stream().map(RunFailure::describe).toList(),
                started.truncatedTo(ChronoUnit.SECONDS).toString(), wall, generator, baseline, executor.describe())
                .write(dir.resolve(SweepManifest.FILE_NAME));
        return new SweepResult(spec, dir, runs, failures, aggregate, paired, r.executed(), r.resumed(), wall);
    }

    private void writeFailures(List<RunFailure> failures) throws IOException {
        Path file = dir.resolve(FAILURES_FILE);
        if (failures.isEmpty()) {
            Files.deleteIfExists(file);
            return;
        }
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        out.printf("%d of %d runs failed.%n", failures.size(), spec.runCount());
        for (RunFailure f : failures) {
            out.println();
            out.println(f.describe());
            out.println("  directory: " + f.point().relativeDir());
            StringWriter trace = new StringWriter();
            f.error().printStackTrace(new PrintWriter(trace));
            trace.toString().lines().forEach(l -> out.println("  " + l));
        }
        out.flush();
        AtomicFiles.writeString(file, text.toString());
    }
}
